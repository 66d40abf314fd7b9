import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { retryAfterMs } from '../core/retry-after';

/**
 * Replaces the Graph client's default RetryHandler. That handler retries only 429/503/504, sleeps
 * with a real setTimeout and reads Retry-After dates against Date.now(), so neither its waits nor
 * its clock can be injected and a test of "Retry-After: 30" would take 30 real seconds. This one
 * retries 429, 500, 502, 503, 504 and network failures, honours Retry-After (seconds or an HTTP
 * date, read against the injected clock), else waits with exponential backoff and full jitter,
 * and is bounded twice: at most `maxRetries` retries, and a Retry-After longer than `maxWaitMs`
 * is not waited for at all — the last response goes back to the caller, whose scheduler can try
 * again later instead of holding a request open for minutes.
 *
 * Retrying a POST is safe here because every POST we make is idempotent on Graph's side:
 * events carry a transactionId, activity notifications a chainId (see their callers).
 */

export const RETRYABLE_STATUS_CODES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface GraphRetryOptions {
  /** Retries after the first attempt (default 3, like the client's own handler). */
  maxRetries?: number;
  /** First backoff step without Retry-After (default 1 s; doubles per attempt). */
  baseDelayMs?: number;
  /** Longest single wait; a longer Retry-After ends the retries (default 60 s). */
  maxWaitMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1); jitter source. */
  random?: () => number;
  /** Told about every retry, e.g. to log it. */
  onRetry?: (info: { attempt: number; status: number | undefined; waitMs: number; url: string }) => void;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class GraphRetryMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly onRetry: GraphRetryOptions['onRetry'];

  constructor(options: GraphRetryOptions = {}) {
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (next === undefined) throw new Error('GraphRetryMiddleware has no next middleware');
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      // A stale response from the previous attempt must not be read after a network failure.
      context.response = undefined;
      try {
        await next.execute(context);
      } catch (err) {
        // fetch rejects on network failures (connection refused, reset); those are worth a retry.
        failure = err;
      }
      const response = responseOf(context);
      const status = response?.status;
      const retryable = failure !== undefined || (status !== undefined && RETRYABLE_STATUS_CODES.has(status));
      if (!retryable || attempt >= this.maxRetries) {
        if (failure !== undefined) throw failure;
        return;
      }
      const asked = retryAfterMs(response?.headers.get('Retry-After'), this.now());
      if (asked !== undefined && asked > this.maxWaitMs) return;
      const waitMs = asked ?? this.backoffMs(attempt);
      this.onRetry?.({ attempt: attempt + 1, status, waitMs, url });
      // Drain the body of the response we are discarding so the socket can be reused.
      await response?.body?.cancel().catch(() => undefined);
      await this.sleep(waitMs);
    }
  }

  /** Full jitter: uniform in [0, base·2^attempt], capped by maxWaitMs. */
  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.maxWaitMs, this.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling * this.random());
  }
}

// Read through a function: after `context.response = undefined` TypeScript would otherwise
// narrow the property to undefined for the rest of the loop body.
function responseOf(context: Context): Response | undefined {
  return context.response;
}
