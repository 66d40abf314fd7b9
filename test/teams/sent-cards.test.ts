import assert from 'node:assert/strict';
import { SentCards } from '../../teams/sent-cards';
import { deepFreeze } from '../../core/deep-freeze';

const card = (verb: string, goalId?: string) => ({
  type: 'AdaptiveCard',
  actions: [{ type: 'Action.Execute', verb, data: goalId === undefined ? {} : { goalId }, fallback: { type: 'Action.Submit', data: { verb, goalId } } }],
});

describe('SentCards (which cards an Action.Submit may replace)', () => {
  it('allows the card sent in this conversation with a button of that verb and goal, nothing else', () => {
    const sent = new SentCards();
    sent.remember('conv-1', 'act-1', card('showHistory', '4'));
    assert.equal(sent.mayReplace('conv-1', 'act-1', 'showHistory', { goalId: '4' }), true);
    assert.equal(sent.mayReplace('conv-1', 'act-1', 'showHistory', { goalId: '9' }), false, 'another goal');
    assert.equal(sent.mayReplace('conv-1', 'act-1', 'submitMeasurement', { goalId: '4' }), false, 'another verb');
    assert.equal(sent.mayReplace('conv-2', 'act-1', 'showHistory', { goalId: '4' }), false, 'another conversation');
    assert.equal(sent.mayReplace('conv-1', 'act-2', 'showHistory', { goalId: '4' }), false, 'an activity it never sent');
    assert.equal(sent.mayReplace('conv-1', undefined, 'showHistory', { goalId: '4' }), false);
  });

  it('an invoke replacing a known card updates its buttons; an unknown activity id stays unknown', () => {
    const sent = new SentCards();
    sent.remember('c', 'a', card('openUpdateForm', '4'));
    sent.replaced('c', 'a', card('submitMeasurement', '4'));
    assert.equal(sent.mayReplace('c', 'a', 'submitMeasurement', { goalId: '4' }), true);
    assert.equal(sent.mayReplace('c', 'a', 'openUpdateForm', { goalId: '4' }), false);
    sent.replaced('c', 'forged', card('submitMeasurement', '4'));
    assert.equal(sent.mayReplace('c', 'forged', 'submitMeasurement', { goalId: '4' }), false);
  });

  it('is bounded: the oldest card is forgotten first', () => {
    const sent = new SentCards(3);
    for (let i = 0; i < 5; i++) sent.remember('c', `a${i}`, card('showHistory', '1'));
    assert.equal(sent.size, 3);
    assert.equal(sent.mayReplace('c', 'a0', 'showHistory', { goalId: '1' }), false);
    assert.equal(sent.mayReplace('c', 'a4', 'showHistory', { goalId: '1' }), true);
  });

  it('finds the buttons of a frozen (cached) card once, and of a card that can change on every send', () => {
    const sent = new SentCards();
    const mutable = card('showHistory', '4');
    sent.remember('c', 'a1', mutable);
    mutable.actions[0]!.verb = 'openUpdateForm';
    mutable.actions[0]!.fallback.data.verb = 'openUpdateForm';
    sent.remember('c', 'a2', mutable);
    assert.equal(sent.mayReplace('c', 'a1', 'showHistory', { goalId: '4' }), true);
    assert.equal(sent.mayReplace('c', 'a2', 'openUpdateForm', { goalId: '4' }), true, 'walked again after the change');
    const frozen = deepFreeze(card('showHistory', '5'));
    sent.remember('c', 'b1', frozen);
    sent.remember('c', 'b2', frozen);
    assert.equal(sent.mayReplace('c', 'b2', 'showHistory', { goalId: '5' }), true);
    assert.equal(sent.mayReplace('c', 'b2', 'showHistory', { goalId: '4' }), false);
  });
});
