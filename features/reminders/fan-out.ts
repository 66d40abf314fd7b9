import { classifyDeliveryFailure, DeliveryError } from '../../core/ports/delivery-error';
import { SlidingWindowLimiter, teamsConversationWindows, type RateWindow } from './rate-limiter';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './retry-delay';

/** One message to one target. */
export interface FanOutJob {
  /** Per-thread rate limits apply per key: the conversation id (or "feed:<user>"). */
  rateKey: string;
  /**
   * Runs once, right before the first attempt (after the rate limiter let it through), so the
   * at-most-once claim is written as late as possible: a crash loses only what is in flight.
   * False = someone else owns this delivery; the job ends as 'not-claimed' without sending.
   */
  claim?: () => Promise<boolean>;
  /** One attempt; throws on failure (classified by classifyDeliveryFailure). */
  attempt: () => Promise<void>;
  /** Attempts in this layer; 1 for a port that retries by itself (the Graph client). */
  maxAttempts?: number;
}

export type FanOutOutcome =
  | { status: 'sent'; attempts: number }
  | { status: 'not-claimed' }
  | { status: 'aborted' }
  | { status: 'failed'; attempts: number; error: DeliveryError };

export interface FanOutOptions {
  /** Messages per second for the whole app (Teams: 30 per app per tenant). Default 30. */
  globalPerSecond: number;
  /**
   * The global second is counted as 1000 ms + this, so network jitter between our clock and the
   * service's cannot squeeze 31 messages into its second. Default 20 ms.
   */
  globalMarginMs: number;
  /** Limits per conversation thread. Default: Teams' (7/1 s, 8/2 s, 60/30 s, 1800/h). */
  conversationWindows: RateWindow[];
  /** Attempts per job, first included. Default 5. */
  maxAttempts: number;
  /** Attempts in flight at once. Default 32. */
  maxConcurrent: number;
  backoff: BackoffOptions;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface FanOutRunOptions {
  /**
   * Called about every `everyMs` while the run lasts (the scheduler renews its lease here);
   * false stops dispatching: jobs not yet started end as 'aborted'.
   */
  heartbeat?: { everyMs: number; beat: () => Promise<boolean> };
  /** Checked before each dispatch; true stops dispatching (shutdown): jobs not started end as 'aborted'. */
  shouldStop?: () => boolean;
  /**
   * Called once per job as soon as its outcome is final, and awaited before the job leaves the
   * in-flight set (so before `run` resolves). The scheduler records each result here, not after
   * the whole run: a crash then leaves unrecorded only what was in flight. It must handle its own
   * errors; a rejection is ignored here.
   */
  onOutcome?: (index: number, outcome: FanOutOutcome) => Promise<void>;
}

export interface FanOutStats {
  attempts: number;
  retries: number;
  /** Attempts answered 429. */
  throttled: number;
}

interface Pending {
  index: number;
  job: FanOutJob;
  attempt: number;
  notBefore: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Throttled fan-out: sends many jobs as fast as the limits allow and no faster.
 *  - a global limit (at most 30 in any second) and Teams' per-conversation windows,
 *    checked for EVERY attempt, retries included;
 *  - transient failures (429, 412, 502, 503, 504, no response) are retried after Retry-After,
 *    else exponential backoff with jitter, at most `maxAttempts` times; a job waiting to retry
 *    does not hold up the others;
 *  - permanent and other failures end the job; the caller deactivates and logs.
 * The limiters live as long as the FanOut, so back-to-back runs still respect the windows.
 * Clock, sleep and randomness are injected (tests run it on virtual time).
 */
export class FanOut {
  readonly stats: FanOutStats = { attempts: 0, retries: 0, throttled: 0 };
  private readonly options: FanOutOptions;
  private readonly global: SlidingWindowLimiter;
  private readonly perConversation: SlidingWindowLimiter;

  constructor(options: Partial<FanOutOptions> = {}) {
    this.options = {
      globalPerSecond: 30,
      globalMarginMs: 20,
      conversationWindows: teamsConversationWindows(),
      maxAttempts: 5,
      maxConcurrent: 32,
      backoff: DEFAULT_BACKOFF,
      now: () => Date.now(),
      sleep: realSleep,
      random: Math.random,
      ...options,
    };
    if (!(this.options.globalPerSecond >= 1)) throw new RangeError('globalPerSecond must be ≥ 1');
    // A sliding second, plus a minimum gap of 90 % of 1/rate so a second's messages are spread out
    // rather than fired as one burst (a burst's requests arrive with more jitter than the margin).
    // Not pure spacing: its 33⅓ ms gaps round up to whole timer milliseconds, and the error adds up.
    const rate = this.options.globalPerSecond;
    this.global = new SlidingWindowLimiter([
      { limit: rate, perMs: 1000 + this.options.globalMarginMs },
      { limit: 1, perMs: Math.max(1, Math.floor(900 / rate)) },
    ]);
    this.perConversation = new SlidingWindowLimiter(this.options.conversationWindows);
  }

  async run(jobs: readonly FanOutJob[], runOptions: FanOutRunOptions = {}): Promise<FanOutOutcome[]> {
    const { now, sleep, maxConcurrent } = this.options;
    const results: FanOutOutcome[] = new Array<FanOutOutcome>(jobs.length);
    const pending: Pending[] = jobs.map((job, index) => ({ index, job, attempt: 0, notBefore: -Infinity }));
    const inFlight = new Set<Promise<void>>();
    // Resolved whenever an attempt settles, so a waiting dispatcher wakes for its retry.
    let settled: () => void = () => undefined;
    let changed = new Promise<void>((resolve) => (settled = resolve));
    const heartbeat = runOptions.heartbeat;
    let lastBeat = now();
    let aborted = false;
    const settle = async (index: number, outcome: FanOutOutcome): Promise<void> => {
      results[index] = outcome;
      try {
        await runOptions.onOutcome?.(index, outcome);
      } catch {
        // documented: the caller handles (logs) its own recording errors
      }
    };

    const launch = (p: Pending): void => {
      const run = this.attemptOnce(p, pending, settle).finally(() => {
        inFlight.delete(run);
        settled();
        changed = new Promise<void>((resolve) => (settled = resolve));
      });
      inFlight.add(run);
    };

    while (pending.length > 0 || inFlight.size > 0) {
      if (heartbeat !== undefined && now() - lastBeat >= heartbeat.everyMs) {
        lastBeat = now();
        if (!(await heartbeat.beat())) aborted = true;
      }
      if (runOptions.shouldStop?.() === true) aborted = true;
      if (aborted) {
        for (const p of pending.splice(0)) await settle(p.index, { status: 'aborted' });
        await Promise.all(inFlight);
        break;
      }
      if (inFlight.size >= maxConcurrent || pending.length === 0) {
        await changed;
        continue;
      }
      const t = now();
      // First job (in order; retries were appended) that its conversation's limits allow now.
      let chosen = -1;
      let wakeAt = Infinity;
      for (let i = 0; i < pending.length; i++) {
        const p = pending[i]!;
        const at = Math.max(p.notBefore, this.perConversation.nextAllowedAt(p.job.rateKey, t));
        if (at <= t) {
          chosen = i;
          break;
        }
        wakeAt = Math.min(wakeAt, at);
      }
      if (chosen < 0) {
        const waitMs = Math.max(1, Math.ceil(wakeAt - t));
        await (inFlight.size > 0 ? Promise.race([sleep(waitMs), changed]) : sleep(waitMs));
        continue;
      }
      const globalAt = this.global.nextAllowedAt('app', t);
      if (globalAt > t) {
        await sleep(Math.max(1, Math.ceil(globalAt - t)));
        continue;
      }
      const p = pending.splice(chosen, 1)[0]!;
      this.global.record('app', t);
      this.perConversation.record(p.job.rateKey, t);
      launch(p);
    }
    this.perConversation.prune(now());
    return results;
  }

  private async attemptOnce(p: Pending, pending: Pending[], settle: (index: number, outcome: FanOutOutcome) => Promise<void>): Promise<void> {
    if (p.attempt === 0 && p.job.claim !== undefined) {
      let claimed: boolean;
      try {
        claimed = await p.job.claim();
      } catch (err) {
        // The store is unreachable: nothing was sent, and nothing may be sent without a claim.
        await settle(p.index, { status: 'failed', attempts: 0, error: new DeliveryError('failed', undefined, undefined, `claim failed: ${err instanceof Error ? err.message : String(err)}`) });
        return;
      }
      if (!claimed) {
        await settle(p.index, { status: 'not-claimed' });
        return;
      }
    }
    p.attempt++;
    this.stats.attempts++;
    let sent = false;
    try {
      await p.job.attempt();
      sent = true;
    } catch (err) {
      const error = classifyDeliveryFailure(err);
      if (error.statusCode === 429) this.stats.throttled++;
      const maxAttempts = p.job.maxAttempts ?? this.options.maxAttempts;
      if (error.kind === 'transient' && p.attempt < maxAttempts) {
        this.stats.retries++;
        p.notBefore = this.options.now() + retryDelayMs(p.attempt, error.retryAfterMs, this.options.random, this.options.backoff);
        pending.push(p);
        return;
      }
      await settle(p.index, { status: 'failed', attempts: p.attempt, error });
    }
    // Outside the try: a failing onOutcome must not turn a delivered message into a retry.
    if (sent) await settle(p.index, { status: 'sent', attempts: p.attempt });
  }
}
