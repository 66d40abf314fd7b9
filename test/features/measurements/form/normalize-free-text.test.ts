import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_COMBINING_MARKS, normalizeFreeText } from '../../../../features/measurements/form/normalize-free-text';

describe('normalizeFreeText', () => {
  const CASES: ReadonlyArray<[string, string, boolean]> = [
    ['  Baseline for Sydjylland ', 'Baseline for Sydjylland', false],
    ['ok\n\nNy status for 4a: Opfyldt ✅', 'ok Ny status for 4a: Opfyldt ✅', false],
    ['a\tb\r\nc\u2028d\u2029e\u0085f', 'a b c d e f', false],
    ['12 %\u202E\u2066x\u2069', '12 %x', false],
    ['A\u0000B\u0007\u009BC\u007F', 'ABC', false],
    ['$\u2060{x}', '${x}', false],
    ['\u200B\u200D\uFEFF', '', true],
    ['\u202E', '', true],
    ['\u3164\u3164', '', true],
    ['   ', '', false],
    ['', '', false],
    ['👨\u200D👩\u200D👧', '👨\u200D👩\u200D👧', false],
    ['ma\u030Al', 'mål', false],
    ['Tiếng Việt', 'Tiếng Việt', false],
  ];
  for (const [input, text, invisibleOnly] of CASES) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(text)}${invisibleOnly ? ' (invisible only: refused)' : ''}`, () => {
      assert.deepEqual(normalizeFreeText(input), { text, invisibleOnly });
    });
  }

  it('never leaves a line break, a control or bidi character, or more than two marks on a letter; is idempotent (3 000 runs)', () => {
    const nasty = fc.constantFrom('\n', '\r', '\u2028', '\u202E', '\u2066', '\u0000', '\u0301', '\u0308', '\u200B', '\u200D', 'a', ' ', 'å', '✅', '\u0085');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(nasty, { maxLength: 200 }).map((a) => a.join(''))), (s) => {
        const { text } = normalizeFreeText(s);
        assert.doesNotMatch(text, /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
        assert.doesNotMatch(text, new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1}}`, 'u'));
        assert.equal(text, text.trim());
        assert.doesNotMatch(text, /\s\s/);
        assert.equal(normalizeFreeText(text).text, text);
      }),
      { seed: 14, numRuns: 3_000 },
    );
  });
});
