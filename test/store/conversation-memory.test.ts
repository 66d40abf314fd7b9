import assert from 'node:assert/strict';
import { describeOnEveryDatabase } from '../helpers/test-databases';

const T0 = new Date('2021-10-15T10:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

describeOnEveryDatabase((label, makeDatabase) => {
  describe(`conversation topics (${label})`, function () {
    it('recalls the last topic of a conversation and user until it expires, and nobody else\'s', async function () {
      const { database, cleanup } = await makeDatabase();
      try {
        const m = database.topics;
        assert.equal(await m.recall('c1', 'anna', T0), undefined);
        await m.remember('c1', 'anna', { goalId: '6', fact: 'baseline' }, T0, later(30));
        assert.deepEqual(await m.recall('c1', 'anna', later(1)), { goalId: '6', fact: 'baseline' });
        assert.equal(await m.recall('c1', 'bo', later(1)), undefined, 'another user in the same conversation');
        assert.equal(await m.recall('c2', 'anna', later(1)), undefined, 'the same user in another conversation');
        await m.remember('c1', 'anna', { goalId: '3', fact: 'target', kpiId: '3b' }, later(2), later(32));
        assert.deepEqual(await m.recall('c1', 'anna', later(3)), { goalId: '3', fact: 'target', kpiId: '3b' }, 'the newest topic replaces the last');
        assert.deepEqual(await m.recall('c1', 'anna', later(31.9)), { goalId: '3', fact: 'target', kpiId: '3b' });
        assert.equal(await m.recall('c1', 'anna', later(32)), undefined, 'expired at its expiry instant');
        await m.remember('c9', 'bo', { goalId: '1' }, later(40), later(70));
        assert.deepEqual(await m.recall('c9', 'bo', later(41)), { goalId: '1' });
        // Written through: after a turn of the event loop the rows are in the database itself.
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(await m.recall('c9', 'bo', later(42)), { goalId: '1' });
        assert.equal(await m.recall('c1', 'anna', later(41)), undefined);
      } finally {
        await cleanup();
      }
    });
  });
});
