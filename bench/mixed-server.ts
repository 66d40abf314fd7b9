import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app/create-app';
import { readConfig } from '../config/read-config';
import { createLogger } from '../app/create-logger';
import { loadContracts } from '../goals/load-contracts';
import { projectRoot } from '../goals/default-contract';
import { openDatabase } from '../store/open-database';
import { seedDemo } from '../store/seed-demo-data';
import { systemClock } from '../core/time/clock';
import { BotProactiveSender } from '../teams/bot-framework-proactive-sender';
import { FanOut } from '../features/reminders/fan-out';
import { teamsConversationWindows } from '../features/reminders/rate-limiter';
import { ReminderScheduler } from '../features/reminders/reminder-scheduler';
import { RuleMeetingSource } from '../features/reminders/schedule/rule-meeting-source';
import { parseLeadTime } from '../core/schedule/lead-time';
import type { Schedule } from '../core/schedule/schedule';
import { startReminderLoop } from '../app/reminder-loop';

/**
 * Målbot for the mixed scenario (bench/mixed-scenario.ts), in its own process: SQLite with the demo
 * rows, the submitters as STAFF_USERS, the reminder store on the same file with CHANNELS subscribed
 * channels whose replies go to the load generator's connector, and the reminder loop running.
 *
 * Reminders need to fall due all the time, not once a fortnight, so the scheduler runs on
 * compressed time: a directors' meeting every (simulated) day at 09:00 with a reminder 1 hour
 * before, and one simulated day passing every DAY_SECONDS real seconds. Everything else — the
 * loop, the claims, the throttled fan-out (30/s), the proactive sender and the HTTP — is the
 * production code. The app's own clock (turns, "today") is the real one.
 *
 * argv: [2] staff object ids (comma-separated), [3] connector serviceUrl, [4] CHANNELS, [5] DAY_SECONDS.
 * IPC: reports { port, simStartMs, realStartMs, speed }; answers "memory", "stats", "stop-reminders", "exit".
 */

/** A Monday in winter (CET, no DST change for weeks): 09:00 local = 08:00Z, the reminder at 07:00Z. */
const SIM_START = Date.parse('2026-01-05T00:00:00Z');
const reminderChannelId = (i: number): string => `19:bench-mixed-${i}@thread.tacv2`;

async function main(): Promise<void> {
  const [staff = '', serviceUrl = '', channelsArg = '60', daySecondsArg = '10'] = process.argv.slice(2);
  const channels = Number(channelsArg);
  const speed = 86_400 / Number(daySecondsArg);
  const config = readConfig({ LOG_LEVEL: 'silent', PORT: '0', STAFF_USERS: staff });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-bench-mixed-'));
  const file = path.join(dir, 'bench.sqlite');
  const database = await openDatabase(`sqlite:${file}`, { baseDir: dir });
  const { measurements: store, reminders: reminderStore } = database;
  const contracts = loadContracts(path.resolve(projectRoot(), config.contractFile));
  const contract = contracts.inForce(new Date().toISOString().slice(0, 10)); // the demo rows' contract
  await seedDemo(store, contract.id);
  for (let i = 0; i < channels; i++) {
    const id = reminderChannelId(i);
    await reminderStore.upsertConversation({
      conversationId: id,
      kind: 'channel',
      reference: { conversation: { id, conversationType: 'channel', tenantId: 't' }, serviceUrl, channelId: 'msteams', bot: { id: '28:bench-bot' } },
      tenantId: 't',
      teamId: `19:bench-team-${i}@thread.tacv2`,
      userAadObjectId: null,
      seenAt: '2026-01-01T00:00:00.000Z',
    });
    // Before the simulated start: a reminder goes only to conversations subscribed before it fell due.
    await reminderStore.setSubscription(id, 'subscribed', '2026-01-01T00:00:00.000Z', 'bench');
  }
  const schedule: Schedule = {
    file: 'bench',
    timeZone: 'Europe/Copenhagen',
    meeting: { title: 'Direktørmøde', anchorDate: '2026-01-05', time: '09:00', durationMinutes: 60, intervalDays: 1, skipDates: [], leadTimes: [parseLeadTime('1h')!] },
    deadlines: { time: '09:00', leadDays: [], extra: [] },
    nudges: { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [] },
  };
  // BENCH_MIXED_LOG_LEVEL=info shows the scheduler's work (stdout of the bench).
  const logger = createLogger((process.env.BENCH_MIXED_LOG_LEVEL as Parameters<typeof createLogger>[0] | undefined) ?? 'silent');
  // The app with the real clock; its own scheduler is not started (app/main.ts starts the loop, not createApp).
  const app = createApp({ config, contracts, store, database, logger, clock: systemClock, reminderStore, schedule, instanceId: 'bench-app' });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));

  const realStartMs = Date.now();
  const simNow = () => new Date(SIM_START + (Date.now() - realStartMs) * speed);
  const scheduler = new ReminderScheduler({
    schedule,
    contract,
    measurements: store,
    store: reminderStore,
    meetingSource: new RuleMeetingSource(schedule.meeting!, schedule.timeZone),
    sender: new BotProactiveSender(app.adapter, '', systemClock),
    fanOut: new FanOut({ globalPerSecond: config.reminders.ratePerSecond, conversationWindows: teamsConversationWindows(config.reminders.conversationRatePerSecond) }),
    now: simNow,
    logger: logger.child({ component: 'reminders' }),
    instanceId: 'bench-mixed',
    // In simulated time: a real second is `speed` simulated seconds.
    options: { graceMs: 86_400_000, lateAfterMs: 3_600_000, leaseMs: 30 * 86_400_000, maxLookbackMs: 3_600_000, staleClaimMs: 30 * 86_400_000 },
  });
  const loop = startReminderLoop(scheduler, { intervalMs: 250, logger });

  process.on('message', (msg: unknown) => {
    if (msg === 'exit') void loop.stop().finally(() => process.exit(0));
    // Stops the reminder loop the way a shutdown does (the sends in flight finish) and says so.
    if (msg === 'stop-reminders') void loop.stop().then(() => process.send?.({ stopped: true }));
    if (msg === 'memory') {
      // As it is, then after a full GC (run with --expose-gc): the second shows whether anything is kept.
      const now = process.memoryUsage();
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ memory: { rss: now.rss, heapUsed: now.heapUsed, heapAfterGc: process.memoryUsage().heapUsed } });
    }
    if (msg === 'stats') {
      void (async () => {
        const deliveries = await reminderStore.listDeliveries();
        const byStatus: Record<string, number> = {};
        for (const d of deliveries) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
        const rows = (await store.listMeasurements(contract.id)).length;
        process.send?.({ stats: { rows, deliveries: byStatus, cpu: process.cpuUsage() } });
      })();
    }
  });
  process.send?.({ port: app.server.address().port, simStartMs: SIM_START, realStartMs, speed });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
