import assert from 'node:assert/strict';
import pino from 'pino';
import { startReminderLoop } from '../../app/reminder-loop';
import type { ReminderScheduler, TickReport } from '../../features/reminders/reminder-scheduler';

/** A scheduler stand-in that records calls; a tick takes `tickMs`. */
function fakeScheduler(tickMs: number, fail = false) {
  const calls: string[] = [];
  let ticking = 0;
  let maxConcurrent = 0;
  const scheduler = {
    async tick(): Promise<TickReport> {
      ticking++;
      maxConcurrent = Math.max(maxConcurrent, ticking);
      calls.push('tick');
      await new Promise((r) => setTimeout(r, tickMs));
      ticking--;
      calls.push('tick-done');
      if (fail) throw new Error('store down');
      return {} as TickReport;
    },
    abort: () => void calls.push('abort'),
    stop: async () => void calls.push('stop'),
  };
  return { scheduler: scheduler as unknown as ReminderScheduler, calls, maxConcurrent: () => maxConcurrent };
}

describe('reminder loop (app/reminder-loop.ts)', function () {
  it('ticks at once and then every interval, never two ticks at a time', async function () {
    const f = fakeScheduler(30);
    const loop = startReminderLoop(f.scheduler, { intervalMs: 5, logger: pino({ level: 'silent' }) });
    await new Promise((r) => setTimeout(r, 150));
    await loop.stop();
    assert.ok(f.calls.filter((c) => c === 'tick').length >= 3);
    assert.equal(f.maxConcurrent(), 1);
  });

  it('stop aborts the running tick, waits for it, then releases the lease; no tick after', async function () {
    const f = fakeScheduler(50);
    const loop = startReminderLoop(f.scheduler, { intervalMs: 1, logger: pino({ level: 'silent' }) });
    await new Promise((r) => setTimeout(r, 10));
    await loop.stop();
    assert.deepEqual(f.calls.slice(-3), ['abort', 'tick-done', 'stop']);
    const n = f.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(f.calls.length, n);
  });

  it('a failing tick is logged and the loop goes on', async function () {
    const f = fakeScheduler(1, true);
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (l: string) => void lines.push(l) });
    const loop = startReminderLoop(f.scheduler, { intervalMs: 5, logger });
    await new Promise((r) => setTimeout(r, 60));
    await loop.stop();
    assert.ok(f.calls.filter((c) => c === 'tick').length >= 2);
    assert.ok(lines.some((l) => /reminder tick failed/.test(l)));
  });
});
