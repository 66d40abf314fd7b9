import assert from 'node:assert/strict';
import { describeGoalIds } from '../../../features/ask/describe-goal-ids';
import { notUnderstoodCard } from '../../../features/ask/not-understood-card';
import { contractFixture } from '../../fixtures/contract-fixture';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';

const ids = contractFixture.goals.map((g) => g.id);

describe('not-understood card', () => {
  it('says it did not understand and what the bot can do', () => {
    const card = notUnderstoodCard({ reason: 'unclear' });
    assertSendableCard(card);
    const json = JSON.stringify(card);
    assert.ok(json.includes('Det forstod jeg ikke'));
    for (const e of ['status mål 4', 'oversigt', 'næste møde', 'frister', 'hjælp']) assert.ok(json.includes(`\\"${e}\\"`), e);
    assert.ok(!json.includes('Du skrev'));
  });

  it('echoes what the user wrote, escaped and shortened', () => {
    const card = notUnderstoodCard({ reason: 'unclear', text: `[link](http://x) \${$root} ${'bla '.repeat(40)}` });
    assertSendableCard(card);
    const echo = card.body.find((b) => typeof b.text === 'string' && b.text.startsWith('Du skrev'));
    assert.ok(echo);
    assert.match(String(echo.text), /^Du skrev: »\\\[link\\\]\(http:\/\/x\) \$\\\{\$root\} bla bla .*…«$/);
    assert.ok(String(echo.text).length < 120);
  });

  it('names an unknown goal and the goals that exist', () => {
    const card = notUnderstoodCard({ reason: 'unknown-goal', goalId: '11', knownGoalIds: ids });
    assertSendableCard(card);
    assert.equal(card.body[0]?.text, 'Kontrakten har ingen Mål 11 (målene er 1–10, 9a–9d)');
    assert.equal(card.fallbackText, 'Kontrakten har ingen Mål 11 (målene er 1–10, 9a–9d).');
  });

  it('escapes an odd goal id', () => {
    const card = notUnderstoodCard({ reason: 'unknown-goal', goalId: '*7*', knownGoalIds: ids });
    assertSendableCard(card);
    assert.match(String(card.body[0]?.text), /^Kontrakten har ingen Mål \\\*7\\\* \(/);
  });
});

describe('describeGoalIds', () => {
  it('compresses runs into ranges', () => {
    assert.equal(describeGoalIds(ids), 'mål 1–10 (og 9a–9d)');
    assert.equal(describeGoalIds(['1', '2', '3']), 'mål 1–3');
    assert.equal(describeGoalIds(['1', '2', '4', '9a', '9c']), 'mål 1–2, 4 (og 9a, 9c)');
    assert.equal(describeGoalIds(['10', '9', '1']), 'mål 1, 9–10');
    assert.equal(describeGoalIds([]), 'ingen mål');
  });
});
