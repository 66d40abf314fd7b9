import assert from 'node:assert/strict';
import { ReplyCache } from '../../core/reply-cache';
import type { Measurement } from '../../core/measurement';
import type { Reply } from '../../core/reply';

const row = (id: number) => ({ id }) as Measurement;
const text = (t: string): Reply => ({ kind: 'text', text: t });

describe('ReplyCache', () => {
  it('keys on the ids of the rows read, so a new row (even with an old date) gives a new key', () => {
    assert.notEqual(ReplyCache.key(['a'], [row(1), row(2)]), ReplyCache.key(['a'], [row(1), row(3)]));
    assert.notEqual(ReplyCache.key(['a', '2021-10-01'], [row(1)]), ReplyCache.key(['a', '2021-10-02'], [row(1)]));
    assert.equal(ReplyCache.key(['a'], [row(1), row(2)]), ReplyCache.key(['a'], [row(1), row(2)]));
  });

  it('builds once per key and evicts the oldest entry beyond its limit', async () => {
    const cache = new ReplyCache(2);
    let built = 0;
    const make = (t: string) => () => (built++, text(t));
    assert.deepEqual(await cache.getOrCreate('k1', make('1')), text('1'));
    assert.deepEqual(await cache.getOrCreate('k1', make('x')), text('1'));
    assert.equal(built, 1);
    await cache.getOrCreate('k2', make('2'));
    await cache.getOrCreate('k3', make('3'));
    assert.deepEqual(await cache.getOrCreate('k1', make('1 again')), text('1 again'), 'k1 was evicted');
    assert.equal(built, 4);
  });

  it('hands out its replies frozen, card and all, since every turn with that key shares them', async () => {
    const cache = new ReplyCache();
    const reply = await cache.getOrCreate('k', () => ({ kind: 'card', card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }] }, summary: 's' }));
    assert.ok(Object.isFrozen(reply));
    assert.ok(reply.kind === 'card' && Object.isFrozen(reply.card) && Object.isFrozen((reply.card.body as object[])[0]));
    assert.throws(() => {
      ((reply as unknown as { card: { body: { text: string }[] } }).card.body[0]!).text = 'changed';
    }, TypeError);
  });
});
