import assert from 'node:assert/strict';
import { retryAfterMs } from '../../core/retry-after';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('Retry-After', () => {
  it('reads seconds', () => assert.equal(retryAfterMs('7', NOW), 7000));
  it('reads fractional seconds, rounded to whole milliseconds', () => assert.equal(retryAfterMs('1.5', NOW), 1500));
  it('trims surrounding space', () => assert.equal(retryAfterMs(' 3 ', NOW), 3000));
  it('reads an HTTP date against the injected clock', () => assert.equal(retryAfterMs('Mon, 02 Mar 2026 08:00:05 GMT', NOW), 5000));
  it('treats a date in the past as "now"', () => assert.equal(retryAfterMs('Mon, 02 Mar 2026 07:00:00 GMT', NOW), 0));
  it('ignores garbage and absence', () => {
    assert.equal(retryAfterMs('soon', NOW), undefined);
    assert.equal(retryAfterMs(null, NOW), undefined);
    assert.equal(retryAfterMs(undefined, NOW), undefined);
    assert.equal(retryAfterMs('  ', NOW), undefined);
  });
});
