import assert from 'node:assert/strict';
import { parseMeasuredOn } from '../../../../features/measurements/form/parse-measured-on';

describe('parseMeasuredOn: dates from the date picker and from Danish spreadsheets', function () {
  const accepted: Array<[string, string]> = [
    ['2021-09-30', '2021-09-30'],
    [' 2021-09-30 ', '2021-09-30'],
    ['30-09-2021', '2021-09-30'],
    ['30.9.2021', '2021-09-30'],
    ['30/9/2021', '2021-09-30'],
    ['30/9-2021', '2021-09-30'], // the contract's own style, "31/12-2021"
    ['1-1-2021', '2021-01-01'],
    ['29-02-2024', '2024-02-29'],
  ];
  for (const [typed, expected] of accepted) {
    it(`reads ${JSON.stringify(typed)} as ${expected}`, function () {
      assert.equal(parseMeasuredOn(typed), expected);
    });
  }
  for (const typed of ['', 'i går', '2021-02-30', '29-02-2021', '2021-13-01', '31/4-2021', '2021-9-30', '09/30/2021x', '2021-09-30T00:00:00Z', '30-09-21']) {
    it(`refuses ${JSON.stringify(typed)}`, function () {
      assert.equal(parseMeasuredOn(typed), undefined);
    });
  }
});
