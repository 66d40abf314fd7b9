import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAdapter } from '../../teams/create-adapter';
import { BotProactiveSender } from '../../teams/bot-framework-proactive-sender';
import { FanOut } from '../../features/reminders/fan-out';
import { ReminderScheduler, type TickReport } from '../../features/reminders/reminder-scheduler';
import { RuleMeetingSource } from '../../features/reminders/schedule/rule-meeting-source';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import { openDatabase } from '../../store/open-database';
import type { Database } from '../../core/ports/database';
import type { ReminderStore } from '../../core/ports/reminder-store';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import { FakeConnector, type ConnectorFault } from '../helpers/fake-connector';
import { startRunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { testSchedule } from '../helpers/reminder-harness';
import { silentLogger } from '../../core/silent-logger';

/**
 * Fault injection on the Bot Connector during a reminder fan-out, over real HTTP: the real
 * scheduler, claims in SQLite, the real proactive sender (continueConversationAsync, one HTTP
 * attempt per send, each bounded by the connector timeout) against a loopback connector where one
 * of six subscribed channels misbehaves. The other five must each get their reminder exactly once,
 * every tick must end, and the faulty channel's requests must stop: 5 attempts per tick and 15 in
 * all for transient failures (429, 503, a reset, no answer), one for failures Teams does not call
 * retryable (500) or an answer cut off after Teams accepted the request.
 */

/** The 2-day reminder of the meeting on Monday 30 March 2026 09:00 is due now. */
const DUE = Date.parse('2026-03-28T08:00:00Z');
const CHANNELS = Array.from({ length: 6 }, (_, i) => `19:faults-${i}@thread.tacv2`);
const FAULTY = CHANNELS[1]!;
const TIMEOUT_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Case {
  name: string;
  fault: (attempt: number) => ConnectorFault | undefined;
  /** Requests for the faulty channel after each of four ticks (a minute apart). */
  attemptsAfterTicks: [number, number, number, number];
  final: 'sent' | 'failed';
  /** For a delivered retry: waited at least this long (Retry-After). */
  waitedAtLeastMs?: number;
}

const status = (s: number, retryAfter?: string): ConnectorFault => ({ kind: 'status', status: s, ...(retryAfter === undefined ? {} : { retryAfter }) });

const CASES: Case[] = [
  { name: '429 with Retry-After: 1, once', fault: (n) => (n === 1 ? status(429, '1') : undefined), attemptsAfterTicks: [2, 2, 2, 2], final: 'sent', waitedAtLeastMs: 950 },
  { name: '429 with Retry-After: 0, always', fault: () => status(429, '0'), attemptsAfterTicks: [5, 10, 15, 15], final: 'failed' },
  { name: '503, once', fault: (n) => (n === 1 ? status(503) : undefined), attemptsAfterTicks: [2, 2, 2, 2], final: 'sent' },
  { name: '500, always', fault: () => status(500), attemptsAfterTicks: [1, 1, 1, 1], final: 'failed' },
  { name: 'a reset connection, always', fault: () => ({ kind: 'reset' }), attemptsAfterTicks: [5, 10, 15, 15], final: 'failed' },
  { name: 'an answer dropped half-way', fault: () => ({ kind: 'drop-mid-response' }), attemptsAfterTicks: [1, 1, 1, 1], final: 'failed' },
  { name: 'no answer at all (a hang), always', fault: () => ({ kind: 'hang' }), attemptsAfterTicks: [5, 10, 15, 15], final: 'failed' },
  { name: 'an answer that stalls half-way, always', fault: () => ({ kind: 'hang-mid-response' }), attemptsAfterTicks: [5, 10, 15, 15], final: 'failed' },
];

describe('reliability: Bot Connector faults during a reminder fan-out', function () {
  this.timeout(60_000);
  let dir: string;
  let measurements: MeasurementStore;
  let store: ReminderStore;
  let database: Database;
  let connector: FakeConnector;
  let now: number;
  let scheduler: ReminderScheduler;

  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-faults-fanout-'));
    const file = path.join(dir, 'db.sqlite');
    database = await openDatabase(`sqlite:${file}`, { baseDir: dir });
    ({ measurements, reminders: store } = database);
    connector = new FakeConnector();
    await connector.start();
    for (const id of CHANNELS) {
      await store.upsertConversation({
        conversationId: id,
        kind: 'channel',
        reference: { conversation: { id, conversationType: 'channel', tenantId: 't' }, serviceUrl: connector.serviceUrl, channelId: 'msteams', bot: { id: '28:bot' } },
        tenantId: 't',
        teamId: '19:team@thread.tacv2',
        userAadObjectId: null,
        seenAt: '2026-03-01T00:00:00.000Z',
      });
      await store.setSubscription(id, 'subscribed', '2026-03-01T00:00:00.000Z', 'test');
    }
    now = DUE;
    const schedule = testSchedule();
    scheduler = new ReminderScheduler({
      schedule,
      contract: loadContract(defaultContractPath()),
      measurements,
      store,
      meetingSource: new RuleMeetingSource(schedule.meeting!, schedule.timeZone),
      sender: new BotProactiveSender(createAdapter(undefined, silentLogger, undefined, { outboundTimeoutMs: TIMEOUT_MS }), ''),
      // Real time and the real limits; only the backoff without Retry-After is shortened.
      fanOut: new FanOut({ backoff: { baseMs: 20, maxMs: 80, maxRetryAfterMs: 60_000 } }),
      now: () => new Date(now),
      logger: silentLogger,
      instanceId: 'faults',
    });
  });
  afterEach(async function () {
    await connector.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const attemptsFor = (id: string) => connector.attempts.filter((a) => a.conversationId === id);

  for (const c of CASES) {
    it(`${c.name}: the others get theirs once, the faulty channel's requests stop at ${c.attemptsAfterTicks[3]}, ${c.final}`, async function () {
      connector.fault = (call, n) => (call.conversationId === FAULTY ? c.fault(n) : undefined);
      const reports: TickReport[] = [];
      const seen: number[] = [];
      for (let tick = 0; tick < 4; tick++) {
        const started = Date.now();
        reports.push(await scheduler.tick());
        // Each tick ends: at most 5 attempts of at most TIMEOUT_MS, Retry-After 1 s, short backoffs.
        assert.ok(Date.now() - started < 5 * TIMEOUT_MS + 3_000, `tick ${tick + 1} took ${Date.now() - started} ms`);
        seen.push(attemptsFor(FAULTY).length);
        now += 60_000;
      }
      await sleep(TIMEOUT_MS + 200);
      assert.deepEqual(seen, c.attemptsAfterTicks, `requests to the faulty channel after each tick: ${attemptsFor(FAULTY).map((a) => a.fault ?? 'ok').join(' ')}`);
      assert.equal(attemptsFor(FAULTY).length, c.attemptsAfterTicks[3], 'and none after the ticks');

      for (const id of CHANNELS.filter((x) => x !== FAULTY)) {
        assert.equal(connector.calls.filter((call) => call.conversationId === id).length, 1, `${id} got its reminder exactly once`);
      }
      assert.equal(connector.calls.filter((call) => call.conversationId === FAULTY).length, c.final === 'sent' ? 1 : 0);
      assert.equal(reports[0]!.sent, c.final === 'sent' ? 6 : 5);
      const [delivery] = (await store.listDeliveries()).filter((d) => d.targetId === `conv:${FAULTY}`);
      assert.equal(delivery?.status, c.final);
      assert.equal(delivery?.attempts, c.attemptsAfterTicks[3]);
      if (c.waitedAtLeastMs !== undefined) {
        const [first, second] = attemptsFor(FAULTY);
        assert.ok(second!.at - first!.at >= c.waitedAtLeastMs, `Retry-After honoured: ${second!.at - first!.at} ms`);
      }
    });
  }
});

describe('reliability: a stuck fan-out does not stop the bot answering', function () {
  this.timeout(30_000);

  it('while a reminder send hangs, 20 turns are answered; the tick then ends and the reminder goes out on the retry', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-faults-app-'));
    const store = new SqliteReminderStore(path.join(dir, 'reminders.sqlite'));
    await store.migrate();
    let now = new Date(DUE);
    const running = await startRunningApp({ clock: () => now, env: { OUTBOUND_TIMEOUT_SECONDS: '2' }, reminders: { reminderStore: store, schedule: testSchedule(), instanceId: 'faults-app' } });
    try {
      const channel = '19:stuck@thread.tacv2';
      await store.upsertConversation({
        conversationId: channel,
        kind: 'channel',
        reference: { conversation: { id: channel, conversationType: 'channel', tenantId: 't' }, serviceUrl: running.connector.serviceUrl, channelId: 'msteams', bot: { id: '28:bot' } },
        tenantId: 't',
        teamId: null,
        userAadObjectId: null,
        seenAt: '2026-03-01T00:00:00.000Z',
      });
      await store.setSubscription(channel, 'subscribed', '2026-03-01T00:00:00.000Z', 'test');
      // The first send into the channel gets no answer; the retry goes through.
      running.connector.fault = (call, n) => (call.conversationId === channel && n === 1 ? { kind: 'hang' } : undefined);

      const started = Date.now();
      const tick = running.app.reminders!.tick().then((report) => ({ report, endedAt: Date.now() }));
      while (!running.connector.attempts.some((a) => a.conversationId === channel)) await sleep(5);
      const turns = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const res = await running.postActivity(teamsMessage({ text: i % 2 === 0 ? 'status mål 4?' : 'næste møde', serviceUrl: running.connector.serviceUrl, kind: 'personal' }));
          return { ...res, endedAt: Date.now() };
        }),
      );
      const { report, endedAt } = await tick;
      for (const t of turns) {
        assert.equal(t.status, 200);
        assert.ok(t.endedAt < started + 1_900, `answered ${t.endedAt - started} ms in, while the send was stuck`);
      }
      assert.equal(running.connector.calls.filter((c) => c.conversationId !== channel).length, 20, 'every turn got its reply');
      assert.equal(report.sent, 1, 'the reminder went out on the retry');
      assert.equal(running.connector.calls.filter((c) => c.conversationId === channel).length, 1, 'once');
      assert.ok(endedAt - started >= 2_000 && endedAt - started < 2_000 + 1_000 + 1_500, `the tick ended after ${endedAt - started} ms (2 s bound, ≤ 1 s backoff)`);
    } finally {
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
