import assert from 'node:assert/strict';
import { createAdapter } from '../../../teams/create-adapter';
import { BotProactiveSender } from '../../../teams/bot-framework-proactive-sender';
import { FanOut } from '../../../features/reminders/fan-out';
import { ReminderScheduler } from '../../../features/reminders/reminder-scheduler';
import { RuleMeetingSource } from '../../../features/reminders/schedule/rule-meeting-source';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';
import { PostgresMeasurementStore } from '../../../store/postgres-store';
import { PostgresReminderStore } from '../../../store/postgres-reminder-store';
import { createTempSchema, requirePostgresOrSkip, type TempSchema } from '../../helpers/postgres';
import { RateLimitedConnector } from '../../helpers/rate-limited-connector';
import { testSchedule, VirtualClock } from '../../helpers/reminder-harness';
import { silentLogger } from '../../../core/silent-logger';

const CONVERSATIONS = 30;

/**
 * Three scheduler instances (each with its own PostgreSQL pool, as three processes would have)
 * against one schema and one fake Bot Connector that enforces Teams' limits and throws in 429s.
 */
describe('Reminders with several instances on one PostgreSQL', function () {
  this.timeout(60_000);
  let schema: TempSchema;
  let measurements: PostgresMeasurementStore;
  let stores: PostgresReminderStore[];
  let connector: RateLimitedConnector;
  let clock: VirtualClock;
  let instances: ReminderScheduler[];

  before(async function () {
    await requirePostgresOrSkip(this);
  });

  beforeEach(async function () {
    schema = await createTempSchema();
    measurements = new PostgresMeasurementStore({ connectionString: schema.connectionString, poolConfig: schema.poolConfig, poolSize: 2 });
    await measurements.migrate();
    stores = [0, 1, 2].map(() => new PostgresReminderStore({ connectionString: schema.connectionString, poolConfig: schema.poolConfig, poolSize: 3 }));
    await Promise.all(stores.map((s) => s.migrate())); // concurrent migrations serialise on the advisory lock
    // Every 7th conversation is throttled once (Retry-After 0.2 s) on its first message.
    connector = new RateLimitedConnector({ inject: (id, n) => (n === 1 && Number(/channel-(\d+)@/.exec(id)?.[1]) % 7 === 0 ? { status: 429, retryAfterSeconds: 0.2 } : undefined) });
    await connector.start();
    clock = new VirtualClock(Date.parse('2026-03-01T00:00:00Z'));
    for (let i = 0; i < CONVERSATIONS; i++) {
      const id = `19:channel-${i}@thread.tacv2`;
      await stores[0]!.upsertConversation({
        conversationId: id,
        kind: 'channel',
        reference: { conversation: { id, conversationType: 'channel', tenantId: 't' }, serviceUrl: connector.serviceUrl, channelId: 'msteams', bot: { id: '28:bot' } },
        tenantId: 't',
        teamId: `19:team-${i}@thread.tacv2`,
        userAadObjectId: null,
        seenAt: '2026-01-01T00:00:00.000Z',
      });
      await stores[0]!.setSubscription(id, 'subscribed', '2026-01-01T00:00:00.000Z', 'test');
    }
    const schedule = testSchedule();
    const contract = loadContract(defaultContractPath());
    const adapter = createAdapter(undefined, silentLogger);
    instances = stores.map(
      (store, i) =>
        new ReminderScheduler({
          schedule,
          contract,
          measurements,
          store,
          meetingSource: new RuleMeetingSource(schedule.meeting!, schedule.timeZone),
          sender: new BotProactiveSender(adapter, ''),
          fanOut: new FanOut(), // real time, Teams' limits, 30 messages/s
          now: clock.now,
          logger: silentLogger,
          instanceId: `instance-${i}`,
        }),
    );
  });

  afterEach(async function () {
    await connector?.stop();
    for (const s of stores ?? []) await s.close();
    await measurements?.close();
    await schema?.drop();
  });

  function perConversation(): number[] {
    const counts = connector.deliveredCounts();
    return Array.from({ length: CONVERSATIONS }, (_, i) => counts.get(`19:channel-${i}@thread.tacv2`) ?? 0);
  }

  it('three instances ticking at once: one leads, every conversation gets the reminder exactly once', async function () {
    clock.set('2026-03-28T08:00:00Z'); // the 2-day reminder of the 30 March meeting
    const reports = await Promise.all(instances.map((s) => s.tick()));
    assert.equal(reports.filter((r) => r.leader).length, 1);
    assert.deepEqual(perConversation(), Array(CONVERSATIONS).fill(1));
    assert.ok(connector.requests.some((r) => r.status === 429), 'the connector did throttle some requests');
    assert.ok(connector.maxInWindow(null, 1000) <= 30, 'never more than 30 messages a second overall');

    // Later ticks, by whichever instance, send nothing more.
    clock.set('2026-03-28T08:05:00Z');
    await Promise.all(instances.map((s) => s.tick()));
    assert.deepEqual(perConversation(), Array(CONVERSATIONS).fill(1));
    const sent = await stores[2]!.listDeliveries({ status: 'sent' });
    assert.equal(sent.length, CONVERSATIONS);
  });

  it('even without the lease (split brain), the unique-key claim lets exactly one instance send each delivery', async function () {
    clock.set('2026-03-30T06:00:00Z'); // the 1-hour reminder
    const reports = await Promise.all(instances.map((s) => s.runDue(clock.now())));
    assert.deepEqual(perConversation(), Array(CONVERSATIONS).fill(1));
    assert.equal(reports.reduce((n, r) => n + r.sent, 0), CONVERSATIONS);
    assert.ok(reports.filter((r) => r.sent > 0).length >= 1);
  });

  it('when the leader dies without releasing the lease, another instance takes over after it lapses', async function () {
    clock.set('2026-03-27T08:00:00Z');
    assert.equal((await instances[0]!.tick()).leader, true);
    // instance-0 is gone. Within the lease (3 min) nobody else schedules …
    clock.set('2026-03-27T08:02:00Z');
    assert.ok((await Promise.all([instances[1]!.tick(), instances[2]!.tick()])).every((r) => !r.leader));
    // … after it, one of them does, and sends the reminder that fell due meanwhile.
    clock.set('2026-03-28T08:00:00Z');
    const reports = await Promise.all([instances[1]!.tick(), instances[2]!.tick()]);
    assert.equal(reports.filter((r) => r.leader).length, 1);
    assert.deepEqual(perConversation(), Array(CONVERSATIONS).fill(1));
  });
});
