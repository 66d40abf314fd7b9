import assert from 'node:assert/strict';
import { PREVIEW_TEXT_LIMIT, previewText } from '../../core/preview-text';

describe('previewText', () => {
  it('keeps text up to the limit as it is', () => {
    const exact = 'a'.repeat(PREVIEW_TEXT_LIMIT);
    assert.equal(previewText(exact), exact);
  });
  it('cuts longer text to the limit, ending in an ellipsis', () => {
    const cut = previewText('a'.repeat(PREVIEW_TEXT_LIMIT + 1));
    assert.equal(Array.from(cut).length, PREVIEW_TEXT_LIMIT);
    assert.equal(cut, `${'a'.repeat(PREVIEW_TEXT_LIMIT - 1)}…`);
  });
  it('counts code points, never splitting an emoji', () => {
    const cut = previewText('🎯'.repeat(10), 5);
    assert.equal(cut, '🎯🎯🎯🎯…');
  });
  it('trims surrounding space first', () => assert.equal(previewText('  Frist om 3 dage  '), 'Frist om 3 dage'));
  it('takes another limit', () => assert.equal(previewText('abcdef', 4), 'abc…'));
});
