import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DeliveryError, deliveryErrorForStatus } from '../../../core/ports/delivery-error';
import { FanOut, type FanOutJob, type FanOutOptions } from '../../../features/reminders/fan-out';
import { teamsConversationWindows } from '../../../features/reminders/rate-limiter';

/** Sends recorded by a fake sender: which conversation, at which (virtual) time. */
interface Sent {
  key: string;
  at: number;
}

function maxInWindow(times: readonly number[], perMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= perMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('FanOut (virtual time)', function () {
  let clock: sinon.SinonFakeTimers;
  beforeEach(function () {
    clock = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(function () {
    clock.restore();
  });

  /** Runs the fan-out to completion on virtual time. */
  async function run(fan: FanOut, jobs: FanOutJob[], advanceMs = 600_000) {
    const done = fan.run(jobs);
    await clock.tickAsync(advanceMs);
    return done;
  }

  function jobsFor(keys: string[], sent: Sent[], fail?: (key: string, attempt: number) => Error | undefined): FanOutJob[] {
    const attempts = new Map<string, number>();
    return keys.map((key) => ({
      rateKey: key,
      attempt: async () => {
        const n = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, n);
        const err = fail?.(key, n);
        if (err) throw err;
        sent.push({ key, at: Date.now() });
      },
    }));
  }

  const fanOut = (o: Partial<FanOutOptions> = {}) => new FanOut({ random: () => 0, ...o });

  it('keeps to the global rate: 90 conversations at 30/s go in three seconds, never more than 30 in a second', async function () {
    const sent: Sent[] = [];
    const keys = Array.from({ length: 90 }, (_, i) => `c${i}`);
    const results = await run(fanOut({ globalPerSecond: 30 }), jobsFor(keys, sent));
    assert.ok(results.every((r) => r.status === 'sent'));
    assert.equal(sent.length, 90);
    assert.equal(maxInWindow(sent.map((s) => s.at), 1000), 30);
    const last = Math.max(...sent.map((s) => s.at));
    // 30 ms apart (90 % of 1/30 s), and each second's 31st waits for the first to leave the
    // (1000 + 20 ms) window: 0 … 870, 1020 … 1890, 2040 … 2910.
    assert.equal(last, 2910);
    assert.equal(sent[30]!.at, 1020);
  });

  it("keeps to Teams' limits in one conversation: ≤ 7 per second and ≤ 8 per 2 seconds", async function () {
    const sent: Sent[] = [];
    const results = await run(fanOut({ globalPerSecond: 1000 }), jobsFor(Array(20).fill('one'), sent));
    assert.ok(results.every((r) => r.status === 'sent'));
    const times = sent.map((s) => s.at);
    assert.equal(maxInWindow(times, 1000), 7);
    assert.ok(maxInWindow(times, 2000) <= 8);
    // 20 messages at 8 per 2 s: the 17th cannot go before 4 s.
    assert.ok(Math.max(...times) >= 4000);
  });

  it('does not let one busy conversation hold up the others', async function () {
    const sent: Sent[] = [];
    await run(fanOut({ globalPerSecond: 1000 }), jobsFor([...Array(10).fill('busy'), 'quiet'], sent));
    const quiet = sent.find((s) => s.key === 'quiet')!;
    assert.ok(quiet.at < 100, `the quiet conversation waited ${quiet.at} ms behind the busy one`);
  });

  it('retries a 429 after its Retry-After, while the other jobs go on', async function () {
    const sent: Sent[] = [];
    const results = await run(
      fanOut({ globalPerSecond: 100 }),
      jobsFor(['slow', 'a', 'b', 'c'], sent, (key, n) => (key === 'slow' && n === 1 ? deliveryErrorForStatus(429, 2000, 'throttled') : undefined)),
    );
    assert.deepEqual(results[0], { status: 'sent', attempts: 2 });
    const slow = sent.find((s) => s.key === 'slow')!;
    assert.ok(slow.at >= 2000 && slow.at <= 2200, `retried at ${slow.at} ms (Retry-After 2 s + ≤ 10 % jitter)`);
    assert.ok(sent.filter((s) => s.key !== 'slow').every((s) => s.at < 100));
  });

  it('backs off exponentially without Retry-After and gives up after maxAttempts', async function () {
    const attemptsAt: number[] = [];
    const job: FanOutJob = {
      rateKey: 'x',
      attempt: async () => {
        attemptsAt.push(Date.now());
        throw deliveryErrorForStatus(503, undefined, 'unavailable');
      },
    };
    // random = 0 → the lower edge of the jitter: half of 1 s, 2 s, 4 s, 8 s.
    const [result] = await run(fanOut({ maxAttempts: 5 }), [job]);
    assert.equal(result!.status, 'failed');
    assert.equal(result!.status === 'failed' && result.attempts, 5);
    assert.deepEqual(attemptsAt, [0, 500, 1500, 3500, 7500]);
  });

  it('puts jitter on the backoff (random = 1 → the full step)', async function () {
    const attemptsAt: number[] = [];
    const job: FanOutJob = {
      rateKey: 'x',
      attempt: async () => {
        attemptsAt.push(Date.now());
        throw deliveryErrorForStatus(502, undefined, 'bad gateway');
      },
    };
    await run(fanOut({ maxAttempts: 3, random: () => 1 }), [job]);
    assert.deepEqual(attemptsAt, [0, 1000, 3000]);
  });

  for (const status of [412, 429, 502, 503, 504]) {
    it(`retries HTTP ${status}`, async function () {
      const sent: Sent[] = [];
      const [r] = await run(fanOut(), jobsFor(['x'], sent, (_k, n) => (n < 3 ? deliveryErrorForStatus(status, undefined, 'x') : undefined)));
      assert.deepEqual(r, { status: 'sent', attempts: 3 });
    });
  }

  for (const status of [403, 404, 400, 500]) {
    it(`does not retry HTTP ${status}`, async function () {
      const sent: Sent[] = [];
      const [r] = await run(fanOut(), jobsFor(['x'], sent, () => deliveryErrorForStatus(status, undefined, 'x')));
      assert.equal(r!.status, 'failed');
      assert.ok(r!.status === 'failed' && r.attempts === 1 && r.error.statusCode === status);
      assert.equal(r!.status === 'failed' && r.error.kind, status === 403 || status === 404 ? 'permanent' : 'failed');
    });
  }

  it('counts retries against the limits too', async function () {
    const sent: Sent[] = [];
    const attemptTimes: number[] = [];
    const attempts = new Map<number, number>();
    const jobs: FanOutJob[] = Array.from({ length: 10 }, (_, i) => ({
      rateKey: 'one',
      attempt: async () => {
        attemptTimes.push(Date.now());
        const n = (attempts.get(i) ?? 0) + 1;
        attempts.set(i, n);
        if (n === 1) throw deliveryErrorForStatus(429, 0, 'throttled');
        sent.push({ key: 'one', at: Date.now() });
      },
    }));
    await run(fanOut({ globalPerSecond: 1000 }), jobs);
    assert.equal(sent.length, 10);
    assert.equal(attemptTimes.length, 20);
    assert.ok(maxInWindow(attemptTimes, 1000) <= 7);
  });

  it('honours maxAttempts per job (1 for a port that retries by itself)', async function () {
    let calls = 0;
    const job: FanOutJob = {
      rateKey: 'feed:u',
      maxAttempts: 1,
      attempt: async () => {
        calls++;
        throw new DeliveryError('transient', 429, 1000, 'x');
      },
    };
    const [r] = await run(fanOut(), [job]);
    assert.equal(calls, 1);
    assert.equal(r!.status, 'failed');
  });

  it('claims right before the first attempt; an unclaimed job never sends', async function () {
    const log: string[] = [];
    const jobs: FanOutJob[] = ['a', 'b'].map((key) => ({
      rateKey: key,
      claim: async () => {
        log.push(`claim ${key} @${Date.now()}`);
        return key === 'a';
      },
      attempt: async () => void log.push(`send ${key} @${Date.now()}`),
    }));
    const results = await run(fanOut({ globalPerSecond: 1 }), jobs);
    assert.deepEqual(results, [{ status: 'sent', attempts: 1 }, { status: 'not-claimed' }]);
    // b's claim waited for its rate slot (1 s + the 20 ms margin later), not made up front.
    assert.deepEqual(log, ['claim a @0', 'send a @0', 'claim b @1020']);
  });

  it('a failing claim (store down) sends nothing', async function () {
    let sent = 0;
    const [r] = await run(fanOut(), [{ rateKey: 'a', claim: async () => Promise.reject(new Error('db down')), attempt: async () => void sent++ }]);
    assert.equal(sent, 0);
    assert.ok(r!.status === 'failed' && r.attempts === 0);
  });

  it('stops dispatching when the heartbeat says the lease is lost', async function () {
    const sent: Sent[] = [];
    const fan = fanOut({ globalPerSecond: 10 });
    let beats = 0;
    const done = fan.run(jobsFor(Array.from({ length: 50 }, (_, i) => `c${i}`), sent), { heartbeat: { everyMs: 1000, beat: async () => ++beats < 2 } });
    await clock.tickAsync(60_000);
    const results = await done;
    assert.ok(sent.length >= 15 && sent.length <= 25, `sent ${sent.length} before the lease was lost at ~2 s`);
    assert.equal(results.filter((r) => r.status === 'aborted').length, 50 - sent.length);
  });

  it('reports each outcome as soon as it is final — not at the end of the run — so a crash leaves only what is in flight unrecorded', async function () {
    const sent: Sent[] = [];
    const reported: Array<{ key: string; status: string; at: number }> = [];
    const keys = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const fail = (key: string, attempt: number) => (key === 'c3' && attempt === 1 ? deliveryErrorForStatus(429, 2000, 'Too Many Requests') : key === 'c5' ? deliveryErrorForStatus(403, undefined, 'Forbidden') : undefined);
    const done = fanOut({ globalPerSecond: 10 }).run(jobsFor(keys, sent, fail), {
      onOutcome: async (i, outcome) => void reported.push({ key: keys[i]!, status: outcome.status, at: Date.now() }),
    });
    await clock.tickAsync(1_000);
    // One second in (10 per second): the first ten are reported, c3 is waiting for its retry.
    assert.deepEqual(reported.map((r) => `${r.key} ${r.status}`), ['c0 sent', 'c1 sent', 'c2 sent', 'c4 sent', 'c5 failed', 'c6 sent', 'c7 sent', 'c8 sent', 'c9 sent']);
    await clock.tickAsync(60_000);
    const results = await done;
    assert.equal(reported.length, 30, 'every job reported exactly once');
    assert.deepEqual(new Set(reported.map((r) => r.key)).size, 30);
    for (const r of reported) assert.equal(r.status, results[keys.indexOf(r.key)]!.status);
    const c3 = reported.find((r) => r.key === 'c3')!;
    assert.ok(c3.status === 'sent' && c3.at >= 2000, 'the retried job is reported once, after its retry');
  });

  it('Teams windows carry a small safety margin', function () {
    const w = teamsConversationWindows(7, 50);
    assert.deepEqual(w.map((x) => [x.limit, x.perMs]), [[7, 1050], [8, 2050], [60, 30_050], [1800, 3_600_050]]);
  });
});
