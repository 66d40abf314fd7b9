import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { FakeCredential } from '../helpers/graph-test-client';
import { setUpGraph } from '../../graph/set-up-graph';
import { readConfig } from '../../config/read-config';
import type { Schedule } from '../../core/schedule/schedule';
import type { Logger } from '../../core/ports/logger';

const NOW = new Date('2026-03-02T08:00:00Z');
const DIRECTOR = '0b9d3a52-7c1e-4f0a-9a57-1d2c3e4f5a6b';
const GRAPH_ENV = {
  GRAPH_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  GRAPH_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
  GRAPH_CLIENT_SECRET: 'not-used',
};

const schedule: Schedule = {
  file: 'test-schedule.yaml',
  timeZone: 'Europe/Copenhagen',
  meeting: { title: 'Direktørmøde', anchorDate: '2026-01-08', time: '09:00', durationMinutes: 120, intervalDays: 14, skipDates: ['2026-04-16'], leadTimes: [] },
  deadlines: { time: '09:00', leadDays: [14, 3], extra: [] },
  nudges: { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [] },
};

function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

describe('setUpGraph (startup wiring)', () => {
  let fake: FakeGraphServer;
  beforeEach(async () => {
    fake = new FakeGraphServer();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const clientDeps = () => ({ credential: new FakeCredential(), sleep: async () => undefined });

  it('without Graph settings: nothing Graph-backed, and says so once', async () => {
    const { logger, lines } = capturingLogger();
    const setup = setUpGraph({ config: readConfig({}), schedule, logger, now: () => NOW });
    await setup.calendarSynced;
    assert.equal(setup.meetingSource, undefined);
    assert.equal(setup.activityFeed, undefined);
    const off = lines.filter((l) => l.graph === 'off');
    assert.equal(off.length, 1);
    assert.match(String(off[0]!.msg), /Microsoft Graph is off/);
    assert.equal(fake.calls.length, 0);
  });

  it('with an organiser and a scheduled meeting: syncs the series in the background and reads the calendar', async () => {
    const { logger, lines } = capturingLogger();
    const config = readConfig({ ...GRAPH_ENV, GRAPH_MEETING_ORGANIZER: 'organisator@erhvervshus.test', GRAPH_BASE_URL: fake.baseUrl });
    const setup = setUpGraph({ config, schedule, logger, now: () => NOW, clientDeps: clientDeps() });
    assert.ok(setup.meetingSource);
    await setup.calendarSynced;
    assert.equal(fake.listEvents().length, 1);
    const synced = lines.find((l) => /series is in the organiser calendar/.test(String(l.msg)));
    assert.equal(synced?.action, 'created');
    assert.deepEqual(synced?.cancelledDates, ['2026-04-16']);
    const got = await setup.meetingSource.occurrences('2026-04-10T00:00:00Z', '2026-05-01T00:00:00Z');
    assert.deepEqual(got.map((o) => [o.id, o.cancelled]), [['2026-04-16', true], ['2026-04-30', false]]);
    assert.equal(lines.filter((l) => l.graph === 'on').length, 1);
  });

  it('logs a failed sync for the operator without failing startup', async () => {
    const { logger, lines } = capturingLogger();
    fake.failNext({ pathIncludes: '/events' }, { status: 403 });
    const config = readConfig({ ...GRAPH_ENV, GRAPH_MEETING_ORGANIZER: 'organisator@erhvervshus.test', GRAPH_BASE_URL: fake.baseUrl });
    const setup = setUpGraph({ config, schedule, logger, now: () => NOW, clientDeps: clientDeps() });
    await setup.calendarSynced;
    const error = lines.find((l) => l.level === 50);
    assert.match(String(error?.msg), /could not create or update the directors meeting series/);
    assert.match(String((error?.err as { message?: string })?.message), /HTTP 403/);
  });

  it('with an organiser but no meeting in the schedule: warns and leaves the calendar alone', async () => {
    const { logger, lines } = capturingLogger();
    const config = readConfig({ ...GRAPH_ENV, GRAPH_MEETING_ORGANIZER: 'organisator@erhvervshus.test', GRAPH_BASE_URL: fake.baseUrl });
    const setup = setUpGraph({ config, schedule: { ...schedule, meeting: undefined }, logger, now: () => NOW, clientDeps: clientDeps() });
    await setup.calendarSynced;
    assert.equal(setup.meetingSource, undefined);
    assert.ok(lines.some((l) => l.level === 40 && /no calendar sync/.test(String(l.msg))));
    assert.equal(fake.calls.length, 0);
  });

  it('with director ids: an activity-feed notifier whose notifications link to the bot’s chat', async () => {
    const { logger } = capturingLogger();
    fake.users.set(DIRECTOR, { installed: true });
    fake.declaredActivityTypes.set('deadlineReminder', ['deadline', 'dueDate']);
    const config = readConfig({ ...GRAPH_ENV, GRAPH_DIRECTOR_USER_IDS: DIRECTOR, GRAPH_BASE_URL: fake.baseUrl, MicrosoftAppId: 'b0700000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: 't' });
    const setup = setUpGraph({ config, schedule: undefined, logger, now: () => NOW, clientDeps: clientDeps() });
    assert.ok(setup.activityFeed);
    assert.equal(setup.meetingSource, undefined);
    await setup.activityFeed.notify({ userId: DIRECTOR, activityType: 'deadlineReminder', previewText: 'Frist om 3 dage', templateParameters: { deadline: 'Årsrapport', dueDate: '31. marts 2026' } });
    const topic = (fake.notifications[0]!.body.topic as { webUrl: string }).webUrl;
    assert.equal(topic, 'https://teams.microsoft.com/l/chat/0/0?users=28%3Ab0700000-0000-4000-8000-000000000001');
  });
});
