import assert from 'node:assert/strict';
import { parseDecimal } from '../../../../features/measurements/form/parse-decimal';

describe('parseDecimal: numbers as people type them', function () {
  const accepted: Array<[string, number]> = [
    ['37', 37],
    ['37,5', 37.5],
    ['37.5', 37.5],
    [' 37 % ', 37],
    ['37%', 37],
    ['37,50 %', 37.5],
    ['0', 0],
    ['100', 100],
    ['-12', -12],
    ['−12', -12], // U+2212, as the bot itself writes it
    ['– 4', -4], // en dash from Word's autocorrect
    ['+10', 10],
    ['+10 procentpoint', 10],
    ['10 pp', 10],
    ['72 point', 72],
    ['54 pct.', 54],
    ['13', 13],
  ];
  for (const [typed, expected] of accepted) {
    it(`reads ${JSON.stringify(typed)} as ${expected}`, function () {
      assert.equal(parseDecimal(typed), expected);
    });
  }

  const refused = ['', '   ', 'abc', '37,5,1', '1.234,5', '1 234', '3e2', 'Infinity', 'NaN', '0x1F', '37 %%', '%', '--5', '12-', '٣٧', '37 kr.'];
  for (const typed of refused) {
    it(`refuses ${JSON.stringify(typed)}`, function () {
      assert.equal(parseDecimal(typed), undefined);
    });
  }
});
