import assert from 'node:assert/strict';
import pino from 'pino';
import { FakeGraphServer, type InjectedFault } from '../helpers/fake-graph-server';
import { testGraphClient } from '../helpers/graph-test-client';
import { createHarness, testSchedule, type Harness } from '../helpers/reminder-harness';
import { startRunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { cardOf } from '../helpers/running-app';
import { GraphMeetingSource } from '../../graph/graph-meeting-source';
import { GraphActivityFeedNotifier, botChatDeepLink } from '../../graph/graph-activity-feed-notifier';
import { GraphRequestError } from '../../graph/graph-request-error';
import { meetingSpecFromSchedule } from '../../graph/meeting-spec-from-schedule';
import { ACTIVITY_TYPES_MANIFEST } from '../../graph/activity-types-manifest';
import { ReminderScheduler } from '../../features/reminders/reminder-scheduler';
import { FanOut } from '../../features/reminders/fan-out';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../core/silent-logger';

/**
 * Fault injection on (a loopback) Microsoft Graph: no answer, a reset connection, an answer cut off
 * or stalled half-way — on top of the 429/5xx cases in test/graph/. Every attempt is bounded
 * (GraphTimeoutMiddleware), the client retries at most 3 times, and the error it finally throws
 * is transient, so the reminder scheduler tries again at a later tick instead of hanging or giving
 * up. While Graph is stuck the scheduler's tick still ends, the conversation reminders still go
 * out, and the bot keeps answering turns.
 */

const TIMEOUT_MS = 300;
const ORGANIZER = 'organisator@erhvervshus.test';
const DIRECTOR = '0b9d3a52-7c1e-4f0a-9a57-1d2c3e4f5a6b';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const network = (kind: 'hang' | 'reset' | 'drop-mid-response' | 'hang-mid-response', times: number): InjectedFault[] => Array.from({ length: times }, () => ({ network: kind }));

function declareActivityTypes(fake: FakeGraphServer): void {
  for (const a of ACTIVITY_TYPES_MANIFEST.activityTypes) {
    fake.declaredActivityTypes.set(a.type, [...a.templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => p !== 'actor'));
  }
}

describe('reliability: Microsoft Graph faults', function () {
  this.timeout(30_000);
  let fake: FakeGraphServer;
  beforeEach(async () => {
    fake = new FakeGraphServer();
    await fake.start();
    declareActivityTypes(fake);
    fake.users.set(DIRECTOR, { installed: true });
  });
  afterEach(async () => fake.stop());

  describe('one call: bounded attempts, a transient error, then silence', function () {
    const cases: Array<{ name: string; faults: InjectedFault[]; requests: number; delivered: boolean }> = [
      { name: 'no answer, always', faults: network('hang', 10), requests: 4, delivered: false },
      { name: 'no answer, once', faults: network('hang', 1), requests: 2, delivered: true },
      { name: 'a reset connection, always', faults: network('reset', 10), requests: 4, delivered: false },
      // The body is read after the retry step: a cut-off answer is not retried inside the call…
      { name: 'an answer dropped half-way', faults: network('drop-mid-response', 10), requests: 1, delivered: false },
      { name: 'an answer that stalls half-way', faults: network('hang-mid-response', 10), requests: 1, delivered: false },
      { name: '429 with Retry-After: 1, always', faults: Array.from({ length: 10 }, () => ({ status: 429, headers: { 'Retry-After': '1' } })), requests: 4, delivered: false },
      { name: '500, always', faults: Array.from({ length: 10 }, () => ({ status: 500 })), requests: 4, delivered: false },
    ];
    for (const c of cases) {
      it(`activity feed, ${c.name}: ${c.requests} request(s), ${c.delivered ? 'delivered' : 'a transient error'}`, async function () {
        fake.failNext({ pathIncludes: 'sendActivityNotification' }, ...c.faults);
        const { client, sleeps } = testGraphClient(fake.baseUrl, { timeoutMs: TIMEOUT_MS });
        const notifier = new GraphActivityFeedNotifier({ client, webUrl: botChatDeepLink('b0700000-0000-4000-8000-000000000001') });
        const started = Date.now();
        const outcome = await notifier
          .notify({ userId: DIRECTOR, activityType: 'deadlineReminder', previewText: 'Frist', templateParameters: { deadline: 'Afrapportering', dueDate: '31. december 2021' } })
          .then(() => 'delivered' as const, (err: unknown) => err);
        const tookMs = Date.now() - started;
        // The waits between attempts are recorded, not slept; what remains is the attempts themselves.
        assert.ok(tookMs < c.requests * TIMEOUT_MS + 1_000, `took ${tookMs} ms`);
        if (c.delivered) assert.equal(outcome, 'delivered');
        else {
          assert.ok(outcome instanceof GraphRequestError, String(outcome));
          assert.equal(outcome.transient, true, 'worth another try at a later tick');
        }
        const requests = fake.callsTo('sendActivityNotification').length;
        assert.equal(requests, c.requests);
        assert.ok(sleeps.length <= 3, `at most 3 retries (${sleeps.join(', ')})`);
        await sleep(TIMEOUT_MS + 200);
        assert.equal(fake.callsTo('sendActivityNotification').length, requests, 'no request after the call ended');
        assert.equal(fake.notifications.length, c.delivered ? 1 : 0);
      });
    }
  });

  describe('the reminder scheduler while Graph is stuck', function () {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(testSchedule(), '2026-03-20T00:00:00Z');
    });
    afterEach(async () => h.cleanup());

    function graphScheduler(options: { maxTotalAttempts?: number } = {}) {
      const { client } = testGraphClient(fake.baseUrl, { now: h.clock.now, timeoutMs: TIMEOUT_MS });
      const meeting = h.schedule.meeting!;
      const source = new GraphMeetingSource({ client, organizer: ORGANIZER, timeZone: h.schedule.timeZone, skipDates: meeting.skipDates, baseUrl: fake.baseUrl, now: h.clock.now, logger: pino({ level: 'silent' }) });
      const notifier = new GraphActivityFeedNotifier({ client, webUrl: botChatDeepLink('b0700000-0000-4000-8000-000000000001'), now: h.clock.now });
      const scheduler = new ReminderScheduler({
        schedule: h.schedule,
        contract: h.contract,
        measurements: h.measurements,
        store: h.store,
        meetingSource: source,
        sender: h.sender,
        activityFeed: { notifier, directorUserIds: [DIRECTOR] },
        fanOut: new FanOut({ now: () => h.clock.ms, sleep: h.clock.sleep, random: () => 0.5 }),
        now: h.clock.now,
        logger: silentLogger,
        instanceId: 'graph-faults',
        options: { maxTotalAttempts: options.maxTotalAttempts ?? 15 },
      });
      return { scheduler, source };
    }

    it('an activity feed that never answers: the channel gets its reminder, the tick ends, the feed is retried at later ticks and then given up', async function () {
      const { scheduler, source } = graphScheduler({ maxTotalAttempts: 2 });
      await source.ensureRecurringMeeting(meetingSpecFromSchedule(h.schedule.meeting!, h.schedule.timeZone));
      await h.subscribe('19:direktoerer@thread.tacv2', '2026-01-01T00:00:00.000Z');
      fake.failNext({ pathIncludes: 'sendActivityNotification' }, ...network('hang', 100));
      const feedRequests = () => fake.callsTo('sendActivityNotification').length;
      const perTick: number[] = [];
      for (const at of ['2026-03-28T08:00:00Z', '2026-03-28T08:01:00Z', '2026-03-28T08:02:00Z']) {
        h.clock.set(at);
        const started = Date.now();
        const report = await scheduler.tick();
        assert.ok(Date.now() - started < 4 * TIMEOUT_MS + 1_500, `the tick ended (${Date.now() - started} ms)`);
        if (at.endsWith('08:00:00Z')) assert.equal(report.sent, 1, 'the channel got its reminder at once');
        perTick.push(feedRequests());
      }
      assert.deepEqual(perTick, [4, 8, 8], 'one call (4 requests) per tick, two calls in all, then no more');
      assert.equal(h.sender.to('19:direktoerer@thread.tacv2').length, 1);
      const feed = (await h.store.listDeliveries()).find((d) => d.targetId.startsWith('feed:'));
      assert.deepEqual([feed?.status, feed?.attempts], ['failed', 2]);
    });

    it('a calendar that never answers: the tick ends with the meeting source marked failed, and the reminder goes out once Graph answers again', async function () {
      const { scheduler, source } = graphScheduler();
      await source.ensureRecurringMeeting(meetingSpecFromSchedule(h.schedule.meeting!, h.schedule.timeZone));
      await h.subscribe('19:direktoerer@thread.tacv2', '2026-01-01T00:00:00.000Z');
      fake.failNext({ method: 'GET', pathIncludes: `/users/${ORGANIZER}` }, ...network('hang', 4));
      h.clock.set('2026-03-28T08:00:00Z');
      const started = Date.now();
      const stuck = await scheduler.tick();
      assert.ok(Date.now() - started < 4 * TIMEOUT_MS + 1_500, `the tick ended (${Date.now() - started} ms)`);
      assert.equal(stuck.meetingSourceFailed, true);
      assert.equal(h.sender.sent.length, 0);
      h.clock.set('2026-03-28T08:01:00Z');
      const recovered = await scheduler.tick();
      assert.equal(recovered.meetingSourceFailed, false);
      assert.deepEqual(h.sender.sent.map((m) => m.conversationId), ['19:direktoerer@thread.tacv2'], 'sent once, a minute late');
    });
  });

  it('the bot answers turns while Graph hangs; "næste møde" ends at its bound with a polite apology', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-faults-graph-'));
    const store = new SqliteReminderStore(path.join(dir, 'reminders.sqlite'));
    await store.migrate();
    const now = () => new Date('2026-03-28T08:00:00Z');
    const schedule = testSchedule();
    const { client } = testGraphClient(fake.baseUrl, { now, timeoutMs: TIMEOUT_MS });
    const meetingSource = new GraphMeetingSource({ client, organizer: ORGANIZER, timeZone: schedule.timeZone, skipDates: [], baseUrl: fake.baseUrl, now, logger: pino({ level: 'silent' }) });
    const running = await startRunningApp({ clock: now, reminders: { reminderStore: store, schedule, meetingSource, instanceId: 'graph-app' } });
    try {
      fake.failNext({ pathIncludes: `/users/${ORGANIZER}` }, ...network('hang', 100));
      const started = Date.now();
      const nextMeeting = running.postActivity(teamsMessage({ text: 'næste møde', serviceUrl: running.connector.serviceUrl })).then((r) => ({ ...r, endedAt: Date.now() }));
      while (fake.calls.length === 0) await sleep(5);
      const others = await Promise.all(
        Array.from({ length: 10 }, async () => ({ ...(await running.postActivity(teamsMessage({ text: 'status mål 4?', serviceUrl: running.connector.serviceUrl }))), endedAt: Date.now() })),
      );
      const stuck = await nextMeeting;
      for (const o of others) {
        assert.equal(o.status, 200);
        assert.ok(o.endedAt < stuck.endedAt, 'answered while "næste møde" waited for Graph');
      }
      assert.ok(stuck.endedAt - started < 4 * TIMEOUT_MS + 1_500, `"næste møde" ended after ${stuck.endedAt - started} ms`);
      const apology = running.connector.calls.map((c) => c.body).find((b) => typeof b.text === 'string' && /^Beklager/.test(b.text));
      assert.ok(apology, 'a polite apology with a reference');
      assert.match(String(apology.text), /Reference: /);
      assert.doesNotMatch(String(apology.text), /Graph|Timeout|Error/);
      assert.equal(running.connector.calls.filter((c) => c.body.attachments !== undefined).map((c) => cardOf(c.body)).length, 10, 'the ten status cards');
    } finally {
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
