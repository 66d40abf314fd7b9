import assert from 'node:assert/strict';
import {
  formatDate,
  formatDateShort,
  formatDateTime,
  formatWindowWhen,
  formatKpiLevel,
  formatKpiValue,
  formatList,
  formatMonthShort,
  formatMonthYear,
  formatNps,
  formatNumber,
  formatPercent,
  formatPoints,
  formatSignedNumber,
  formatTarget,
} from '../../core/danish-format';
import { KPI_1A, KPI_3B, KPI_4A, KPI_6A, KPI_6C, KPI_7B, KPI_7D, KPI_9A, KPI_9C, kpiFixture } from '../fixtures/contract-fixture';

const MINUS = '\u2212';

describe('danish-format', () => {
  describe('formatNumber', () => {
    it('uses a decimal comma and at most one decimal by default', () => {
      assert.equal(formatNumber(37.5), '37,5');
      assert.equal(formatNumber(37), '37');
      assert.equal(formatNumber(33.333), '33,3');
      assert.equal(formatNumber(37.04), '37');
    });
    it('rounds half up without float noise', () => {
      assert.equal(formatNumber(2.25), '2,3');
      assert.equal(formatNumber(0.1 + 0.2), '0,3');
      assert.equal(formatNumber(1.005, { maxDecimals: 2 }), '1,01');
    });
    it('groups thousands with a period', () => {
      assert.equal(formatNumber(1234), '1.234');
      assert.equal(formatNumber(1234567.25), '1.234.567,3');
      assert.equal(formatNumber(999), '999');
    });
    it('negative numbers use a real minus sign; −0 prints as 0', () => {
      assert.equal(formatNumber(-2), `${MINUS}2`);
      assert.equal(formatNumber(-0.01), '0');
    });
    it('fixed decimals', () => {
      assert.equal(formatNumber(5, { decimals: 1 }), '5,0');
      assert.equal(formatNumber(5.25, { decimals: 2 }), '5,25');
      assert.equal(formatNumber(5.4, { decimals: 0 }), '5');
    });
    it('refuses non-finite numbers', () => {
      assert.throws(() => formatNumber(Number.NaN), RangeError);
      assert.throws(() => formatNumber(Infinity), RangeError);
    });
  });

  it('formatSignedNumber', () => {
    assert.equal(formatSignedNumber(5), '+5');
    assert.equal(formatSignedNumber(5, { decimals: 1 }), '+5,0');
    assert.equal(formatSignedNumber(-2), `${MINUS}2`);
    assert.equal(formatSignedNumber(0), '0');
    assert.equal(formatSignedNumber(0.01), '0');
  });

  it('formatPercent', () => {
    assert.equal(formatPercent(37), '37 %');
    assert.equal(formatPercent(37.5), '37,5 %');
    assert.equal(formatPercent(0), '0 %');
  });

  it('formatPoints', () => {
    assert.equal(formatPoints(5), '5 procentpoint');
    assert.equal(formatPoints(5, { signed: true }), '+5 procentpoint');
    assert.equal(formatPoints(-2, { signed: true }), `${MINUS}2 procentpoint`);
    assert.equal(formatPoints(2.5), '2,5 procentpoint');
  });

  it('formatNps', () => {
    assert.equal(formatNps(72), '72');
    assert.equal(formatNps(-12), `${MINUS}12`);
    assert.equal(formatNps(71.5), '71,5');
  });

  describe('dates', () => {
    it('formatDate', () => {
      assert.equal(formatDate('2021-03-08'), '8. marts 2021');
      assert.equal(formatDate('2021-12-31'), '31. december 2021');
      assert.equal(formatDate('2020-02-29'), '29. februar 2020');
    });
    it('formatDate refuses invalid dates', () => {
      assert.throws(() => formatDate('2021-02-29'), RangeError);
      assert.throws(() => formatDate('8/3 2021'), RangeError);
      assert.throws(() => formatDate('2021-13-01'), RangeError);
    });
    it('formatMonthShort has all twelve Danish abbreviations', () => {
      const got = Array.from({ length: 12 }, (_, i) => formatMonthShort(`2021-${String(i + 1).padStart(2, '0')}-15`));
      assert.deepEqual(got, [
        'jan. 2021', 'feb. 2021', 'mar. 2021', 'apr. 2021', 'maj 2021', 'jun. 2021',
        'jul. 2021', 'aug. 2021', 'sep. 2021', 'okt. 2021', 'nov. 2021', 'dec. 2021',
      ]);
      assert.equal(formatMonthShort('2021-09-30'), 'sep. 2021');
    });
    it('formatMonthYear has all twelve Danish month names', () => {
      const got = Array.from({ length: 12 }, (_, i) => formatMonthYear(`2020-${String(i + 1).padStart(2, '0')}-01`).split(' ')[0]);
      assert.deepEqual(got, ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december']);
    });
    it('formatDateShort writes the contract’s style', () => {
      assert.equal(formatDateShort('2021-12-31'), '31/12-2021');
      assert.equal(formatDateShort('2021-03-08'), '8/3-2021');
    });
    it('formatDateTime converts to Danish time (winter and summer) with "kl. HH.MM"', () => {
      assert.equal(formatDateTime('2021-03-08T13:05:00Z'), '8. marts 2021 kl. 14.05');
      assert.equal(formatDateTime('2021-07-01T22:30:00Z'), '2. juli 2021 kl. 00.30');
      assert.equal(formatDateTime('2021-03-08T13:05:00Z', 'UTC'), '8. marts 2021 kl. 13.05');
    });
    it('formatDateTime across both DST switches', () => {
      // 28 March 2021: 01:00 UTC clocks go from 02:00 to 03:00
      assert.equal(formatDateTime('2021-03-28T00:59:00Z'), '28. marts 2021 kl. 01.59');
      assert.equal(formatDateTime('2021-03-28T01:00:00Z'), '28. marts 2021 kl. 03.00');
      // 31 October 2021: 01:00 UTC clocks go from 03:00 back to 02:00
      assert.equal(formatDateTime('2021-10-31T00:59:00Z'), '31. oktober 2021 kl. 02.59');
      assert.equal(formatDateTime('2021-10-31T01:00:00Z'), '31. oktober 2021 kl. 02.00');
      assert.equal(formatDateTime('2021-12-31T23:00:00Z'), '1. januar 2022 kl. 00.00');
    });
    it('formatDateTime refuses garbage', () => {
      assert.throws(() => formatDateTime('i går'), RangeError);
    });
  });

  it('formatWindowWhen keeps the contract\'s words and never makes a date of them', () => {
    assert.equal(formatWindowWhen({ label: 'efteråret 2021' }), 'efteråret 2021');
    assert.equal(formatWindowWhen({ label: 'I 2021' }), '2021');
    assert.equal(formatWindowWhen({ label: 'senest 31/12-2021' }), 'senest 31/12-2021');
    assert.equal(formatWindowWhen({ label: 'hvert år (kontraktåret 2021)' }), 'hvert år (kontraktåret 2021)');
    assert.equal(formatWindowWhen({ label: 'to år efter endt vejledning' }), 'to år efter endt vejledning');
  });

  it('formatList', () => {
    assert.equal(formatList([]), '');
    assert.equal(formatList(['KL']), 'KL');
    assert.equal(formatList(['KL', 'Erhvervsstyrelsen']), 'KL og Erhvervsstyrelsen');
    assert.equal(formatList(['a', 'b', 'c']), 'a, b og c');
  });

  describe('formatKpiValue', () => {
    it('per kind', () => {
      assert.equal(formatKpiValue(KPI_1A, 37), '37 %');
      assert.equal(formatKpiValue(KPI_3B, 72), '72');
      assert.equal(formatKpiValue(KPI_6C, 78), '78 % (+10 procentpoint)');
      assert.equal(formatKpiValue(KPI_7B, 10), '+10 procentpoint');
      assert.equal(formatKpiValue(KPI_7D, -1.5), `${MINUS}1,5 procentpoint`);
      assert.equal(formatKpiValue(KPI_9A, 3), '3 teams');
      assert.equal(formatKpiValue(kpiFixture({ id: '9z', kind: 'count', target: 2 }), 2), '2');
      assert.equal(formatKpiValue(KPI_9C, true), 'gennemført');
      assert.equal(formatKpiValue(KPI_9C, false), 'ikke gennemført');
    });
    it('pp_change without a primary baseline shows the level only', () => {
      const k = kpiFixture({ id: '6y', kind: 'pp_change', baselines: [] });
      assert.equal(formatKpiValue(k, 70), '70 %');
    });
    it('formatKpiLevel prints a baseline in the measured unit', () => {
      assert.equal(formatKpiLevel(KPI_6C, 68), '68 %');
      assert.equal(formatKpiLevel(KPI_3B, 65), '65');
    });
  });

  describe('formatTarget', () => {
    it('per kind', () => {
      assert.equal(formatTarget(KPI_1A), 'mindst 37 %');
      assert.equal(formatTarget(KPI_4A), 'mindst 45 %');
      assert.equal(formatTarget(KPI_3B), 'mindst 70 (NPS)');
      assert.equal(formatTarget(KPI_6C), 'mindst +10 procentpoint i forhold til 68 %');
      assert.equal(formatTarget(KPI_7B), 'mindst +10 procentpoint over kontrolgruppen');
      assert.equal(formatTarget(KPI_7D), 'over kontrolgruppen');
      assert.equal(formatTarget(KPI_9A), 'mindst 3 teams');
      assert.equal(formatTarget(KPI_9C), 'gennemført senest 31/12-2021');
      assert.equal(formatTarget(KPI_6A), 'gennemført i 2021');
    });
    it('gt comparators read "over" / "mere end"', () => {
      assert.equal(formatTarget(kpiFixture({ id: '1z', comparator: 'gt', target: 40 })), 'over 40 %');
      assert.equal(formatTarget(kpiFixture({ id: '7z', kind: 'effect_vs_control', comparator: 'gt', target: 5 })), 'mere end +5 procentpoint over kontrolgruppen');
      assert.equal(formatTarget(kpiFixture({ id: '7y', kind: 'effect_vs_control', comparator: 'gte', target: 0 })), 'mindst på niveau med kontrolgruppen');
    });
  });

  describe("language 'en' (an English question's cards)", () => {
    it('numbers: decimal point, "," between thousands, the same minus sign', () => {
      assert.equal(formatNumber(37.5, { language: 'en' }), '37.5');
      assert.equal(formatNumber(1234.5, { language: 'en' }), '1,234.5');
      assert.equal(formatNumber(-2.25, { language: 'en' }), `${MINUS}2.3`);
      assert.equal(formatPercent(77.5, { language: 'en' }), '77.5 %');
      assert.equal(formatPoints(4.5, { signed: true, language: 'en' }), '+4.5 percentage points');
      assert.equal(formatNps(-12.5, 'en'), `${MINUS}12.5`);
    });

    it('dates, months and lists', () => {
      assert.equal(formatDate('2021-03-08', 'en'), '8 March 2021');
      assert.equal(formatMonthShort('2021-09-30', 'en'), 'Sep 2021');
      assert.equal(formatMonthShort('2021-05-01', 'en'), 'May 2021');
      assert.equal(formatList(['a', 'b', 'c'], 'en'), 'a, b and c');
    });

    it('values: the English words for done and not done', () => {
      assert.equal(formatKpiValue(KPI_9C, true, 'en'), 'completed');
      assert.equal(formatKpiValue(KPI_9C, false, 'en'), 'not completed');
      assert.equal(formatKpiValue({ kind: 'duty', unit: undefined, baselines: [] }, false, 'en'), 'not kept');
      assert.equal(formatKpiValue(KPI_6C, 77.5, 'en'), '77.5 % (+9.5 percentage points)');
      assert.equal(formatKpiLevel(KPI_9A, 2.5, 'en'), '2.5 teams');
    });

    it('targets: one formatter, the English frame around the contract\'s own window words', () => {
      assert.equal(formatTarget(KPI_1A, 'en'), 'at least 37 %');
      assert.equal(formatTarget(KPI_3B, 'en'), 'at least 70 (NPS)');
      assert.equal(formatTarget(KPI_6C, 'en'), 'at least +10 percentage points on 68 %');
      assert.equal(formatTarget(KPI_7B, 'en'), 'at least +10 percentage points above the control group');
      assert.equal(formatTarget(KPI_7D, 'en'), 'above the control group');
      assert.equal(formatTarget(KPI_9A, 'en'), 'at least 3 teams');
      assert.equal(formatTarget(KPI_9C, 'en'), 'completed: “senest 31/12-2021”');
      assert.equal(formatTarget(kpiFixture({ id: '1z', target: 37.5 }), 'en'), 'at least 37.5 %');
      assert.equal(formatTarget(kpiFixture({ id: '1z', target: 37.5 })), 'mindst 37,5 %', 'Danish stays the default');
    });
  });
});
