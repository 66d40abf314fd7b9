import assert from 'node:assert/strict';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { testGraphClient } from '../helpers/graph-test-client';
import { createHarness, testSchedule, type Harness } from '../helpers/reminder-harness';
import { GraphMeetingSource } from '../../graph/graph-meeting-source';
import { GraphActivityFeedNotifier, botChatDeepLink } from '../../graph/graph-activity-feed-notifier';
import { meetingSpecFromSchedule } from '../../graph/meeting-spec-from-schedule';
import { ACTIVITY_TYPES_MANIFEST } from '../../graph/activity-types-manifest';
import { ReminderScheduler } from '../../features/reminders/reminder-scheduler';
import { FanOut } from '../../features/reminders/fan-out';
import { silentLogger } from '../../core/silent-logger';

const MIN = 60_000;
const ORGANIZER = 'organisator@erhvervshus.test';
const DIRECTOR = '0b9d3a52-7c1e-4f0a-9a57-1d2c3e4f5a6b';
const UNINSTALLED = '1c0e4b63-8d2f-4a1b-8b68-2e3d4f5a6b7c';

/**
 * The reminder scheduler reading the meeting from the (fake) organiser calendar and notifying
 * directors through the (fake) Graph activity feed — the whole Graph path behind one reminder.
 */
describe('Reminders through Microsoft Graph', function () {
  this.timeout(20_000);
  let fake: FakeGraphServer;
  let h: Harness;
  beforeEach(async () => {
    fake = new FakeGraphServer();
    await fake.start();
    for (const a of ACTIVITY_TYPES_MANIFEST.activityTypes) {
      fake.declaredActivityTypes.set(a.type, [...a.templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => p !== 'actor'));
    }
    fake.users.set(DIRECTOR, { installed: true });
    fake.users.set(UNINSTALLED, { installed: false });
    // Meetings every other Monday 09:00 from 16 March 2026; reminders 2 days and 1 hour before.
    h = await createHarness(testSchedule(), '2026-03-20T00:00:00Z');
  });
  afterEach(async () => {
    assert.deepEqual(fake.schemaProblems, []);
    await h.cleanup();
    await fake.stop();
  });

  function graphScheduler(): { scheduler: ReminderScheduler; source: GraphMeetingSource } {
    const { client } = testGraphClient(fake.baseUrl, { now: h.clock.now });
    const meeting = h.schedule.meeting!;
    const source = new GraphMeetingSource({ client, organizer: ORGANIZER, timeZone: h.schedule.timeZone, skipDates: meeting.skipDates, baseUrl: fake.baseUrl, now: h.clock.now, logger: silentLogger });
    const notifier = new GraphActivityFeedNotifier({ client, webUrl: botChatDeepLink('b0700000-0000-4000-8000-000000000001'), now: h.clock.now });
    const scheduler = new ReminderScheduler({
      schedule: h.schedule,
      contract: h.contract,
      measurements: h.measurements,
      store: h.store,
      meetingSource: source,
      sender: h.sender,
      activityFeed: { notifier, directorUserIds: [DIRECTOR, UNINSTALLED] },
      fanOut: new FanOut({ now: () => h.clock.ms, sleep: h.clock.sleep, random: () => 0.5 }),
      now: h.clock.now,
      logger: silentLogger,
      instanceId: 'graph-test',
    });
    return { scheduler, source };
  }

  it('follows the calendar: a moved meeting is reminded at its new time, a cancelled one not at all', async () => {
    const { scheduler, source } = graphScheduler();
    const { eventId } = await source.ensureRecurringMeeting(meetingSpecFromSchedule(h.schedule.meeting!, h.schedule.timeZone));
    // The organiser moves Monday 30 March to Tuesday 31 March 13:00 and cancels Monday 13 April.
    fake.moveOccurrence(eventId, '2026-03-30', '2026-03-31T13:00');
    fake.cancelOccurrence(eventId, '2026-04-13');
    await h.subscribe('19:direktoerer@thread.tacv2', '2026-01-01T00:00:00.000Z');

    await h.tickEvery(scheduler, '2026-03-27T00:00:00Z', '2026-04-14T00:00:00Z', 60 * MIN);

    // 31 March 13:00 CEST = 11:00Z: two days before → 29 March 11:00Z; one hour before → 31 March 10:00Z.
    // 27 April (the next meeting) is outside the window; 13 April sends nothing.
    assert.deepEqual(h.sender.sent.map((m) => m.at.slice(0, 16)), ['2026-03-29T11:00', '2026-03-31T10:00']);

    // The director got the same two as activity-feed notifications, with the moved date in Danish.
    const feed = fake.notifications.filter((n) => n.userId === DIRECTOR);
    assert.equal(feed.length, 2);
    const parameters = (n: (typeof feed)[number]) => Object.fromEntries((n.body.templateParameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]));
    for (const n of feed) {
      assert.match(parameters(n).meetingDate!, /^tirsdag d\. 31\. marts 2026$/);
      assert.equal(parameters(n).meetingTime, '13.00');
    }
  });

  it('stops notifying a director whose Teams app is not installed (403) after one attempt, and keeps notifying the others', async () => {
    const { scheduler, source } = graphScheduler();
    await source.ensureRecurringMeeting(meetingSpecFromSchedule(h.schedule.meeting!, h.schedule.timeZone));
    await h.tickEvery(scheduler, '2026-03-28T00:00:00Z', '2026-03-30T08:00:00Z', 60 * MIN);
    const attempts = (user: string) => fake.callsTo(`/users/${user}/teamwork/sendActivityNotification`).length;
    assert.equal(attempts(UNINSTALLED), 1, 'a 403 is permanent: no retry, and not tried for the second reminder');
    assert.equal(attempts(DIRECTOR), 2);
    const rows = await h.store.listDeliveries();
    assert.ok(rows.some((r) => r.targetId.includes(UNINSTALLED) && r.status === 'failed'));
  });
});
