import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createAdapter } from '../teams/create-adapter';
import { BotProactiveSender } from '../teams/bot-framework-proactive-sender';
import { FanOut } from '../features/reminders/fan-out';
import { ReminderScheduler } from '../features/reminders/reminder-scheduler';
import { parseLeadTime } from '../core/schedule/lead-time';
import { RuleMeetingSource } from '../features/reminders/schedule/rule-meeting-source';
import type { Schedule } from '../core/schedule/schedule';
import { loadContract } from '../goals/load-contract';
import { defaultContractPath } from '../goals/default-contract';
import { openDatabase } from '../store/open-database';
import { RateLimitedConnector } from '../test/helpers/rate-limited-connector';
import { silentLogger } from '../core/silent-logger';

/**
 * Fan-out scenario: one meeting reminder to N subscribed conversations (default 1 000) through
 * the real scheduler, claims in SQLite, the real proactive sender (CloudAdapter
 * continueConversationAsync) and a loopback Bot Connector that enforces Teams' limits
 * (7/1 s, 8/2 s, 60/30 s, 1800/h per thread; 30/s for the app) and throttles some first attempts
 * with 429 + Retry-After. Reports the time against the theoretical minimum N / rate, and
 * duplicates and losses as the connector saw them.
 */

export interface FanoutResult {
  conversations: number;
  seconds: number;
  minimumSeconds: number;
  ratio: number;
  duplicates: number;
  losses: number;
  throttled: number;
  retries: number;
  maxPerSecond: number;
}

const silent = silentLogger;

export async function runFanoutScenario(options: { conversations?: number; ratePerSecond?: number; throttleEvery?: number } = {}): Promise<FanoutResult> {
  const n = options.conversations ?? Number(process.env.BENCH_FANOUT_CONVERSATIONS ?? 1000);
  const rate = options.ratePerSecond ?? 30;
  const throttleEvery = options.throttleEvery ?? Number(process.env.BENCH_FANOUT_429_EVERY ?? 25);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-bench-fanout-'));
  const file = path.join(dir, 'bench.sqlite');
  const connector = new RateLimitedConnector({
    perApp: { limit: rate, perMs: 1000 },
    // Every throttleEvery-th conversation's first message is refused with 429, Retry-After 1 s.
    inject: (id, attempt) => (attempt === 1 && Number(/-(\d+)@/.exec(id)?.[1]) % throttleEvery === 0 ? { status: 429, retryAfterSeconds: 1 } : undefined),
  });
  await connector.start();
  const database = await openDatabase(`sqlite:${file}`, { baseDir: dir });
  const { measurements, reminders: store } = database;
  try {
    for (let i = 0; i < n; i++) {
      const id = `19:bench-${i}@thread.tacv2`;
      await store.upsertConversation({
        conversationId: id,
        kind: 'channel',
        reference: { conversation: { id, conversationType: 'channel', tenantId: 't' }, serviceUrl: connector.serviceUrl, channelId: 'msteams', bot: { id: '28:bot' } },
        tenantId: 't',
        teamId: `19:team-${i}@thread.tacv2`,
        userAadObjectId: null,
        seenAt: '2026-01-01T00:00:00.000Z',
      });
      await store.setSubscription(id, 'subscribed', '2026-01-01T00:00:00.000Z', 'bench');
    }
    const schedule: Schedule = {
      file: 'bench',
      timeZone: 'Europe/Copenhagen',
      meeting: { title: 'Direktørmøde', anchorDate: '2026-03-16', time: '09:00', durationMinutes: 120, intervalDays: 14, skipDates: [], leadTimes: [parseLeadTime('2d')!] },
      deadlines: { time: '09:00', leadDays: [], extra: [] },
      nudges: { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [] },
    };
    const fanOut = new FanOut({ globalPerSecond: rate });
    const scheduler = new ReminderScheduler({
      schedule,
      contract: loadContract(defaultContractPath()),
      measurements,
      store,
      meetingSource: new RuleMeetingSource(schedule.meeting!, schedule.timeZone),
      sender: new BotProactiveSender(createAdapter(undefined, pino({ level: 'silent' })), ''),
      fanOut,
      // The scheduler's clock stands at the reminder's due time; the fan-out runs on real time.
      now: () => new Date('2026-03-28T08:00:00Z'),
      logger: silent,
      instanceId: 'bench',
    });

    const started = process.hrtime.bigint();
    const report = await scheduler.tick();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const counts = connector.deliveredCounts();
    let duplicates = 0;
    let losses = 0;
    for (let i = 0; i < n; i++) {
      const c = counts.get(`19:bench-${i}@thread.tacv2`) ?? 0;
      if (c === 0) losses++;
      if (c > 1) duplicates += c - 1;
    }
    if (report.sent !== n - losses) throw new Error(`scheduler reported ${report.sent} sent, connector saw ${n - losses}`);
    const minimumSeconds = n / rate;
    return {
      conversations: n,
      seconds,
      minimumSeconds,
      ratio: seconds / minimumSeconds,
      duplicates,
      losses,
      throttled: connector.requests.filter((r) => r.status === 429).length,
      retries: fanOut.stats.retries,
      maxPerSecond: connector.maxInWindow(null, 1000),
    };
  } finally {
    await connector.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printFanoutResult(r: FanoutResult): void {
  console.log(`\nscenario: reminder fan-out to ${r.conversations} conversations (Teams limits enforced, 429s injected)`);
  console.log(`  total ${r.seconds.toFixed(1)} s; theoretical minimum ${r.minimumSeconds.toFixed(1)} s (${r.conversations} messages at 30/s) → ${r.ratio.toFixed(2)}x (target ≤ 1.20x: ${r.ratio <= 1.2 ? 'met' : 'NOT met'})`);
  console.log(`  duplicates ${r.duplicates}, losses ${r.losses} (target 0 and 0: ${r.duplicates === 0 && r.losses === 0 ? 'met' : 'NOT met'})`);
  console.log(`  429 answers ${r.throttled}, retries ${r.retries}, most messages in any second ${r.maxPerSecond}`);
}

if (require.main === module) {
  runFanoutScenario()
    .then(printFanoutResult)
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
