import assert from 'node:assert/strict';
import type { NewDelivery, ReminderStore, SeenConversation } from '../../core/ports/reminder-store';

export interface ReminderStoreUnderTest {
  /** A fresh, migrated store on an empty database. */
  store: ReminderStore;
  /** A second store on the SAME database (another "instance"). */
  another(): Promise<ReminderStore>;
  cleanup(): Promise<void>;
}

const T0 = '2026-03-02T08:00:00.000Z';
const T1 = '2026-03-02T09:30:00.000Z';
const T2 = '2026-03-03T10:00:00.000Z';

export function seen(overrides: Partial<SeenConversation> = {}): SeenConversation {
  return {
    conversationId: '19:general@thread.tacv2',
    kind: 'channel',
    reference: { conversation: { id: '19:general@thread.tacv2', conversationType: 'channel' }, serviceUrl: 'https://smba.example/emea/', bot: { id: '28:bot' } },
    tenantId: 'tenant-1',
    teamId: '19:team@thread.tacv2',
    userAadObjectId: null,
    seenAt: T0,
    ...overrides,
  };
}

function delivery(overrides: Partial<NewDelivery> = {}): NewDelivery {
  return {
    ruleId: 'meeting-2d',
    occurrenceKey: '2026-03-05@2026-03-05T08:00:00.000Z',
    targetId: 'conv:19:general@thread.tacv2',
    dueAt: '2026-03-03T08:00:00.000Z',
    instanceId: 'instance-a',
    at: T1,
    late: false,
    ...overrides,
  };
}

/** The behaviour every ReminderStore must have; run against SQLite and PostgreSQL. */
export function describeReminderStoreContract(name: string, make: () => Promise<ReminderStoreUnderTest>): void {
  describe(`${name}: ReminderStore contract`, function () {
    let t: ReminderStoreUnderTest;
    let store: ReminderStore;
    beforeEach(async function () {
      t = await make();
      store = t.store;
    });
    afterEach(async function () {
      await t?.cleanup();
    });

    describe('conversations', function () {
      it('stores a conversation reference and returns it as it was given', async function () {
        await store.upsertConversation(seen());
        const c = await store.getConversation('19:general@thread.tacv2');
        assert.ok(c);
        assert.deepEqual(c.reference, seen().reference);
        assert.equal(c.kind, 'channel');
        assert.equal(c.teamId, '19:team@thread.tacv2');
        assert.equal(c.tenantId, 'tenant-1');
        assert.equal(c.active, true);
        assert.equal(c.subscription, null);
        assert.equal(c.firstSeenAt, T0);
        assert.equal(c.lastSeenAt, T0);
        assert.equal(await store.getConversation('unknown'), undefined);
      });

      it('a later sighting refreshes the reference and last-seen time but keeps the first-seen time and known ids', async function () {
        await store.upsertConversation(seen());
        const newer = { ...seen().reference, serviceUrl: 'https://smba.example/emea2/' };
        await store.upsertConversation(seen({ reference: newer, teamId: null, seenAt: T2 }));
        const c = await store.getConversation('19:general@thread.tacv2');
        assert.deepEqual(c?.reference, newer);
        assert.equal(c?.firstSeenAt, T0);
        assert.equal(c?.lastSeenAt, T2);
        assert.equal(c?.teamId, '19:team@thread.tacv2', 'a sighting without a team id does not erase it');
      });

      it('subscribes and unsubscribes; only active subscribed conversations are listed', async function () {
        assert.equal(await store.setSubscription('unknown', 'subscribed', T1, 'user'), false);
        await store.upsertConversation(seen());
        await store.upsertConversation(seen({ conversationId: 'a:personal', kind: 'personal', teamId: null, userAadObjectId: 'AAD-1' }));
        assert.equal(await store.setSubscription('19:general@thread.tacv2', 'subscribed', T1, 'aad-director'), true);
        assert.deepEqual((await store.listSubscribedConversations()).map((c) => c.conversationId), ['19:general@thread.tacv2']);
        const c = await store.getConversation('19:general@thread.tacv2');
        assert.equal(c?.subscription, 'subscribed');
        assert.equal(c?.subscriptionChangedAt, T1);
        assert.equal(c?.subscriptionChangedBy, 'aad-director');
        await store.setSubscription('19:general@thread.tacv2', 'unsubscribed', T2, 'aad-director');
        assert.deepEqual(await store.listSubscribedConversations(), []);
        assert.equal((await store.getConversation('19:general@thread.tacv2'))?.subscription, 'unsubscribed');
      });

      it('deactivation clears the subscription; a new sighting reactivates without resubscribing', async function () {
        await store.upsertConversation(seen());
        await store.setSubscription('19:general@thread.tacv2', 'subscribed', T1, 'u');
        assert.equal(await store.deactivateConversation('19:general@thread.tacv2', 'forbidden', T2), true);
        assert.equal(await store.deactivateConversation('19:general@thread.tacv2', 'forbidden', T2), false, 'already inactive');
        let c = await store.getConversation('19:general@thread.tacv2');
        assert.equal(c?.active, false);
        assert.equal(c?.deactivatedReason, 'forbidden');
        assert.equal(c?.deactivatedAt, T2);
        assert.equal(c?.subscription, null);
        assert.deepEqual(await store.listSubscribedConversations(), []);
        await store.upsertConversation(seen({ seenAt: '2026-03-04T10:00:00.000Z' }));
        c = await store.getConversation('19:general@thread.tacv2');
        assert.equal(c?.active, true);
        assert.equal(c?.deactivatedReason, null);
        assert.equal(c?.subscription, null);
      });

      it('deactivates every conversation of a deleted team and nothing else', async function () {
        await store.upsertConversation(seen());
        await store.upsertConversation(seen({ conversationId: '19:other-channel@thread.tacv2' }));
        await store.upsertConversation(seen({ conversationId: '19:elsewhere@thread.tacv2', teamId: '19:team2@thread.tacv2' }));
        for (const id of ['19:general@thread.tacv2', '19:other-channel@thread.tacv2', '19:elsewhere@thread.tacv2']) {
          await store.setSubscription(id, 'subscribed', T1, 'u');
        }
        assert.equal(await store.deactivateTeam('19:team@thread.tacv2', 'team-deleted', T2), 2);
        assert.deepEqual((await store.listSubscribedConversations()).map((c) => c.conversationId), ['19:elsewhere@thread.tacv2']);
        assert.equal((await store.getConversation('19:other-channel@thread.tacv2'))?.deactivatedReason, 'team-deleted');
      });

      it("finds a person's most recently seen active personal chat by Entra id, in any letter case", async function () {
        await store.upsertConversation(seen({ conversationId: 'a:old', kind: 'personal', teamId: null, userAadObjectId: 'ABC-1', seenAt: T0 }));
        await store.upsertConversation(seen({ conversationId: 'a:new', kind: 'personal', teamId: null, userAadObjectId: 'abc-1', seenAt: T1 }));
        await store.upsertConversation(seen({ conversationId: '19:group@thread.v2', kind: 'groupChat', teamId: null, userAadObjectId: 'abc-1', seenAt: T2 }));
        assert.equal((await store.findPersonalConversation('ABC-1'))?.conversationId, 'a:new');
        await store.deactivateConversation('a:new', 'not-found', T2);
        assert.equal((await store.findPersonalConversation('abc-1'))?.conversationId, 'a:old');
        assert.equal(await store.findPersonalConversation('nobody'), undefined);
      });
    });

    describe('deliveries', function () {
      it('claims a (rule, occurrence, target) once; other targets and occurrences are separate', async function () {
        assert.equal(await store.claimDelivery(delivery()), true);
        assert.equal(await store.claimDelivery(delivery({ instanceId: 'instance-b' })), false);
        assert.equal(await store.claimDelivery(delivery({ targetId: 'conv:other' })), true);
        assert.equal(await store.claimDelivery(delivery({ occurrenceKey: 'next' })), true);
        assert.equal(await store.claimDelivery(delivery({ ruleId: 'meeting-1h' })), true);
        const d = await store.getDelivery(delivery());
        assert.equal(d?.status, 'claimed');
        assert.equal(d?.instanceId, 'instance-a');
        assert.equal(d?.claimedAt, T1);
        assert.equal(d?.dueAt, '2026-03-03T08:00:00.000Z');
        assert.equal(d?.finishedAt, null);
      });

      it('of many simultaneous claims from two store instances, exactly one wins', async function () {
        const other = await t.another();
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).claimDelivery(delivery({ instanceId: `i-${i}` }))),
        );
        assert.equal(results.filter((r) => r).length, 1);
      });

      it('finishes a claim as sent or failed with attempts and detail', async function () {
        await store.claimDelivery(delivery({ late: true }));
        await store.finishDelivery(delivery(), { status: 'sent', at: T2, attempts: 2, detail: null });
        const d = await store.getDelivery(delivery());
        assert.equal(d?.status, 'sent');
        assert.equal(d?.finishedAt, T2);
        assert.equal(d?.attempts, 2);
        assert.equal(d?.late, true);
        await store.claimDelivery(delivery({ targetId: 'conv:x' }));
        await store.finishDelivery(delivery({ targetId: 'conv:x' }), { status: 'failed', at: T2, attempts: 5, detail: 'HTTP 503' });
        assert.equal((await store.getDelivery(delivery({ targetId: 'conv:x' })))?.detail, 'HTTP 503');
      });

      it('records a skip only where nothing is recorded, and a skip blocks a later claim', async function () {
        assert.equal(await store.recordSkipped(delivery(), 'expired'), true);
        assert.equal(await store.recordSkipped(delivery(), 'expired'), false);
        assert.equal(await store.claimDelivery(delivery()), false);
        const d = await store.getDelivery(delivery());
        assert.equal(d?.status, 'skipped');
        assert.equal(d?.detail, 'expired');
        assert.equal(d?.finishedAt, T1);
        await store.claimDelivery(delivery({ targetId: 'conv:y' }));
        assert.equal(await store.recordSkipped(delivery({ targetId: 'conv:y' }), 'expired'), false);
        assert.equal((await store.getDelivery(delivery({ targetId: 'conv:y' })))?.status, 'claimed');
      });

      it("a delivery in 'retry' (a transient failure) can be claimed again, by one caller; a skip closes it", async function () {
        await store.claimDelivery(delivery());
        await store.finishDelivery(delivery(), { status: 'retry', at: T1, attempts: 5, detail: 'HTTP 503' });
        const other = await t.another();
        const wins = await Promise.all([store, other, store, other].map((s, i) => s.claimDelivery(delivery({ instanceId: `i-${i}`, at: T2 }))));
        assert.equal(wins.filter((w) => w).length, 1);
        let d = await store.getDelivery(delivery());
        assert.equal(d?.status, 'claimed');
        assert.equal(d?.claimedAt, T2);
        assert.equal(d?.attempts, 5, 'the attempts so far are kept');
        assert.equal(d?.finishedAt, null);
        await store.finishDelivery(delivery(), { status: 'retry', at: T2, attempts: 10, detail: 'HTTP 503' });
        assert.equal(await store.recordSkipped(delivery({ at: T2 }), 'expired'), true);
        d = await store.getDelivery(delivery());
        assert.equal(d?.status, 'skipped');
        assert.equal(d?.detail, 'expired');
        assert.equal(await store.claimDelivery(delivery()), false);
      });

      it('lists deliveries by status and rule', async function () {
        await store.claimDelivery(delivery());
        await store.claimDelivery(delivery({ ruleId: 'deadline-14d', occurrenceKey: 'd1@2026-04-01', at: T2 }));
        await store.recordSkipped(delivery({ ruleId: 'deadline-3d', occurrenceKey: 'd1@2026-04-01' }), 'expired');
        assert.equal((await store.listDeliveries()).length, 3);
        assert.deepEqual((await store.listDeliveries({ status: 'claimed' })).map((d) => d.ruleId), ['meeting-2d', 'deadline-14d']);
        assert.deepEqual((await store.listDeliveries({ ruleId: 'deadline-3d' })).map((d) => d.status), ['skipped']);
        assert.deepEqual((await store.listDeliveries({ occurrenceKey: 'd1@2026-04-01' })).map((d) => d.ruleId), ['deadline-3d', 'deadline-14d']);
      });

      it('turns claims that never finished into "uncertain", and only those older than the cut-off', async function () {
        await store.claimDelivery(delivery({ at: T0 }));
        await store.claimDelivery(delivery({ targetId: 'conv:recent', at: T2 }));
        await store.claimDelivery(delivery({ targetId: 'conv:done', at: T0 }));
        await store.finishDelivery(delivery({ targetId: 'conv:done' }), { status: 'sent', at: T1, attempts: 1, detail: null });
        const marked = await store.markStaleClaimsUncertain(T1, T2);
        assert.deepEqual(marked.map((d) => d.targetId), ['conv:19:general@thread.tacv2']);
        assert.equal((await store.getDelivery(delivery()))?.status, 'uncertain');
        assert.equal((await store.getDelivery(delivery({ targetId: 'conv:recent' })))?.status, 'claimed');
        assert.equal(await store.claimDelivery(delivery()), false, 'an uncertain delivery is never claimed again');
      });
    });

    describe('lease and mark', function () {
      it('grants a lease to one holder until it expires; the holder renews; release frees it', async function () {
        assert.equal(await store.acquireLease('scheduler', 'a', T0, T1), true);
        assert.equal(await store.acquireLease('scheduler', 'b', T0, T1), false);
        assert.equal(await store.acquireLease('scheduler', 'a', T0, T2), true, 'renewal');
        assert.equal(await store.acquireLease('scheduler', 'b', T1, T2), false, 'renewed past T1');
        assert.equal(await store.acquireLease('scheduler', 'b', T2, '2026-03-04T00:00:00.000Z'), true, 'expired at T2');
        await store.releaseLease('scheduler', 'a');
        assert.equal(await store.acquireLease('scheduler', 'a', T2, '2026-03-04T00:00:00.000Z'), false, 'a cannot release b');
        await store.releaseLease('scheduler', 'b');
        assert.equal(await store.acquireLease('scheduler', 'a', T2, '2026-03-04T00:00:00.000Z'), true);
      });

      it('of simultaneous lease requests from two store instances, exactly one wins', async function () {
        const other = await t.another();
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : other).acquireLease('scheduler', `h-${i}`, T0, T1)));
        assert.equal(results.filter((r) => r).length, 1);
      });

      it('keeps the highest scheduler mark', async function () {
        assert.equal(await store.getSchedulerMark(), undefined);
        await store.advanceSchedulerMark(T1);
        await store.advanceSchedulerMark(T0);
        assert.equal(await store.getSchedulerMark(), T1);
        await store.advanceSchedulerMark(T2);
        assert.equal(await store.getSchedulerMark(), T2);
      });
    });
  });
}
