import assert from 'node:assert/strict';
import { goalStatus, kpiStatus, parentGoalStatus } from '../../core/status-rules';
import { statusReasonText } from '../../core/status-reason';
import type { StatusVerdict } from '../../core/status-types';
import { KPI_1A, KPI_3B, KPI_4A, KPI_6A, KPI_6C, KPI_9A, KPI_9C, kpiFixture } from '../fixtures/contract-fixture';
import { measurementFixture as m } from '../fixtures/measurement-fixture';

const DUTY = kpiFixture({ id: '5a', kind: 'duty', comparator: 'done', target: null, window: { label: 'i 2021', from: '2021-01-01', to: '2021-12-31' } });

/**
 * A verdict's reason as data (core/status-types.ts StatusReason) said in both languages: the Danish
 * text is the verdict's `reason` (what the report and reminders print), the English one what an
 * English question's cards show. One row per rule that decides.
 */
const CASES: ReadonlyArray<[name: string, verdict: () => StatusVerdict, danish: string, english: string]> = [
  ['R8 awaiting', () => kpiStatus(KPI_1A, [], '2021-10-15'), 'Afventer måling for efteråret 2021 (ventes: efteråret 2021)', 'Awaiting a measurement for “efteråret 2021” (expected: “efteråret 2021”)'],
  ['R8 no data', () => kpiStatus(KPI_1A, [], '2021-12-01'), 'Ingen måling registreret for efteråret 2021', 'No measurement registered for “efteråret 2021”'],
  ['R8 milestone awaiting', () => kpiStatus(KPI_6A, [], '2021-10-15'), 'Afventer registrering for 2021 (ventes: i 2021)', 'Awaiting a registration for “2021” (expected: “i 2021”)'],
  ['R4 met', () => kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 38.5 })], '2021-10-15'), 'Seneste måling 38,5 % (sep. 2021) mod mål mindst 37 %', 'Latest measurement 38.5 % (Sep 2021) against target at least 37 %'],
  [
    'R6 at risk',
    () => kpiStatus(KPI_1A, [m({ kpiId: '1a', value: 32.5 })], '2021-10-15'),
    'Seneste måling 32,5 % (sep. 2021) mod mål mindst 37 % – 4,5 procentpoint under målet; periode efteråret 2021',
    'Latest measurement 32.5 % (Sep 2021) against target at least 37 % – 4.5 percentage points below the target; period “efteråret 2021”',
  ],
  [
    'R5 not met',
    () => kpiStatus(KPI_4A, [m({ kpiId: '4a', value: 44 })], '2022-01-02'),
    'Seneste måling 44 % (sep. 2021) mod mål mindst 45 %; målets periode (2021) er slut',
    "Latest measurement 44 % (Sep 2021) against target at least 45 %; the target's period (“2021”) is over",
  ],
  ['R6 count', () => kpiStatus(KPI_9A, [m({ kpiId: '9a', value: 1 })], '2021-10-15'), 'Seneste måling 1 teams (sep. 2021) mod mål mindst 3 teams – mangler 2; periode 2021', 'Latest measurement 1 teams (Sep 2021) against target at least 3 teams – 2 short; period “2021”'],
  [
    'R3 pp_change',
    () => kpiStatus(KPI_6C, [m({ kpiId: '6c', value: 76.5, measuredOn: '2023-09-30' })], '2023-10-01'),
    'Seneste måling 76,5 % (sep. 2023) = +8,5 procentpoint mod baseline 68 %; mål mindst +10 procentpoint – 1,5 procentpoint under målet; periode 2023',
    'Latest measurement 76.5 % (Sep 2023) = +8.5 percentage points on baseline 68 %; target at least +10 percentage points – 1.5 percentage points below the target; period “2023”',
  ],
  [
    'R9 segments',
    () => kpiStatus(KPI_3B, [m({ kpiId: '3b', segment: 'drift', value: 72 }), m({ kpiId: '3b', segment: 'vækst', value: 61.5 })], '2021-10-15'),
    'Drift: 72 opfyldt; vækst: 61,5 under mål 70',
    'Operations: 72 met; growth: 61.5 below target 70',
  ],
  ['R9 segments, one unmeasured', () => kpiStatus(KPI_3B, [m({ kpiId: '3b', segment: 'drift', value: 70 })], '2021-10-15'), 'Drift: 70 opfyldt; vækst: ingen måling', 'Operations: 70 met; growth: no measurement'],
  ['R4 milestone', () => kpiStatus(KPI_9C, [m({ kpiId: '9c', done: true, value: null, measuredOn: '2021-03-15' })], '2021-10-15'), 'Milepæl nået (registreret 15. marts 2021)', 'Milestone reached (registered 15 March 2021)'],
  ['R7 milestone open', () => kpiStatus(KPI_9C, [m({ kpiId: '9c', done: false, value: null })], '2021-10-15'), 'Milepæl ikke nået endnu; 77 dage tilbage af perioden (senest 31/12-2021)', 'Milestone not reached yet; 77 days left of the period (“senest 31/12-2021”)'],
  ['R7 milestone closing', () => kpiStatus(KPI_9C, [m({ kpiId: '9c', done: false, value: null })], '2021-12-30'), 'Milepæl ikke nået; kun 1 dag tilbage af perioden (senest 31/12-2021)', 'Milestone not reached; only 1 day left of the period (“senest 31/12-2021”)'],
  ['R7 milestone last day', () => kpiStatus(KPI_9C, [m({ kpiId: '9c', done: false, value: null })], '2021-12-31'), 'Milepæl ikke nået; sidste dag af perioden (senest 31/12-2021) er i dag', 'Milestone not reached; the last day of the period (“senest 31/12-2021”) is today'],
  ['R7 milestone missed', () => kpiStatus(KPI_9C, [m({ kpiId: '9c', done: false, value: null })], '2022-01-02'), 'Milepæl ikke nået senest 31/12-2021', 'Milestone not reached (“senest 31/12-2021”)'],
  ['R7a duty kept', () => kpiStatus(DUTY, [m({ kpiId: '5a', done: true, value: null })], '2021-10-15'), 'Dokumenteret for 2021 (registreret 30. september 2021)', 'Documented for “2021” (registered 30 September 2021)'],
  ['R7a duty broken', () => kpiStatus(DUTY, [m({ kpiId: '5a', done: false, value: null })], '2021-10-15'), 'Registreret som ikke overholdt for 2021 (30. september 2021)', 'Registered as not kept for “2021” (30 September 2021)'],
  [
    'R11 partly met',
    () => goalStatus({ id: '1' }, [KPI_1A, KPI_4A, KPI_9C], [m({ kpiId: '1a', value: 40 })], '2021-10-15'),
    '1 af 3 målepunkter opfyldt; 4a afventer måling, 9c afventer måling',
    '1 of 3 KPIs met; 4a awaiting measurement, 9c awaiting measurement',
  ],
  ['R11 all met', () => goalStatus({ id: '1' }, [KPI_1A, KPI_4A], [m({ kpiId: '1a', value: 40 }), m({ kpiId: '4a', value: 50 })], '2021-10-15'), 'Alle 2 målepunkter opfyldt', 'All 2 KPIs met'],
  ['R11 no KPIs', () => goalStatus({ id: '2' }, [], [], '2021-10-15'), 'Målet har ingen målepunkter i kontrakten', 'The contract sets no KPIs for this goal'],
  [
    'R11 sub-goals',
    () => parentGoalStatus({ id: '9' }, [{ goal: { id: '9a' }, kpis: [KPI_9A] }, { goal: { id: '9c' }, kpis: [KPI_9C] }], [m({ kpiId: '9a', value: 3 })], '2021-10-15'),
    '1 af 2 delmål opfyldt; 9c afventer måling',
    '1 of 2 sub-goals met; 9c awaiting measurement',
  ],
  ['R11 no sub-goals with KPIs', () => parentGoalStatus({ id: '9' }, [{ goal: { id: '9x' }, kpis: [] }], [], '2021-10-15'), 'Målet har ingen delmål med målepunkter i kontrakten', 'The contract sets no sub-goals with KPIs for this goal'],
];

describe('status reasons in Danish and English (core/status-reason.ts)', () => {
  for (const [name, verdict, danish, english] of CASES) {
    it(`${name}: "${english}"`, () => {
      const v = verdict();
      assert.equal(v.reason, danish, 'the Danish reason, as before');
      assert.equal(statusReasonText(v.why), v.reason, 'the Danish renderer is the reason');
      assert.equal(statusReasonText(v.why, 'da'), v.reason);
      assert.equal(statusReasonText(v.why, 'en'), english);
    });
  }

  it('a segmented KPI without any rows says the shared reason once, in both languages', () => {
    const v = kpiStatus(KPI_3B, [], '2021-10-15');
    assert.equal(v.reason, 'Afventer måling for hvert år (ventes: hvert år)');
    assert.equal(statusReasonText(v.why, 'en'), 'Awaiting a measurement for “hvert år” (expected: “hvert år”)');
  });
});
