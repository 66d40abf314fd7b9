import assert from 'node:assert/strict';
import pino from 'pino';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { testGraphClient } from '../helpers/graph-test-client';
import { GraphMeetingSource } from '../../graph/graph-meeting-source';
import { meetingSpecFromSchedule } from '../../graph/meeting-spec-from-schedule';
import { InvalidMeetingSpecError, RULE_PROPERTY_ID, SERIES_PROPERTY_ID, type RecurringMeetingSpec } from '../../graph/meeting-event-body';
import { GraphRequestError } from '../../graph/graph-request-error';
import { UnsupportedTimeZoneError } from '../../graph/windows-time-zone';
import type { MeetingSchedule } from '../../core/schedule/schedule';

const ORGANIZER = 'organisator@erhvervshus.test';
const TZ = 'Europe/Copenhagen';
const NOW = new Date('2026-03-02T08:00:00Z');

const schedule: MeetingSchedule = {
  title: 'Direktørmøde med de lokale erhvervsservices og business regions',
  anchorDate: '2026-01-08',
  time: '09:00',
  durationMinutes: 120,
  intervalDays: 14,
  skipDates: [],
  leadTimes: [],
};
const spec: RecurringMeetingSpec = meetingSpecFromSchedule(schedule, TZ);

describe('GraphMeetingSource', () => {
  let fake: FakeGraphServer;
  beforeEach(async () => {
    fake = new FakeGraphServer();
    await fake.start();
  });
  afterEach(async () => {
    assert.deepEqual(fake.schemaProblems, [], 'every body we sent uses Graph property names');
    await fake.stop();
  });

  function source(options: { skipDates?: string[]; now?: Date } = {}): GraphMeetingSource {
    const { client } = testGraphClient(fake.baseUrl);
    return new GraphMeetingSource({
      client,
      organizer: ORGANIZER,
      timeZone: TZ,
      baseUrl: fake.baseUrl,
      now: () => options.now ?? NOW,
      logger: pino({ level: 'silent' }),
      ...(options.skipDates !== undefined ? { skipDates: options.skipDates } : {}),
    });
  }

  async function seriesId(): Promise<string> {
    const result = await source().ensureRecurringMeeting(spec);
    return result.eventId;
  }

  describe('ensureRecurringMeeting', () => {
    it('creates a weekly, every-second-week series on the organiser calendar in Romance Standard Time', async () => {
      const result = await source().ensureRecurringMeeting(spec);
      assert.equal(result.action, 'created');
      const posts = fake.callsTo(`/users/${ORGANIZER}/events`, 'POST');
      assert.equal(posts.length, 1);
      const body = posts[0]!.body as Record<string, unknown>;
      assert.equal(body.subject, schedule.title);
      assert.deepEqual(body.start, { dateTime: '2026-01-08T09:00:00', timeZone: 'Romance Standard Time' });
      assert.deepEqual(body.end, { dateTime: '2026-01-08T11:00:00', timeZone: 'Romance Standard Time' });
      assert.deepEqual(body.recurrence, {
        pattern: { type: 'weekly', interval: 2, daysOfWeek: ['thursday'], firstDayOfWeek: 'monday' },
        range: { type: 'noEnd', startDate: '2026-01-08', recurrenceTimeZone: 'Romance Standard Time' },
      });
      assert.match(String(body.transactionId), /^maalbot-directors-meeting-[0-9a-f]{16}-2026-03-02$/);
      const props = body.singleValueExtendedProperties as Array<{ id: string; value: string }>;
      assert.deepEqual(props.map((p) => p.id), [SERIES_PROPERTY_ID, RULE_PROPERTY_ID]);
      assert.equal(props[0]!.value, 'directors-meeting');
      assert.equal(fake.listEvents().length, 1);
    });

    it('leaves an unchanged series alone: one lookup, no POST, no PATCH', async () => {
      const id = await seriesId();
      const before = fake.calls.length;
      const again = await source().ensureRecurringMeeting(spec);
      assert.deepEqual(again, { action: 'unchanged', eventId: id, cancelledDates: [] });
      assert.deepEqual(fake.calls.slice(before).map((c) => c.method), ['GET']);
    });

    it('PATCHes the same series when the rule changes, and the calendar follows', async () => {
      const id = await seriesId();
      const result = await source().ensureRecurringMeeting({ ...spec, startTime: '10:00' });
      assert.deepEqual(result, { action: 'updated', eventId: id, cancelledDates: [] });
      const patch = fake.callsTo(`/events/${id}`, 'PATCH');
      assert.equal(patch.length, 1);
      assert.equal('transactionId' in (patch[0]!.body as object), false, 'transactionId cannot be changed by PATCH');
      assert.equal(fake.listEvents().length, 1);
      const [first] = await source().occurrences('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z');
      assert.equal(first?.start, '2026-03-05T09:00:00.000Z');
      // …and the new fingerprint is stored: the next run changes nothing.
      assert.equal((await source().ensureRecurringMeeting({ ...spec, startTime: '10:00' })).action, 'unchanged');
    });

    it('keeps a change the organiser made by hand while the configured rule is the same', async () => {
      const id = await seriesId();
      fake.moveOccurrence(id, '2026-03-19', '2026-03-20T13:00');
      await source().ensureRecurringMeeting(spec);
      assert.equal(fake.callsTo(`/events/${id}`, 'PATCH').length, 0);
      const moved = await source().occurrences('2026-03-19T00:00:00Z', '2026-03-21T00:00:00Z');
      assert.equal(moved[0]?.start, '2026-03-20T12:00:00.000Z');
    });

    it('creates one series when the response to the POST is lost and the retry repeats it', async () => {
      fake.failNext({ method: 'POST', pathIncludes: '/events' }, { status: 503, afterHandling: true });
      const result = await source().ensureRecurringMeeting(spec);
      assert.equal(result.action, 'created');
      const posts = fake.callsTo('/events', 'POST');
      assert.equal(posts.length, 2);
      assert.equal((posts[0]!.body as { transactionId: string }).transactionId, (posts[1]!.body as { transactionId: string }).transactionId);
      assert.equal(fake.listEvents().length, 1);
    });

    it('creates one series when two instances start at the same moment', async () => {
      const [a, b] = await Promise.all([source().ensureRecurringMeeting(spec), source().ensureRecurringMeeting(spec)]);
      assert.equal(a.eventId, b.eventId);
      assert.equal(fake.listEvents().length, 1);
    });

    it('ignores events without the mark (someone else’s meeting with the same subject)', async () => {
      fake.addEvent({ subject: schedule.title, start: { dateTime: '2026-03-05T09:00:00', timeZone: 'Romance Standard Time' }, end: { dateTime: '2026-03-05T10:00:00', timeZone: 'Romance Standard Time' } });
      const result = await source().ensureRecurringMeeting(spec);
      assert.equal(result.action, 'created');
      assert.equal(fake.listEvents().length, 2);
    });

    it('cancels future skip dates in the calendar once, and leaves past ones and non-meeting days alone', async () => {
      const withSkips = { ...spec, skipDates: ['2026-04-16', '2025-12-25', '2026-04-17', '2026-01-22'] };
      const first = await source().ensureRecurringMeeting(withSkips);
      assert.deepEqual(first.cancelledDates, ['2026-04-16']);
      const cancels = fake.callsTo('/cancel', 'POST');
      assert.equal(cancels.length, 1);
      assert.ok(cancels[0]!.path.endsWith(`/events/${first.eventId}_2026-04-16/cancel`));
      assert.deepEqual(Object.keys(cancels[0]!.body as object), ['comment']);
      const second = await source().ensureRecurringMeeting(withSkips);
      assert.deepEqual(second.cancelledDates, []);
      assert.equal(fake.callsTo('/cancel', 'POST').length, 1);
      const [occurrence] = await source().occurrences('2026-04-16T00:00:00Z', '2026-04-17T00:00:00Z');
      assert.deepEqual(occurrence, { id: '2026-04-16', start: '2026-04-16T07:00:00.000Z', end: '2026-04-16T09:00:00.000Z', cancelled: true, source: 'graph' });
    });

    it('refuses a time zone Graph would not understand before sending anything', async () => {
      await assert.rejects(source().ensureRecurringMeeting({ ...spec, timeZone: 'Asia/Kathmandu' }), UnsupportedTimeZoneError);
      assert.equal(fake.calls.length, 0);
    });

    it('refuses an interval that is not whole weeks (Graph’s weekly pattern)', () => {
      assert.throws(() => meetingSpecFromSchedule({ ...schedule, intervalDays: 10 }, TZ), InvalidMeetingSpecError);
    });

    it('reports a missing permission (403) as a non-transient GraphRequestError', async () => {
      fake.failNext({ pathIncludes: '/events' }, { status: 403 });
      await assert.rejects(source().ensureRecurringMeeting(spec), (err: unknown) => err instanceof GraphRequestError && err.statusCode === 403 && !err.transient);
    });
  });

  describe('occurrences', () => {
    it('reads the real occurrences every 14 days at 09:00 Copenhagen time through the 2026 spring DST change', async () => {
      await seriesId();
      const got = await source().occurrences('2026-03-01T00:00:00Z', '2026-04-20T00:00:00Z');
      assert.deepEqual(
        got.map((o) => [o.id, o.start, o.end, o.cancelled, o.source]),
        [
          ['2026-03-05', '2026-03-05T08:00:00.000Z', '2026-03-05T10:00:00.000Z', false, 'graph'],
          ['2026-03-19', '2026-03-19T08:00:00.000Z', '2026-03-19T10:00:00.000Z', false, 'graph'],
          // 29 March 2026: summer time, still 09:00 on the clock
          ['2026-04-02', '2026-04-02T07:00:00.000Z', '2026-04-02T09:00:00.000Z', false, 'graph'],
          ['2026-04-16', '2026-04-16T07:00:00.000Z', '2026-04-16T09:00:00.000Z', false, 'graph'],
        ],
      );
    });

    const transitions: Array<[string, string, string, Array<[string, string]>]> = [
      ['autumn 2026', '2026-10-10T00:00:00Z', '2026-11-01T00:00:00Z', [['2026-10-15', '2026-10-15T07:00:00.000Z'], ['2026-10-29', '2026-10-29T08:00:00.000Z']]],
      ['spring 2027', '2027-03-10T00:00:00Z', '2027-04-05T00:00:00Z', [['2027-03-18', '2027-03-18T08:00:00.000Z'], ['2027-04-01', '2027-04-01T07:00:00.000Z']]],
      ['autumn 2027', '2027-10-20T00:00:00Z', '2027-11-15T00:00:00Z', [['2027-10-28', '2027-10-28T07:00:00.000Z'], ['2027-11-11', '2027-11-11T08:00:00.000Z']]],
    ];
    for (const [name, from, to, expected] of transitions) {
      it(`keeps 09:00 local across the ${name} DST change`, async () => {
        await seriesId();
        const got = await source({ now: new Date(from) }).occurrences(from, to);
        assert.deepEqual(got.map((o) => [o.id, o.start]), expected);
      });
    }

    it('moves a moved occurrence and keeps its id (the original date)', async () => {
      const id = await seriesId();
      fake.moveOccurrence(id, '2026-03-19', '2026-03-20T13:00', 60);
      const got = await source().occurrences('2026-03-15T00:00:00Z', '2026-03-25T00:00:00Z');
      assert.deepEqual(got, [{ id: '2026-03-19', start: '2026-03-20T12:00:00.000Z', end: '2026-03-20T13:00:00.000Z', cancelled: false, source: 'graph' }]);
    });

    it('reports an occurrence the organiser cancelled (gone from calendarView) as cancelled at its original time', async () => {
      const id = await seriesId();
      fake.cancelOccurrence(id, '2026-04-02');
      const got = await source().occurrences('2026-03-30T00:00:00Z', '2026-04-20T00:00:00Z');
      assert.deepEqual(
        got.map((o) => [o.id, o.start, o.end, o.cancelled]),
        [
          ['2026-04-02', '2026-04-02T07:00:00.000Z', '2026-04-02T09:00:00.000Z', true],
          ['2026-04-16', '2026-04-16T07:00:00.000Z', '2026-04-16T09:00:00.000Z', false],
        ],
      );
    });

    it('reports an occurrence marked isCancelled as cancelled', async () => {
      const id = await seriesId();
      fake.flagOccurrenceCancelled(id, '2026-03-05');
      const [o] = await source().occurrences('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z');
      assert.equal(o?.cancelled, true);
    });

    it('reports a schedule skip date as cancelled even before the calendar has been told', async () => {
      await seriesId();
      const [o] = await source({ skipDates: ['2026-03-05'] }).occurrences('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z');
      assert.equal(o?.cancelled, true);
    });

    it('reports only our series, not other meetings in the same calendar view', async () => {
      await seriesId();
      fake.addEvent({ subject: 'Bestyrelsesmøde', start: { dateTime: '2026-03-05T13:00:00', timeZone: 'Romance Standard Time' }, end: { dateTime: '2026-03-05T15:00:00', timeZone: 'Romance Standard Time' } });
      fake.addEvent({
        subject: 'Et andet fast møde',
        start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Romance Standard Time' },
        end: { dateTime: '2026-03-02T10:00:00', timeZone: 'Romance Standard Time' },
        recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'monday' }, range: { type: 'noEnd', startDate: '2026-03-02' } },
      });
      const got = await source().occurrences('2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z');
      assert.deepEqual(got.map((o) => o.id), ['2026-03-05']);
      const view = fake.callsTo('/calendarView', 'GET')[0]!;
      assert.ok(((await (await fetch(`${fake.baseUrl}v1.0${view.path}?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-03-10T00:00:00Z`)).json()) as { value: unknown[] }).value.length > 2, 'the calendar view really held other events');
    });

    it('follows @odata.nextLink across pages', async () => {
      await seriesId();
      fake.maxPageSize = 3;
      const got = await source().occurrences('2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z');
      assert.equal(got.length, 26);
      assert.equal(got[0]?.id, '2026-01-08');
      assert.equal(got[25]?.id, '2026-12-24');
      assert.equal(fake.callsTo('/calendarView', 'GET').length, 9);
    });

    it('asks Graph for UTC and for just the fields it reads', async () => {
      await seriesId();
      await source().occurrences('2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z');
      const view = fake.callsTo('/calendarView', 'GET')[0]!;
      assert.equal(view.headers.prefer, 'outlook.timezone="UTC"');
      assert.deepEqual(view.query.startDateTime, '2026-03-01T00:00:00.000Z');
      assert.deepEqual(view.query.endDateTime, '2026-03-10T00:00:00.000Z');
      assert.equal(view.query.$select, 'id,start,end,isCancelled,type,seriesMasterId,originalStart');
    });

    it('includes a meeting starting exactly at `from` and excludes one starting exactly at `to`', async () => {
      await seriesId();
      const got = await source().occurrences('2026-03-05T08:00:00Z', '2026-03-19T08:00:00Z');
      assert.deepEqual(got.map((o) => o.id), ['2026-03-05']);
    });

    it('returns nothing, without reading the calendar view, when there is no series', async () => {
      assert.deepEqual(await source().occurrences('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), []);
      assert.equal(fake.callsTo('/calendarView').length, 0);
    });

    it('returns nothing once the organiser deleted the series', async () => {
      fake.deleteEvent(await seriesId());
      assert.deepEqual(await source().occurrences('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), []);
    });

    it('rejects with a transient GraphRequestError when Graph keeps answering 503', async () => {
      await seriesId();
      fake.failNext({ pathIncludes: '/calendarView' }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
      await assert.rejects(source().occurrences('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), (err: unknown) => err instanceof GraphRequestError && err.transient && err.statusCode === 503);
    });

    it('survives a 429 with Retry-After in the middle of reading', async () => {
      await seriesId();
      fake.failNext({ pathIncludes: '/calendarView' }, { status: 429, headers: { 'Retry-After': '2' } });
      const got = await source().occurrences('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
      assert.deepEqual(got.map((o) => o.id), ['2026-03-05', '2026-03-19']);
      assert.deepEqual(fake.callsTo('/calendarView').map((c) => c.status), [429, 200]);
    });
  });
});
