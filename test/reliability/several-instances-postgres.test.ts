import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { defaultContractPath } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';
import { PostgresMeasurementStore } from '../../store/postgres-store';
import { PostgresReminderStore } from '../../store/postgres-reminder-store';
import type { DeliveryRecord } from '../../core/ports/reminder-store';
import { FakeConnector } from '../helpers/fake-connector';
import { createTempSchema, requirePostgresOrSkip, type TempSchema } from '../helpers/postgres';
import { startBotProcess, type BotProcess, type Exit } from './bot-process';
import { assertAcknowledgedStoredOnce, assertRowsComplete } from './measurement-audit';
import { postsPerChannel, seedSubscribedChannels, waitUntil, writeDueMeetingSchedule } from './reminder-fixtures';
import { confirmedRowId, planSubmissions, runStorm, STAFF, submitInvoke, type PlannedSubmission, type SendResult, type Shot } from './submission-storm';

const CONTRACT_ID = loadContract(defaultContractPath()).id;
const INSTANCES = 3;
const CHANNELS = 240;
const PLANNED = 240;
/** The leader is killed when this many submissions have been confirmed (the fan-out is then under way). */
const CRASH_AFTER = 80;
/** The fan-out's most attempts in flight (FanOut maxConcurrent): the documented crash window's bound. */
const IN_FLIGHT_BOUND = 32;

/**
 * Three real bot processes on one PostgreSQL schema and one slow fake Bot Connector. The scheduler
 * lease makes one of them send a meeting reminder to 240 channels (8 s at 30/s); meanwhile a storm
 * of form submissions goes to all three — some to two instances at the same instant (a Teams retry
 * landing elsewhere behind the load balancer). The leader is SIGKILLed mid-fan-out and mid-storm.
 */
describe('several bot processes on one PostgreSQL, the leader killed mid-fan-out and mid-storm', function () {
  this.timeout(120_000);
  let schema: TempSchema;
  let dir: string;
  let connector: FakeConnector;
  const bots: BotProcess[] = [];

  before(async function () {
    await requirePostgresOrSkip(this);
    schema = await createTempSchema();
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-instances-'));
    connector = new FakeConnector();
    await connector.start();
    connector.responseDelayMs = 300;
  });

  after(async function () {
    for (const bot of bots) await bot.crash();
    await connector?.stop();
    await schema?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('each channel gets the reminder once (none lost but the ≤ 32 in flight), every submission is stored once across the instances', async function () {
    // Each process works in the test's schema: pg reads `options` from the URL's query.
    const url = `${schema.connectionString}?options=${encodeURIComponent(schema.poolConfig.options!)}`;
    const now = new Date();
    const schedule = writeDueMeetingSchedule(dir, now);
    const reminders = new PostgresReminderStore({ connectionString: url, poolSize: 2 });
    const measurements = new PostgresMeasurementStore({ connectionString: url, poolSize: 2 });
    try {
      await measurements.migrate();
      await reminders.migrate();
      const ids = await seedSubscribedChannels(reminders, CHANNELS, connector.serviceUrl, new Date(now.getTime() - 2 * 3_600_000));

      const env = { DATABASE_URL: url, SCHEDULE_FILE: schedule.file, REMINDER_TICK_SECONDS: '5', STAFF_USERS: STAFF.fromAadObjectId };
      bots.push(...(await Promise.all(Array.from({ length: INSTANCES }, () => startBotProcess(env)))));
      const plans = await planSubmissions(bots, connector.serviceUrl, PLANNED);

      // The fan-out is under way; the lease names the one instance that runs it.
      await connector.waitForCalls(30, 20_000);
      const leaderId = await leaseHolder(url);
      const leader = bots.findIndex((b) => b.lines.some((l) => l.msg === 'reminder scheduler started' && l.instance === leaderId));
      assert.ok(leader >= 0, `the lease holder ${leaderId} is one of the three processes`);
      const survivors = bots.filter((_, i) => i !== leader);

      // Round robin over the instances; every 5th submission goes to two instances at the same instant.
      const shots: Shot[] = plans.map((submission, i) => (i % 5 === 0 ? [{ submission, via: i % INSTANCES }, { submission, via: (i + 1) % INSTANCES }] : [{ submission, via: i % INSTANCES }]));
      let crashed: Promise<Exit> | undefined;
      let reachedAtKill = 0;
      const results = await runStorm({
        bots,
        serviceUrl: connector.serviceUrl,
        shots,
        concurrency: 24,
        stopWhen: (done) => {
          if (crashed === undefined && new Set(done.filter((r) => r.acknowledged).map((r) => r.submission.submissionId)).size >= CRASH_AFTER) {
            reachedAtKill = connector.calls.length;
            crashed = bots[leader]!.crash();
          }
          return false; // the other instances keep taking submissions
        },
      });
      assert.deepEqual(await crashed, { code: null, signal: 'SIGKILL' });
      assert.ok(reachedAtKill < CHANNELS, `killed mid-fan-out: ${reachedAtKill} of ${CHANNELS} reminders had arrived`);
      const sent = new Map<string, PlannedSubmission>(results.map((r) => [r.submission.submissionId, r.submission]));
      const cutOff = results.filter((r) => !r.acknowledged);
      assert.ok(cutOff.length > 0 && cutOff.every((r) => r.via === leader), 'only sends to the killed instance went unanswered');

      // The dead leader's lease would lapse after 60 s (3 ticks, at least a minute); move its expiry
      // into the past instead of waiting. A survivor takes over at its next tick (≤ 5 s).
      await expireLease(url, leaderId);
      const deliveries = (): Promise<DeliveryRecord[]> => reminders.listDeliveries();
      let leftClaimed: DeliveryRecord[] = [];
      await waitUntil(
        async () => {
          const all = await deliveries();
          leftClaimed = all.filter((d) => d.status === 'claimed' && d.instanceId === leaderId);
          return all.filter((d) => d.status === 'sent').length === CHANNELS - leftClaimed.length;
        },
        30_000,
        () => `${connector.calls.length} arrived, ${leftClaimed.length} left claimed by the dead leader`,
      );

      // Reminders: once each across the instances; a loss only among the dead leader's unfinished claims.
      const counts = postsPerChannel(connector, ids);
      const duplicates = counts.filter((n) => n > 1).length;
      const lost = ids.filter((_, i) => counts[i] === 0);
      assert.equal(duplicates, 0, 'no channel got the reminder twice');
      assert.ok(leftClaimed.length <= IN_FLIGHT_BOUND, `${leftClaimed.length} deliveries left in the crash window; at most the ${IN_FLIGHT_BOUND} in flight may be`);
      const inWindow = new Set(leftClaimed.map((d) => d.targetId));
      assert.deepEqual(lost.filter((id) => !inWindow.has(`conv:${id}`)), [], 'every lost reminder was in flight at the kill');
      const all = await deliveries();
      assert.equal(all.length, CHANNELS, 'one delivery row per channel');
      assert.deepEqual(all.filter((d) => d.status !== 'sent' && !(d.status === 'claimed' && d.instanceId === leaderId)), [], 'nothing failed, nothing else unfinished');
      const takenOver = all.filter((d) => d.status === 'sent' && d.instanceId !== leaderId).length;
      assert.ok(takenOver > 0, 'a survivor sent the rest');

      // Submissions: what the storm left, then the user presses "Gem" again on the cut-off ones
      // (Teams routes the retry to a live instance), and late retries of acknowledged ones.
      const afterCrash = await measurements.listMeasurements(CONTRACT_ID);
      assertRowsComplete(afterCrash, sent);
      const tally = assertAcknowledgedStoredOnce(afterCrash, results);
      const acknowledged = new Map(results.filter((r) => r.acknowledged).map((r) => [r.submission.submissionId, r]));
      const storedBefore = new Map(afterCrash.map((r) => [r.submissionId!, r.id]));
      const replays = [...new Set(cutOff.map((r) => r.submission.submissionId))].filter((id) => !acknowledged.has(id));
      const lateRetries = [...acknowledged.keys()].slice(0, 20);
      const replayed: SendResult[] = [];
      await Promise.all(
        [...replays, ...lateRetries].map(async (id, i) => {
          // Both survivors at once for half of them: the replay races itself, too.
          const targets = i % 2 === 0 ? survivors : [survivors[i % survivors.length]!];
          await Promise.all(
            targets.map(async (bot) => {
              const answer = await bot.post(submitInvoke(connector.serviceUrl, sent.get(id)!));
              const rowId = confirmedRowId(answer);
              assert.ok(rowId !== undefined, `replay of ${id}: ${answer.status} ${answer.body.slice(0, 300)}`);
              const earlier = storedBefore.get(id);
              if (earlier !== undefined) assert.equal(rowId, earlier, `replay of ${id} names another row`);
              replayed.push({ submission: sent.get(id)!, via: bots.indexOf(bot), acknowledged: true, rowId });
            }),
          );
        }),
      );
      const final = await measurements.listMeasurements(CONTRACT_ID);
      assertRowsComplete(final, sent);
      assertAcknowledgedStoredOnce(final, [...results, ...replayed]);
      assert.equal(final.length, sent.size, 'every submission sent is stored, exactly once');
      const pairs = plans.filter((_, i) => i % 5 === 0 && sent.has(plans[i]!.submissionId)).length;

      for (const bot of survivors) assert.deepEqual(await bot.stop(), { code: 0, signal: null });

      if (process.env.RELIABILITY_REPORT) {
        console.log(
          `    [PostgreSQL × ${INSTANCES}] reminders: ${CHANNELS} channels, ${reachedAtKill} arrived before the leader was killed, ` +
            `${leftClaimed.length} left "claimed" (in flight), ${takenOver} sent by the survivors, delivered ${counts.filter((n) => n === 1).length}, duplicates ${duplicates}, lost ${lost.length}. ` +
            `Submissions: ${results.length} sends (${sent.size} submissions, ${pairs} sent to two instances at once), acknowledged ${tally.acknowledged}, ` +
            `cut off ${tally.unacknowledged} (stored before the kill answered: ${tally.unacknowledgedButStored}), rows ${afterCrash.length} → ${final.length} after replays, duplicates 0`,
        );
      }
    } finally {
      await reminders.close();
      await measurements.close();
    }
  });
});

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function leaseHolder(url: string): Promise<string> {
  const rows = await withClient(url, (c) => c.query<{ holder: string }>("SELECT holder FROM reminder_leases WHERE name = 'reminder-scheduler'"));
  assert.equal(rows.rows.length, 1, 'one instance holds the scheduler lease');
  return rows.rows[0]!.holder;
}

async function expireLease(url: string, holder: string): Promise<void> {
  const res = await withClient(url, (c) => c.query("UPDATE reminder_leases SET expires_at = '2000-01-01T00:00:00Z' WHERE name = 'reminder-scheduler' AND holder = $1", [holder]));
  assert.equal(res.rowCount, 1, 'the dead leader still held the lease');
}
