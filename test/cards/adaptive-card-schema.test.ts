import assert from 'node:assert/strict';
import { adaptiveCard, textBlock } from '../../cards/adaptive-card';
import { assertCardSize, assertNoTemplateLeftovers, assertSendableCard, assertValidCard } from '../helpers/adaptive-card-schema';

/** The checks themselves must be able to fail, or every "valid" below means nothing. */
describe('adaptive card checks', () => {
  const good = adaptiveCard([textBlock('Hej')]);

  it('accept a minimal valid 1.5 card', () => {
    assert.doesNotThrow(() => assertSendableCard(good));
  });

  it('reject an unknown element type', () => {
    assert.throws(() => assertValidCard({ ...good, body: [{ type: 'Bogus', text: 'x' }] }), /ikke gyldigt/);
  });

  it('reject an element without type', () => {
    assert.throws(() => assertValidCard({ ...good, body: [{ text: 'x' }] }), /required property 'type'/);
  });

  it('reject an unknown colour and an unknown property', () => {
    assert.throws(() => assertValidCard({ ...good, body: [textBlock('x', { color: 'purple' })] }), /ikke gyldigt/);
    assert.throws(() => assertValidCard({ ...good, body: [textBlock('x', { colour: 'good' })] }), /additional properties/);
  });

  it('reject a FactSet without facts and an Action.Execute with a stray field', () => {
    assert.throws(() => assertValidCard({ ...good, body: [{ type: 'FactSet' }] }), /ikke gyldigt/);
    assert.throws(() => assertValidCard({ ...good, actions: [{ type: 'Action.Execute', title: 'x', verb: 'v', bogus: 1 }] }), /ikke gyldigt/);
  });

  it('reject a card of another version', () => {
    assert.throws(() => assertValidCard({ ...good, version: '1.6' }), /version/);
  });

  it('reject a card of 80 KB or more', () => {
    const big = adaptiveCard([textBlock('x'.repeat(80 * 1024))]);
    assert.throws(() => assertCardSize(big), /grænsen/);
  });

  it('find "${" anywhere, also in action data', () => {
    assert.throws(() => assertNoTemplateLeftovers(adaptiveCard([textBlock('${heading}')])), /Skabelonrest/);
    assert.throws(() => assertNoTemplateLeftovers({ ...good, actions: [{ type: 'Action.Submit', title: 'x', data: { goalId: '${goalId}' } }] }), /Skabelonrest/);
  });
});
