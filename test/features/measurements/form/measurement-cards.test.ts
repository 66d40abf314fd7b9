import assert from 'node:assert/strict';
import { loadContract } from '../../../../goals/load-contract';
import { defaultContractPath } from '../../../../goals/default-contract';
import { findGoal, kpisOfGoal } from '../../../../goals/contract-queries';
import type { Kpi } from '../../../../goals/contract-schema';
import { measurementFormCard } from '../../../../features/measurements/form/measurement-form-card';
import { measurementConfirmationCard } from '../../../../features/measurements/form/measurement-confirmation-card';
import { historyCard } from '../../../../features/measurements/history/history-card';
import { buildGoalStatusView } from '../../../../features/status/goal-status-view';
import { kpiStatus } from '../../../../core/status-rules';
import type { Measurement } from '../../../../core/measurement';
import { FORM_FIELDS, FIELD_LIMITS, type FormValues } from '../../../../features/measurements/form/form-fields';
import { assertSendableCard } from '../../../helpers/adaptive-card-schema';
import { trendsIn } from '../../../helpers/trends-in';
import { errorNextTo, inputById, inputIds, submitAction } from '../../../helpers/card-inputs';
import { cardText } from '../../../helpers/running-app';
import { measurementFixture } from '../../../fixtures/measurement-fixture';

const contract = loadContract(defaultContractPath());
const TODAY = '2021-10-15';
const SUBMISSION = '0b7d5f7e-3c1a-4a57-9a0e-6b1f1c2d3e4f';
const HOSTILE = '${x} [link](https://evil.example) **fed** "}]}{ \\ ' + 'æøå 👩🏽‍💼 '.repeat(3);

function goal(id: string) {
  const g = findGoal(contract, id);
  assert.ok(g);
  return g;
}

function row(kpi: Kpi, overrides: Partial<Measurement> = {}): Measurement {
  const numeric = kpi.kind !== 'milestone';
  return measurementFixture({
    contractId: contract.id,
    kpiId: kpi.id,
    value: numeric ? 42 : null,
    done: numeric ? null : true,
    segment: kpi.segments[0] ?? null,
    recordedBy: 'a1111111-1111-4111-8111-111111111111',
    recordedByName: 'Anna Andersen',
    ...overrides,
  });
}

describe('measurement cards', function () {
  describe('the form', function () {
    it('is a valid 1.5 card under 80 KB for every goal, empty and with every field wrong and at its longest', function () {
      for (const g of contract.goals) {
        const kpis = kpisOfGoal(contract, g.id);
        if (kpis.length === 0) continue;
        assertSendableCard(measurementFormCard({ goal: g, kpis, submissionId: SUBMISSION, today: TODAY, values: {}, errors: {} }));
        const values: FormValues = Object.fromEntries(FORM_FIELDS.map((f) => [f, HOSTILE.repeat(20).slice(0, FIELD_LIMITS[f])]));
        const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, `Fejl i ${f}: ${HOSTILE}`]));
        const card = measurementFormCard({ goal: g, kpis, submissionId: SUBMISSION, today: TODAY, values, errors });
        assertSendableCard(card); // also: no "${" anywhere, though the values contain it
        for (const id of inputIds(card)) assert.ok(errorNextTo(card, id), `error next to ${id} on mål ${g.id}`);
      }
    });

    it('offers exactly the inputs the goal\'s KPIs need', function () {
      const ids = (goalId: string) => inputIds(measurementFormCard({ goal: goal(goalId), kpis: kpisOfGoal(contract, goalId), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {} }));
      const tail = ['period', 'measuredOn', 'source', 'sourceOther', 'comment'];
      assert.deepEqual(ids('4'), ['value', ...tail]);
      assert.deepEqual(ids('3'), ['kpiId', 'segment', 'value', ...tail]);
      assert.deepEqual(ids('9c'), ['done', 'evidence', ...tail]);
      assert.deepEqual(ids('6'), ['kpiId', 'value', 'done', 'evidence', ...tail], '6a is a milestone, 6b/6c numeric');
      assert.deepEqual(ids('7'), ['kpiId', 'segment', 'value', ...tail]);
    });

    it('marks what is required, and its labels say what to write (not which KPIs they do not apply to)', function () {
      const card = measurementFormCard({ goal: goal('7'), kpis: kpisOfGoal(contract, '7'), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {} });
      assert.equal(inputById(card, 'kpiId')?.isRequired, true);
      assert.equal(inputById(card, 'segment')?.isRequired, false, '7a has no segment');
      assert.equal(inputById(card, 'segment')?.label, 'Segment – vælg, hvis målepunktet har mål for drift og vækst hver for sig');
      const labels = JSON.stringify(card);
      assert.ok(!/kun for \d|ikke for milepæle/.test(labels), 'no "(kun for 9b, 9c)" or "(ikke for milepæle)"');
      const four = measurementFormCard({ goal: goal('4'), kpis: kpisOfGoal(contract, '4'), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {} });
      assert.equal(inputById(four, 'value')?.label, 'Værdi – andel i procent, 0–100 (fx 37 eller 37,5)');
      assert.equal(inputById(card, 'period')?.isRequired, true);
      assert.equal(inputById(card, 'measuredOn')?.isRequired, true);
      assert.equal(inputById(card, 'source')?.isRequired, true);
      assert.equal(inputById(card, 'comment')?.isRequired, undefined);
      // One form per kind: goal 6's milestone form asks nothing about values, its number form nothing about milestones.
      const six = kpisOfGoal(contract, '6');
      const milestoneForm = measurementFormCard({ goal: goal('6'), kpis: six.filter((k) => k.kind === 'milestone'), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {}, kind: 'milestone' });
      assert.equal(inputById(milestoneForm, 'done')?.label, 'Er milepælen nået?');
      assert.equal(inputById(milestoneForm, 'done')?.isRequired, true);
      assert.equal(inputById(milestoneForm, 'value'), undefined);
      const numberForm = measurementFormCard({ goal: goal('6'), kpis: six.filter((k) => k.kind !== 'milestone'), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {}, kind: 'number' });
      assert.equal(inputById(numberForm, 'done'), undefined);
      assert.equal(inputById(numberForm, 'value')?.isRequired, true);
      assert.equal(submitAction(numberForm).data.kind, 'number');
    });

    it('"Anden kilde" sits in a hidden container behind a toggle, shown from the start when «Andet» is chosen or it has a message', function () {
      const find = (card: object): { isVisible?: boolean } | undefined => {
        let found: { isVisible?: boolean } | undefined;
        JSON.stringify(card, (_k, v: unknown) => {
          if (typeof v === 'object' && v !== null && (v as { id?: unknown }).id === 'sourceOtherBox') found = v as { isVisible?: boolean };
          return v;
        });
        return found;
      };
      const base = { goal: goal('4'), kpis: kpisOfGoal(contract, '4'), submissionId: SUBMISSION, today: TODAY };
      const hidden = measurementFormCard({ ...base, values: { source: 'crm' }, errors: {} });
      assertSendableCard(hidden);
      assert.equal(find(hidden)?.isVisible, false);
      assert.ok(JSON.stringify(hidden).includes('"Action.ToggleVisibility"'));
      assert.equal(find(measurementFormCard({ ...base, values: { source: 'andet' }, errors: {} }))?.isVisible, true);
      assert.equal(find(measurementFormCard({ ...base, values: {}, errors: { sourceOther: 'Skriv hvilken kilde' } }))?.isVisible, true);
    });

    it('"Annuller" is an Action.Execute that sends no inputs and names the card to bring back', function () {
      const card = measurementFormCard({ goal: goal('4'), kpis: kpisOfGoal(contract, '4'), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {}, origin: { view: 'confirmation', measurementId: '12' } });
      const cancel = card.actions?.find((a) => a.title === 'Annuller');
      assert.ok(cancel);
      assert.equal(cancel.type, 'Action.Execute');
      assert.equal(cancel.verb, 'cancelForm');
      assert.equal(cancel.associatedInputs, 'none');
      assert.deepEqual(cancel.data, { goalId: '4', back: 'confirmation', backMeasurementId: '12' });
      assert.deepEqual((cancel.fallback as { associatedInputs?: string }).associatedInputs, 'none');
    });

    it('puts values back (choices only when they are real choices), never "${"', function () {
      const card = measurementFormCard({
        goal: goal('3'),
        kpis: kpisOfGoal(contract, '3'),
        submissionId: SUBMISSION,
        today: TODAY,
        values: { kpiId: '99z', segment: 'vækst', value: '37,5 %', comment: 'pris ${pris}' },
        errors: { kpiId: 'x' },
      });
      assert.equal(inputById(card, 'kpiId')?.value, undefined, 'not a choice of this form');
      assert.equal(inputById(card, 'segment')?.value, 'vækst');
      assert.equal(inputById(card, 'value')?.value, '37,5 %');
      assert.equal(inputById(card, 'comment')?.value, 'pris $\u2060{pris}');
    });

    it('submits with Action.Execute (verb, goal, submission id) and an Action.Submit fallback carrying the verb', function () {
      const card = measurementFormCard({ goal: goal('4'), kpis: kpisOfGoal(contract, '4'), submissionId: SUBMISSION, today: TODAY, values: {}, errors: {} });
      const action = submitAction(card);
      assert.equal(action.verb, 'submitMeasurement');
      assert.deepEqual(action.data, { goalId: '4', submissionId: SUBMISSION, back: 'none', kpiId: '4a' });
      assert.deepEqual(action.fallback, { type: 'Action.Submit', title: 'Gem måling', data: { verb: 'submitMeasurement', goalId: '4', submissionId: SUBMISSION, back: 'none', kpiId: '4a' } });
      for (const key of Object.keys(action.data)) assert.ok(!inputIds(card).includes(key), `data key ${key} is not also an input id`);
    });

    it('for a correction: the series is fixed and shown, the verb is submitCorrection with the row id', function () {
      const kpi = kpisOfGoal(contract, '3')[0]!;
      const corrected = row(kpi, { id: 17, value: 28, segment: 'drift', period: '2021' });
      const card = measurementFormCard({ goal: goal('3'), kpis: [kpi], submissionId: SUBMISSION, today: TODAY, values: { value: '28' }, errors: {}, correcting: corrected });
      assertSendableCard(card);
      assert.deepEqual(inputIds(card), ['value', 'period', 'measuredOn', 'source', 'sourceOther', 'comment']);
      const text = cardText(card);
      assert.match(text, /Du retter måling nr\. 17: 28 %, drift – 2021, målt 30\. september 2021, registreret af Anna Andersen\./);
      assert.match(text, /Segment:\*\* Drift/);
      const action = submitAction(card);
      assert.equal(action.verb, 'submitCorrection');
      assert.deepEqual(action.data, { goalId: '3', submissionId: SUBMISSION, back: 'none', supersedesId: '17' });
    });
  });

  describe('the confirmation', function () {
    it('is valid for every KPI kind and shows what, who, when, the previous value and the new status', function () {
      for (const g of contract.goals) {
        for (const kpi of g.kpis) {
          const m = row(kpi, { note: HOSTILE, evidence: kpi.kind === 'milestone' ? HOSTILE : null, previousId: 3, previousValue: 30, previousDone: false });
          const card = measurementConfirmationCard({ goal: g, kpi, measurement: m, status: kpiStatus(kpi, [m], TODAY), timeZone: 'Europe/Copenhagen' });
          assertSendableCard(card);
          const text = cardText(card);
          assert.match(text, /Målingen er gemt/);
          assert.match(text, new RegExp(`Ny status for ${kpi.id}: `));
          assert.match(text, /Registreret af\nAnna Andersen/);
          assert.match(text, /Registreret\n1\\\. oktober 2021 kl\. 10\.00/, 'Copenhagen time (08:00 UTC)');
          assert.match(text, /Forrige værdi\n.+ \(måling nr\. 3\)/);
          assert.ok(!text.includes('[link](https'), 'typed markdown links are escaped');
        }
      }
    });

    it('says when the stored measurement is older than the one status is built on, and only then', function () {
      const g = goal('3');
      const kpi = g.kpis.find((k) => k.id === '3a')!;
      const newer = row(kpi, { id: 7, segment: 'drift', value: 80, period: 'nov. 2021', measuredOn: '2021-11-30' });
      const older = row(kpi, { id: 8, segment: 'drift', value: 70, period: 'sep. 2021', measuredOn: '2021-09-30' });
      const otherSegment = row(kpi, { id: 9, segment: 'vækst', value: 70, period: 'sep. 2021', measuredOn: '2021-09-30' });
      const confirm = (m: Measurement) => cardText(measurementConfirmationCard({ goal: g, kpi, measurement: m, status: kpiStatus(kpi, [newer, older, otherSegment].filter((r) => r.id <= m.id), '2021-12-31'), timeZone: 'Europe/Copenhagen' }));
      assert.match(confirm(older), /Din måling \(sep\. 2021\) er ældre end den seneste \(nov\. 2021\); status bygger på den seneste\./);
      assert.doesNotMatch(confirm(newer), /ældre end den seneste/);
      assert.doesNotMatch(confirm(otherSegment), /ældre end den seneste/, 'the vækst series has no newer row');
    });
  });

  describe('the status card', function () {
    it('shows a milestone\'s evidence from the form (escaped) next to its note', function () {
      const nineC = kpisOfGoal(contract, '9c')[0]!;
      const m = row(nineC, { evidence: 'Kursusbeviser [se her](https://x.example)', note: 'Alle 34' });
      const view = buildGoalStatusView(contract, '9c', [m], TODAY);
      assert.ok(view);
      const facts = view.kpis[0]!.facts.map((f) => `${f.title}: ${f.value}`);
      assert.ok(facts.includes('Dokumentation: Kursusbeviser \\[se her\\](https://x.example)'), facts.join(' | '));
      assert.ok(facts.includes('Note: Alle 34'));
    });
  });

  describe('the history', function () {
    const threeA = kpisOfGoal(contract, '3')[0]!;

    it('draws a trend per numeric KPI: an SVG with Danish ticks around data and target, the target as a dashed line, and the same numbers behind "Vis tallene"', function () {
      const rows = [
        row(threeA, { id: 1, segment: 'drift', value: 78, measuredOn: '2021-03-31' }),
        row(threeA, { id: 2, segment: 'drift', value: 82, measuredOn: '2021-09-30' }),
        row(threeA, { id: 3, segment: 'vækst', value: 79.5, measuredOn: '2021-09-30' }),
      ];
      const card = historyCard({ goal: goal('3'), kpis: kpisOfGoal(contract, '3'), rows, today: TODAY, timeZone: 'Europe/Copenhagen' });
      assertSendableCard(card);
      const [trend, ...more] = trendsIn(card);
      assert.equal(more.length, 0);
      assert.equal(trend!.title, 'Udvikling 3a');
      // The axis hugs 78–82 and the 80 % target instead of starting at 0, in Danish.
      const ticks = [...trend!.svg.matchAll(/class="tick-y"[^>]*>([^<]+)</g)].map((m) => m[1]);
      assert.ok(ticks.length >= 3 && !ticks.includes('0 %'), ticks.join(' | '));
      assert.ok(ticks.every((t) => /^\d+(,\d+)? %$/.test(t!)), ticks.join(' | '));
      assert.match(trend!.svg, /stroke-dasharray="5 4"/, 'the target is a dashed reference line');
      assert.match(trend!.svg, />Mål 80 %</);
      assert.ok(!/Mål \(80 %\): 80 %/.test(JSON.stringify(card)), 'the target is no series of its own');
      const colours = [...new Set([...trend!.svg.matchAll(/<polyline fill="none" stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]))];
      assert.equal(colours.length, 1, 'one line: Vækst has a single reading (a dot)');
      assert.equal(new Set([...trend!.svg.matchAll(/<circle [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1])).size, 2, 'Drift and Vækst in two colours');
      assert.deepEqual(trend!.facts, [
        { title: 'Mål', value: '80 %' },
        { title: '31\\. marts 2021', value: 'Drift: 78 %' },
        { title: '30\\. september 2021', value: 'Drift: 82 % · Vækst: 79,5 %' },
      ]);
      assert.match(trend!.altText, /Drift 78 % \(31\. marts 2021\), 82 % \(30\. september 2021\); Vækst 79,5 %/);
    });

    it('keeps two readings on the same date apart (side by side), with a note', function () {
      const rows = [
        row(threeA, { id: 1, segment: 'drift', value: 78, measuredOn: '2021-09-30' }),
        row(threeA, { id: 2, segment: 'drift', value: 82, measuredOn: '2021-09-30' }),
      ];
      const card = historyCard({ goal: goal('3'), kpis: [threeA], rows, today: TODAY, timeZone: 'Europe/Copenhagen' });
      const [trend] = trendsIn(card);
      assert.equal([...trend!.svg.matchAll(/<circle /g)].length, 2);
      assert.match(cardText(card), /Flere målinger samme dag \(30\. september 2021\) vises side om side\./);
    });

    it('a pp_change chart plots the level with the target level (baseline + points)', function () {
      const sixC = kpisOfGoal(contract, '6').find((k) => k.id === '6c')!;
      const rows = [row(sixC, { id: 1, value: 70, measuredOn: '2021-03-31' }), row(sixC, { id: 2, value: 74, measuredOn: '2021-09-30' })];
      const [trend] = trendsIn(historyCard({ goal: goal('6'), kpis: [sixC], rows, today: TODAY, timeZone: 'Europe/Copenhagen' }));
      assert.match(trend!.svg, />6c</);
      assert.match(trend!.svg, />Mål 78 %</);
    });

    it('leaves superseded rows out of the list and the chart, and says how many were corrected', function () {
      const rows = [
        row(threeA, { id: 1, segment: 'drift', value: 28, measuredOn: '2021-09-30' }),
        row(threeA, { id: 2, segment: 'drift', value: 78, measuredOn: '2021-03-31' }),
        row(threeA, { id: 3, segment: 'drift', value: 82, measuredOn: '2021-09-30', supersedesId: 1 }),
      ];
      const card = historyCard({ goal: goal('3'), kpis: [threeA], rows, today: TODAY, timeZone: 'Europe/Copenhagen' });
      const text = cardText(card);
      assert.doesNotMatch(text, /\*\*28 %\*\*/);
      assert.match(text, /Nr\. 3: \*\*82 %\*\*.*retter måling nr\. 1/);
      assert.match(text, /Én måling er rettet/);
      const [trend] = trendsIn(card);
      assert.deepEqual(trend!.facts.map((f) => f.value), ['80 %', '78 %', '82 %']);
    });

    it('stays under 80 KB and valid with years of data on the largest goal (9: four sub-goals)', function () {
      const kpis = kpisOfGoal(contract, '9');
      const rows: Measurement[] = [];
      let id = 1;
      for (const kpi of kpis) {
        for (let month = 0; month < 60; month++) {
          const d = new Date(Date.UTC(2017, month, 28)).toISOString().slice(0, 10);
          rows.push(row(kpi, { id: id++, measuredOn: d, value: kpi.kind === 'milestone' ? null : month % 14, done: kpi.kind === 'milestone' ? month % 2 === 0 : null, note: HOSTILE, evidence: kpi.kind === 'milestone' ? HOSTILE : null }));
        }
      }
      const card = historyCard({ goal: goal('9'), kpis, rows, today: '2021-12-31', timeZone: 'Europe/Copenhagen' });
      assertSendableCard(card);
      assert.ok(Buffer.byteLength(JSON.stringify(card)) < 80 * 1024);
      for (const trend of trendsIn(card)) assert.ok([...trend.svg.matchAll(/<circle /g)].length <= 24);
      assert.match(JSON.stringify(card), /"title":"Vis ældre \(57\)","verb":"showHistoryPage"/, 'older rows are a page away');
    });

    it('is valid for every goal without any measurements', function () {
      for (const g of contract.goals) {
        const card = historyCard({ goal: g, kpis: kpisOfGoal(contract, g.id), rows: [], today: TODAY, timeZone: 'Europe/Copenhagen' });
        assertSendableCard(card);
        assert.equal(trendsIn(card).length, 0);
      }
    });
  });
});
