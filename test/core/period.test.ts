import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePeriod, periodWithin } from '../../core/period';

describe('parsePeriod: the period words staff write, as a range of days', () => {
  const table: Array<[string, string, string] | [string, undefined]> = [
    ['2021', '2021-01-01', '2021-12-31'],
    ['år 2021', '2021-01-01', '2021-12-31'],
    ['efterår 2021', '2021-09-01', '2021-11-30'],
    ['Efteråret 2021', '2021-09-01', '2021-11-30'],
    ['autumn 2021', '2021-09-01', '2021-11-30'],
    ['forår 2022', '2022-03-01', '2022-05-31'],
    ['sommer 2021', '2021-06-01', '2021-08-31'],
    ['vinter 2022', '2021-12-01', '2022-02-28'],
    ['september 2020', '2020-09-01', '2020-09-30'],
    ['sep. 2021', '2021-09-01', '2021-09-30'],
    ['Feb 2024', '2024-02-01', '2024-02-29'],
    ['2021-09', '2021-09-01', '2021-09-30'],
    ['09-2021', '2021-09-01', '2021-09-30'],
    ['9/2021', '2021-09-01', '2021-09-30'],
    ['3. kvartal 2021', '2021-07-01', '2021-09-30'],
    ['tredje kvartal 2021', '2021-07-01', '2021-09-30'],
    ['fjerde kvartal 2021', '2021-10-01', '2021-12-31'],
    ['Q3 2021', '2021-07-01', '2021-09-30'],
    ['2021 Q4', '2021-10-01', '2021-12-31'],
    ['1. halvår 2021', '2021-01-01', '2021-06-30'],
    ['andet halvår 2021', '2021-07-01', '2021-12-31'],
    ['H2 2021', '2021-07-01', '2021-12-31'],
    ['2020-2021', '2020-01-01', '2021-12-31'],
    ['2021–2023', '2021-01-01', '2023-12-31'],
    ['2021-09-30', '2021-09-30', '2021-09-30'],
    ['30-09-2021', '2021-09-30', '2021-09-30'],
    ['30.09.2021', '2021-09-30', '2021-09-30'],
    ['løbende', undefined],
    ['', undefined],
    ['2021-13', undefined],
    ['31-02-2021', undefined],
    ['5. kvartal 2021', undefined],
    ['2022-2021', undefined],
    ['efterår', undefined],
  ];
  for (const [text, from, to] of table) {
    it(`«${text}» → ${from === undefined ? 'not a period' : `${from}..${to}`}`, () => {
      assert.deepEqual(parsePeriod(text), from === undefined ? undefined : { from, to });
    });
  }

  it('never throws, and every range it returns is ordered ISO dates', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const r = parsePeriod(text);
        if (r !== undefined) {
          assert.match(r.from, /^\d{4}-\d{2}-\d{2}$/);
          assert.ok(r.from <= r.to);
        }
      }),
    );
  });

  it('periodWithin includes both ends', () => {
    const year = { from: '2021-01-01', to: '2021-12-31' };
    assert.equal(periodWithin({ from: '2021-01-01', to: '2021-12-31' }, year), true);
    assert.equal(periodWithin({ from: '2020-12-31', to: '2021-01-31' }, year), false);
  });
});
