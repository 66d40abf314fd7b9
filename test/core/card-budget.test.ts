import assert from 'node:assert/strict';
import { cardBytes, MAX_CARD_BYTES, withinCardBudget } from '../../core/card-budget';
import type { CardJson } from '../../core/reply';
import { deepFreeze } from '../../core/deep-freeze';

describe('card budget (core/card-budget.ts)', () => {
  const card = (text: string): CardJson => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

  it('counts UTF-8 bytes of the JSON, as Teams does (æ 2, € 3, an emoji 4, a JSON escape 2)', () => {
    const base = cardBytes(card(''));
    assert.equal(cardBytes(card('æ€👩"')) - base, 2 + 3 + 4 + 2);
  });

  it('passes a card within 80 KB and texts untouched; turns a larger card into a short Danish text', () => {
    const small = { kind: 'card' as const, card: card('x'), summary: 's' };
    assert.deepEqual(withinCardBudget(small), { reply: small });
    const text = { kind: 'text' as const, text: 'hej' };
    assert.deepEqual(withinCardBudget(text), { reply: text });
    const big = withinCardBudget({ kind: 'card', card: card('x'.repeat(MAX_CARD_BYTES)), summary: 's' });
    assert.equal(big.reply.kind, 'text');
    assert.ok(big.bytes! > MAX_CARD_BYTES);
    assert.match(big.reply.kind === 'text' ? big.reply.text : '', /for stort til et kort i Teams/);
  });

  it('measures a frozen card once (the reply cache freezes its cards) and a card that can change on every call', () => {
    const mutable = card('a');
    const before = cardBytes(mutable);
    (mutable.body as { text: string }[])[0]!.text = 'abc';
    assert.equal(cardBytes(mutable), before + 2, 'a card that is not frozen is measured again');
    const frozen = deepFreeze(card('æ'));
    const stringify = JSON.stringify;
    let calls = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => (calls++, stringify(...args))) as typeof stringify;
    try {
      assert.equal(cardBytes(frozen), before + 1);
      assert.equal(cardBytes(frozen), before + 1);
      assert.equal(withinCardBudget({ kind: 'card', card: frozen, summary: 's' }).bytes, undefined);
    } finally {
      JSON.stringify = stringify;
    }
    assert.equal(calls, 1, 'a frozen card is serialised once');
  });
});
