import assert from 'node:assert/strict';
import { contractSchema } from '../../goals/contract-schema';
import { STATUSES } from '../../core/status-types';
import {
  SEVERITY_ORDER,
  compareSeverity,
  goalStatus,
  aggregateStatus,
  classifyRow,
  kpiStatus,
  meetsTarget,
  parentGoalStatus,
  worstStatus,
} from '../../core/status-rules';
import {
  KPI_1A,
  KPI_1B,
  KPI_3B,
  KPI_4A,
  KPI_6A,
  KPI_6C,
  KPI_7B,
  KPI_7D,
  KPI_9A,
  KPI_9C,
  contractFixture,
  kpiFixture,
} from '../fixtures/contract-fixture';
import { measurementFixture as m } from '../fixtures/measurement-fixture';

// KPI_1A: share ≥ 37, due "efteråret 2021" = 2021-11-30. KPI_4A: share ≥ 45, due 2021-12-31.
const BEFORE_DUE = '2021-10-15';
const DUE = '2021-11-30';
const DAY_AFTER = '2021-12-01';

describe('status rules', () => {
  it('the fixture contract is valid against the schema', () => {
    assert.doesNotThrow(() => contractSchema.parse(contractFixture));
  });

  it('refuses a today that is not YYYY-MM-DD (string comparison would be wrong)', () => {
    assert.throws(() => kpiStatus(KPI_1A, [], '2021-9-30'), RangeError);
    assert.throws(() => goalStatus({ id: '1' }, [KPI_1A], [], '2021-09-30T10:00:00Z'), RangeError);
  });

  describe('R1 rows that count', () => {
    it('ignores rows dated after today', () => {
      const rows = [m({ kpiId: '1a', value: 30, measuredOn: '2021-09-30' }), m({ kpiId: '1a', value: 40, measuredOn: '2021-10-20' })];
      const s = kpiStatus(KPI_1A, rows, BEFORE_DUE);
      assert.equal(s.latest?.value, 30);
      assert.equal(s.status, 'i risiko');
    });

    it('a future-dated row alone is no measurement yet', () => {
      const s = kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 40, measuredOn: '2021-10-20' })], BEFORE_DUE);
      assert.equal(s.status, 'afventer måling');
      assert.equal(s.latest, null);
    });

    it('counts a row measured on today', () => {
      const s = kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 40, measuredOn: BEFORE_DUE })], BEFORE_DUE);
      assert.equal(s.status, 'opfyldt');
    });

    it('ignores other KPIs’ rows and rows without a usable value', () => {
      const rows = [
        m({ kpiId: '1b', value: 99 }),
        m({ kpiId: '1a', value: null }),
        m({ kpiId: '6a', done: null }),
      ];
      assert.equal(kpiStatus(KPI_1A, rows, BEFORE_DUE).status, 'afventer måling');
      assert.equal(kpiStatus(KPI_6A, rows, BEFORE_DUE).status, 'afventer måling');
    });
  });

  describe('R2 newest row wins', () => {
    it('greatest measuredOn wins, regardless of id', () => {
      const rows = [m({ id: 2, kpiId: '1a', value: 30, measuredOn: '2021-03-01' }), m({ id: 1, kpiId: '1a', value: 38, measuredOn: '2021-09-30' })];
      const s = kpiStatus(KPI_1A, rows, BEFORE_DUE);
      assert.equal(s.latest?.id, 1);
      assert.equal(s.status, 'opfyldt');
    });

    it('same date: greatest id (the later correction) wins', () => {
      const rows = [m({ id: 7, kpiId: '1a', value: 38 }), m({ id: 8, kpiId: '1a', value: 36 }), m({ id: 6, kpiId: '1a', value: 39 })];
      const s = kpiStatus(KPI_1A, rows, BEFORE_DUE);
      assert.equal(s.latest?.id, 8);
      assert.equal(s.status, 'på vej');
    });
  });

  describe('R3 meets target', () => {
    it('gte: exactly at target is met, just below is not', () => {
      assert.equal(meetsTarget(KPI_1A, m({ kpiId: '1a', value: 37 })), true);
      assert.equal(meetsTarget(KPI_1A, m({ kpiId: '1a', value: 36.9 })), false);
    });

    it('gt: exactly at target is not met, just above is', () => {
      assert.equal(meetsTarget(KPI_7D, m({ kpiId: '7d', value: 0 })), false);
      assert.equal(meetsTarget(KPI_7D, m({ kpiId: '7d', value: 0.1 })), true);
    });

    it('pp_change compares level − primary baseline with the target', () => {
      // baseline 68 (primary), target +10 → level 78 needed
      assert.equal(meetsTarget(KPI_6C, m({ kpiId: '6c', value: 78 })), true);
      assert.equal(meetsTarget(KPI_6C, m({ kpiId: '6c', value: 77.9 })), false);
    });

    it('pp_change ignores float noise (73,1 − 68,1 counts as 5)', () => {
      const k = kpiFixture({ id: '6x', kind: 'pp_change', target: 5, baselines: [{ value: 68.1, scope: 'Sydjylland', label: 'sep. 2020', measuredOn: '2020-09-30', primary: true }] });
      assert.equal(meetsTarget(k, m({ kpiId: '6x', value: 73.1 })), true);
    });

    it('effect_vs_control: the value is already the difference against the control group', () => {
      assert.equal(meetsTarget(KPI_7B, m({ kpiId: '7b', value: 10, segment: 'vækst' })), true);
      assert.equal(meetsTarget(KPI_7B, m({ kpiId: '7b', value: 9.5, segment: 'vækst' })), false);
    });

    it('milestone: only done === true meets it', () => {
      assert.equal(meetsTarget(KPI_9C, m({ kpiId: '9c', done: true })), true);
      assert.equal(meetsTarget(KPI_9C, m({ kpiId: '9c', done: false })), false);
    });
  });

  describe('R4 met → opfyldt', () => {
    it('before the due date', () => {
      const s = kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 38 })], BEFORE_DUE);
      assert.equal(s.status, 'opfyldt');
      assert.equal(s.reason, 'Seneste måling 38 % (sep. 2021) mod mål mindst 37 %');
    });

    it('stays opfyldt after the due date', () => {
      assert.equal(kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 37 })], '2022-06-01').status, 'opfyldt');
    });

    it('pp_change reason shows level, change and baseline', () => {
      const s = kpiStatus(KPI_6C, [m({ kpiId: '6c', value: 78, measuredOn: '2023-09-30' })], '2023-10-15');
      assert.equal(s.status, 'opfyldt');
      assert.equal(s.reason, 'Seneste måling 78 % (sep. 2023) = +10 procentpoint mod baseline 68 %; mål mindst +10 procentpoint');
    });
  });

  describe('R5 not met after due → ikke opfyldt', () => {
    const rows = [m({ kpiId: '1a', value: 35 })];
    it('on the due date the target is still open', () => {
      assert.equal(kpiStatus(KPI_1A, rows, DUE).status, 'på vej');
    });
    it('one day after the due date → ikke opfyldt', () => {
      const s = kpiStatus(KPI_1A, rows, DAY_AFTER);
      assert.equal(s.status, 'ikke opfyldt');
      assert.equal(s.reason, 'Seneste måling 35 % (sep. 2021) mod mål mindst 37 %; målets periode (efteråret 2021) er slut');
    });
  });

  describe('R6 not met before due: på vej or i risiko', () => {
    it('gap of exactly 3 points → på vej', () => {
      const s = kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 34 })], BEFORE_DUE);
      assert.equal(s.status, 'på vej');
      assert.equal(s.reason, 'Seneste måling 34 % (sep. 2021) mod mål mindst 37 % – 3 procentpoint under målet; periode efteråret 2021');
    });

    it('gap just over 3 points → i risiko', () => {
      const s = kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 33.9 })], BEFORE_DUE);
      assert.equal(s.status, 'i risiko');
      assert.equal(s.reason, 'Seneste måling 33,9 % (sep. 2021) mod mål mindst 37 % – 3,1 procentpoint under målet; periode efteråret 2021');
    });

    it('NPS uses points', () => {
      const k = kpiFixture({ id: '3x', kind: 'nps', target: 70 });
      assert.equal(kpiStatus(k, [m({ kpiId: '3x', value: 67 })], BEFORE_DUE).status, 'på vej');
      const s = kpiStatus(k, [m({ kpiId: '3x', value: 66 })], BEFORE_DUE);
      assert.equal(s.status, 'i risiko');
      assert.equal(s.reason, 'Seneste måling 66 (sep. 2021) mod mål mindst 70 (NPS) – 4 point under målet; periode 2021');
    });

    it('pp_change gap is counted on the change', () => {
      // needs +10 on 68 → 78; 75 is +7, gap 3 → på vej; 74 is +6, gap 4 → i risiko
      const s = kpiStatus(KPI_6C, [m({ kpiId: '6c', value: 75, measuredOn: '2023-09-30' })], '2023-10-15');
      assert.equal(s.status, 'på vej');
      assert.equal(s.reason, 'Seneste måling 75 % (sep. 2023) = +7 procentpoint mod baseline 68 %; mål mindst +10 procentpoint – 3 procentpoint under målet; periode 2023');
      assert.equal(kpiStatus(KPI_6C, [m({ kpiId: '6c', value: 74, measuredOn: '2023-09-30' })], '2023-10-15').status, 'i risiko');
    });

    it('count: within 10 % of the target rounded up (1 of 3) → på vej, more → i risiko', () => {
      const s = kpiStatus(KPI_9A, [m({ kpiId: '9a', value: 2, measuredOn: '2021-06-30' })], BEFORE_DUE);
      assert.equal(s.status, 'på vej');
      assert.equal(s.reason, 'Seneste måling 2 teams (jun. 2021) mod mål mindst 3 teams – mangler 1; periode 2021');
      assert.equal(kpiStatus(KPI_9A, [m({ kpiId: '9a', value: 1 })], BEFORE_DUE).status, 'i risiko');
      const k13 = kpiFixture({ id: '9x', kind: 'count', target: 13, unit: 'hensigtserklæringer' });
      assert.equal(kpiStatus(k13, [m({ kpiId: '9x', value: 11 })], BEFORE_DUE).status, 'på vej');
      assert.equal(kpiStatus(k13, [m({ kpiId: '9x', value: 10 })], BEFORE_DUE).status, 'i risiko');
    });

    it('gt at exactly the target is på vej before due (gap 0)', () => {
      // 7d's window is 2023 ("to år efter endt vejledning"), so its rows are from 2023.
      const s = kpiStatus(KPI_7D, [m({ kpiId: '7d', value: 0, measuredOn: '2023-09-30' })], '2023-10-15');
      assert.equal(s.status, 'på vej');
      assert.match(s.reason, /på grænsen, skal over målet/);
      assert.equal(kpiStatus(KPI_7D, [m({ kpiId: '7d', value: -3.5, measuredOn: '2023-09-30' })], '2023-10-15').status, 'i risiko');
    });
  });

  describe('R7 milestones', () => {
    // KPI_9C due 2021-12-31; 60 days before is 2021-11-01.
    const notDone = [m({ kpiId: '9c', done: false, measuredOn: '2021-03-01' })];
    it('more than 60 days left → på vej', () => {
      const s = kpiStatus(KPI_9C, notDone, '2021-10-31'); // 61 days
      assert.equal(s.status, 'på vej');
      assert.equal(s.reason, 'Milepæl ikke nået endnu; 61 dage tilbage af perioden (senest 31/12-2021)');
    });
    it('exactly 60 days left → i risiko', () => {
      const s = kpiStatus(KPI_9C, notDone, '2021-11-01');
      assert.equal(s.status, 'i risiko');
      assert.equal(s.reason, 'Milepæl ikke nået; kun 60 dage tilbage af perioden (senest 31/12-2021)');
    });
    it('on the deadline → i risiko', () => {
      const s = kpiStatus(KPI_9C, notDone, '2021-12-31');
      assert.equal(s.status, 'i risiko');
      assert.equal(s.reason, 'Milepæl ikke nået; sidste dag af perioden (senest 31/12-2021) er i dag');
    });
    it('one day left uses singular', () => {
      assert.equal(kpiStatus(KPI_9C, notDone, '2021-12-30').reason, 'Milepæl ikke nået; kun 1 dag tilbage af perioden (senest 31/12-2021)');
    });
    it('one day after the deadline → ikke opfyldt', () => {
      const s = kpiStatus(KPI_9C, notDone, '2022-01-01');
      assert.equal(s.status, 'ikke opfyldt');
      assert.equal(s.reason, 'Milepæl ikke nået senest 31/12-2021');
    });
    it('done → opfyldt, also after the deadline', () => {
      const done = [...notDone, m({ kpiId: '9c', done: true, measuredOn: '2021-11-15' })];
      const s = kpiStatus(KPI_9C, done, '2022-02-01');
      assert.equal(s.status, 'opfyldt');
      assert.equal(s.reason, 'Milepæl nået (registreret 15. november 2021)');
    });
    it('a later "not done" row overrides an earlier "done"', () => {
      const rows = [m({ kpiId: '9c', done: true, measuredOn: '2021-05-01' }), m({ kpiId: '9c', done: false, measuredOn: '2021-06-01' })];
      assert.equal(kpiStatus(KPI_9C, rows, '2021-06-02').status, 'på vej');
    });
  });

  describe('R8 no measurement', () => {
    it('up to and including the due date → afventer måling', () => {
      const s = kpiStatus(KPI_1A, [], DUE);
      assert.equal(s.status, 'afventer måling');
      assert.equal(s.reason, 'Afventer måling for efteråret 2021 (ventes: efteråret 2021)');
    });
    it('after the due date → ingen data', () => {
      const s = kpiStatus(KPI_1A, [], DAY_AFTER);
      assert.equal(s.status, 'ingen data');
      assert.equal(s.reason, 'Ingen måling registreret for efteråret 2021');
    });
    it('due phrases: a bare year reads "i 2023", a label without a year falls back to the date', () => {
      assert.equal(kpiStatus(KPI_1B, [], BEFORE_DUE).reason, 'Afventer måling for 2023 (ventes: 2023)');
      assert.equal(kpiStatus(KPI_3B, [], '2022-01-01').reason, 'Ingen måling registreret for hvert år');
    });
    it('milestones speak of registration', () => {
      assert.equal(kpiStatus(KPI_6A, [], BEFORE_DUE).reason, 'Afventer registrering for 2021 (ventes: i 2021)');
      assert.equal(kpiStatus(KPI_6A, [], '2022-01-01').reason, 'Intet registreret for 2021');
      assert.equal(kpiStatus(KPI_6A, [], '2022-01-01').status, 'ingen data');
    });
  });

  describe('R9 segments', () => {
    it('each segment is judged on its own; the KPI takes the worst', () => {
      const rows = [m({ kpiId: '3b', segment: 'drift', value: 82 }), m({ kpiId: '3b', segment: 'vækst', value: 60 })];
      const s = kpiStatus(KPI_3B, rows, BEFORE_DUE);
      assert.equal(s.status, 'i risiko');
      assert.deepEqual(s.segments.map((x) => [x.segment, x.verdict.status]), [['drift', 'opfyldt'], ['vækst', 'i risiko']]);
      assert.equal(s.reason, 'Drift: 82 opfyldt; vækst: 60 under mål 70');
      assert.equal(s.segments[1]?.verdict.reason, 'Seneste måling 60 (sep. 2021) mod mål mindst 70 (NPS) – 10 point under målet; periode hvert år');
    });

    it('the brief’s example line for a share per segment', () => {
      const k = kpiFixture({ id: '3a', target: 80, segments: ['drift', 'vækst'] });
      const rows = [m({ kpiId: '3a', segment: 'drift', value: 82 }), m({ kpiId: '3a', segment: 'vækst', value: 78 })];
      const s = kpiStatus(k, rows, BEFORE_DUE);
      assert.equal(s.reason, 'Drift: 82 % opfyldt; vækst: 78 % under mål 80 %');
      assert.equal(s.status, 'på vej');
    });

    it('a missing segment counts as no measurement for that segment', () => {
      const rows = [m({ kpiId: '3b', segment: 'drift', value: 75 })];
      const before = kpiStatus(KPI_3B, rows, BEFORE_DUE);
      assert.equal(before.status, 'afventer måling');
      assert.equal(before.reason, 'Drift: 75 opfyldt; vækst: ingen måling');
      assert.equal(kpiStatus(KPI_3B, rows, '2022-01-01').status, 'ingen data');
    });

    it('rows without a segment do not count for a segmented KPI', () => {
      const s = kpiStatus(KPI_3B, [m({ kpiId: '3b', segment: null, value: 90 })], BEFORE_DUE);
      assert.equal(s.status, 'afventer måling');
      assert.equal(s.reason, 'Afventer måling for hvert år (ventes: hvert år)');
      assert.equal(s.latest, null);
    });

    it('latest is the newest across segments; both met → opfyldt', () => {
      const rows = [
        m({ id: 1, kpiId: '3b', segment: 'drift', value: 71, measuredOn: '2021-05-01' }),
        m({ id: 2, kpiId: '3b', segment: 'vækst', value: 70, measuredOn: '2021-06-01' }),
      ];
      const s = kpiStatus(KPI_3B, rows, BEFORE_DUE);
      assert.equal(s.status, 'opfyldt');
      assert.equal(s.latest?.id, 2);
    });

    it('a KPI without segments has an empty segment list and ignores the row segment', () => {
      const s = kpiStatus(KPI_4A, [m({ kpiId: '4a', value: 50, segment: 'drift' })], BEFORE_DUE);
      assert.deepEqual(s.segments, []);
      assert.equal(s.status, 'opfyldt');
    });
  });

  describe('R10 severity order', () => {
    it('is exactly the documented order and covers every status', () => {
      assert.deepEqual([...SEVERITY_ORDER], ['ikke opfyldt', 'i risiko', 'ingen data', 'delvist opfyldt', 'på vej', 'afventer måling', 'opfyldt']);
      assert.deepEqual([...SEVERITY_ORDER].sort(), [...STATUSES].sort());
    });
    it('worstStatus picks the worst, null for none', () => {
      assert.equal(worstStatus(['opfyldt', 'afventer måling', 'på vej']), 'på vej');
      assert.equal(worstStatus(['på vej', 'ingen data']), 'ingen data');
      assert.equal(worstStatus(['ingen data', 'i risiko']), 'i risiko');
      assert.equal(worstStatus(['i risiko', 'ikke opfyldt', 'opfyldt']), 'ikke opfyldt');
      assert.equal(worstStatus([]), null);
      assert.ok(compareSeverity('ikke opfyldt', 'opfyldt') < 0);
    });
  });

  describe('R11 goals', () => {
    it('a single KPI passes its reason through', () => {
      const g = goalStatus({ id: '4' }, [KPI_4A], [m({ kpiId: '4a', value: 44 })], BEFORE_DUE);
      assert.equal(g.goalId, '4');
      assert.equal(g.status, 'på vej');
      assert.equal(g.reason, 'Seneste måling 44 % (sep. 2021) mod mål mindst 45 % – 1 procentpoint under målet; periode 2021');
      assert.equal(g.kpis.length, 1);
    });

    it('mixed KPIs → delvist opfyldt, counting them and naming the rest worst first', () => {
      const rows = [m({ kpiId: '1a', value: 30 }), m({ kpiId: '4a', value: 50 })];
      const g = goalStatus({ id: 'x' }, [KPI_1A, KPI_4A, KPI_1B], rows, BEFORE_DUE);
      assert.equal(g.status, 'delvist opfyldt');
      assert.equal(g.reason, '1 af 3 målepunkter opfyldt; 1a i risiko, 1b afventer måling');
    });

    it('none met → the worst KPI, not "delvist"', () => {
      const rows = [m({ kpiId: '1a', value: 30 }), m({ kpiId: '4a', value: 44 })];
      const g = goalStatus({ id: 'x' }, [KPI_1A, KPI_4A], rows, BEFORE_DUE);
      assert.equal(g.status, 'i risiko');
      assert.equal(g.reason, '0 af 2 målepunkter opfyldt; 1a i risiko, 4a på vej');
    });

    it('all met', () => {
      const rows = [m({ kpiId: '1a', value: 40 }), m({ kpiId: '1b', value: 55, measuredOn: '2023-09-30' })];
      const g = goalStatus({ id: '1' }, [KPI_1A, KPI_1B], rows, '2023-10-01');
      assert.equal(g.status, 'opfyldt');
      assert.equal(g.reason, 'Alle 2 målepunkter opfyldt');
    });

    it('a parent goal (9) counts its sub-goals: 3 of 4 met and one without data is "delvist opfyldt"', () => {
      const kpi9b = kpiFixture({ id: '9b', kind: 'milestone', comparator: 'done', target: null });
      const kpi9d = kpiFixture({ id: '9d', kind: 'count', target: 13 });
      const rows = [m({ kpiId: '9a', value: 3 }), m({ kpiId: '9b', done: true }), m({ kpiId: '9c', done: true })];
      const g = parentGoalStatus(
        { id: '9' },
        [
          { goal: { id: '9a' }, kpis: [KPI_9A] },
          { goal: { id: '9b' }, kpis: [kpi9b] },
          { goal: { id: '9c' }, kpis: [KPI_9C] },
          { goal: { id: '9d' }, kpis: [kpi9d] },
        ],
        rows,
        '2022-01-15',
      );
      assert.equal(g.status, 'delvist opfyldt');
      assert.equal(g.reason, '3 af 4 delmål opfyldt; 9d ingen data');
      assert.deepEqual(g.children.map((c) => c.status), ['opfyldt', 'opfyldt', 'opfyldt', 'ingen data']);
      assert.deepEqual(g.kpis.map((k) => k.kpiId), ['9a', '9b', '9c', '9d']);
    });

    it('a parent goal whose sub-goals are all met is opfyldt', () => {
      const rows = [m({ kpiId: '9a', value: 3 }), m({ kpiId: '9c', done: true })];
      const g = parentGoalStatus({ id: '9' }, [{ goal: { id: '9a' }, kpis: [KPI_9A] }, { goal: { id: '9c' }, kpis: [KPI_9C] }], rows, '2021-12-15');
      assert.equal(g.status, 'opfyldt');
      assert.equal(g.reason, 'Alle 2 delmål opfyldt');
    });

    it('aggregateStatus: one part passes its reason through; none → null', () => {
      const why = { kind: 'milestone-reached', on: '2021-03-15' } as const;
      assert.deepEqual(aggregateStatus([{ id: '4a', status: 'på vej', reason: 'r', why }], 'målepunkter'), { status: 'på vej', reason: 'r', why });
      assert.equal(aggregateStatus([], 'delmål'), null);
    });

    it('a goal without KPIs → ingen data', () => {
      const g = goalStatus({ id: '2' }, [], [], BEFORE_DUE);
      assert.equal(g.status, 'ingen data');
      assert.equal(g.reason, 'Målet har ingen målepunkter i kontrakten');
    });
  });

  describe('R1 evaluation windows: only rows of the period the target is about count', () => {
    it('the September 2020 baseline, imported as a row, is recognised as the baseline, not a 2021 result', () => {
      const baselineRow = m({ kpiId: '1a', value: 32, period: 'september 2020', measuredOn: '2020-09-30' });
      assert.deepEqual(classifyRow(KPI_1A, baselineRow), { kind: 'baseline', baselineValue: 32, matches: true });
      const s = kpiStatus(KPI_1A, [baselineRow], '2021-10-15');
      assert.equal(s.status, 'afventer måling');
      assert.equal(s.latest, null);
    });

    it('a baseline row with another value is flagged as a mismatch', () => {
      assert.deepEqual(classifyRow(KPI_1A, m({ kpiId: '1a', value: 30, period: 'sep. 2020', measuredOn: '2020-09-30' })), { kind: 'baseline', baselineValue: 32, matches: false });
    });

    it('a row from after the contract (June 2026) never decides the 2021 verdict', () => {
      const late = m({ kpiId: '4a', value: 50, period: 'juni 2026', measuredOn: '2026-06-15' });
      assert.deepEqual(classifyRow(KPI_4A, late), { kind: 'outside' });
      const s = kpiStatus(KPI_4A, [late], '2026-12-02');
      assert.equal(s.status, 'ingen data');
      assert.equal(s.reason, 'Ingen måling registreret for 2021');
    });

    it('a 2020 row for a KPI without a 2020 baseline is outside the window and does not make it opfyldt', () => {
      const k = kpiFixture({ id: '3x', segments: ['drift'], target: 80 });
      const s = kpiStatus(k, [m({ kpiId: '3x', segment: 'drift', value: 81.5, period: '2020', measuredOn: '2020-12-31' })], '2021-06-01');
      assert.equal(s.status, 'afventer måling');
    });

    it('the row in the window wins over a newer row outside it', () => {
      const rows = [m({ kpiId: '4a', value: 40, period: '2021', measuredOn: '2021-11-30' }), m({ kpiId: '4a', value: 50, period: '2026', measuredOn: '2026-06-15' })];
      const s = kpiStatus(KPI_4A, rows, '2026-12-02');
      assert.equal(s.status, 'ikke opfyldt');
      assert.equal(s.latest?.value, 40);
    });

    it('a period text the reader does not know counts as the day it was measured', () => {
      const row = m({ kpiId: '4a', value: 50, period: 'løbende', measuredOn: '2021-05-01' });
      assert.deepEqual(classifyRow(KPI_4A, row), { kind: 'counts' });
    });
  });

  describe('R7a duties ("løbende forpligtelse")', () => {
    const duty = kpiFixture({ id: '5x', kind: 'duty', comparator: 'done', target: null, window: { label: 'i 2021', from: '2021-01-01', to: '2021-12-31' }, horizon: { label: 'efter årets afslutning', date: '2021-12-31' } });
    it('documented → opfyldt', () => {
      const s = kpiStatus(duty, [m({ kpiId: '5x', done: true, measuredOn: '2021-06-30' })], '2021-07-01');
      assert.equal(s.status, 'opfyldt');
      assert.equal(s.reason, 'Dokumenteret for 2021 (registreret 30. juni 2021)');
    });
    it('registered as not kept → ikke opfyldt, with no "days left" risk', () => {
      assert.equal(kpiStatus(duty, [m({ kpiId: '5x', done: false, measuredOn: '2021-06-30' })], '2021-07-01').status, 'ikke opfyldt');
    });
    it('nothing registered: awaiting until the horizon, then ingen data', () => {
      assert.equal(kpiStatus(duty, [], '2021-12-31').status, 'afventer måling');
      assert.equal(kpiStatus(duty, [], '2022-01-01').status, 'ingen data');
    });
  });
});
