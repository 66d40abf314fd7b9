import { contractBook } from '../../../../goals/contract-book';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadContract } from '../../../../goals/load-contract';
import { defaultContractPath } from '../../../../goals/default-contract';
import { findGoal, kpisOfGoal } from '../../../../goals/contract-queries';
import { validateMeasurementForm, type FormValidation } from '../../../../features/measurements/form/validate-measurement-form';
import { FIELD_LIMITS, FORM_FIELDS, WORD_JOINER, inputValueOf } from '../../../../features/measurements/form/form-fields';
import { measurementFormCard } from '../../../../features/measurements/form/measurement-form-card';
import { assertSendableCard } from '../../../helpers/adaptive-card-schema';
import { formPayload } from '../../../helpers/form-payload-arbitrary';
import { PROPERTY_SEED } from '../../../helpers/hostile-strings';

const contract = loadContract(defaultContractPath());
const TODAY = '2021-10-15';

function validate(goalId: string, raw: Record<string, unknown>, today = TODAY): FormValidation {
  const goal = findGoal(contract, goalId);
  assert.ok(goal);
  return validateMeasurementForm(raw, { goal, kpis: kpisOfGoal(contract, goalId), today, contract, contracts: contractBook([contract]) });
}

const base = { period: 'efterår 2021', measuredOn: '2021-09-30', source: 'erhvervsstyrelsen-survey' };

function ok(result: FormValidation) {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.value;
}

function errors(result: FormValidation) {
  assert.ok(!result.ok, 'expected refusal');
  return result.errors;
}

describe('validateMeasurementForm', function () {
  describe('accepts', function () {
    it('a share in every typed form, with the source label stored', function () {
      for (const [typed, value] of [['37', 37], ['37,5', 37.5], ['37.5', 37.5], [' 37 % ', 37]] as const) {
        const v = ok(validate('1', { ...base, kpiId: '1a', value: typed }));
        assert.deepEqual(
          { kpi: v.kpi.id, value: v.value, done: v.done, segment: v.segment, period: v.period, measuredOn: v.measuredOn, source: v.source, comment: v.comment, evidence: v.evidence },
          { kpi: '1a', value, done: null, segment: null, period: 'efterår 2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (spørgeskemaundersøgelse)', comment: null, evidence: null },
        );
      }
    });

    it('the edges of each kind: share 0 and 100, NPS −100 and 100, effect −2,5, a count of 0', function () {
      assert.equal(ok(validate('4', { ...base, kpiId: '4a', value: '0' })).value, 0);
      assert.equal(ok(validate('4', { ...base, kpiId: '4a', value: '100' })).value, 100);
      assert.equal(ok(validate('3', { ...base, kpiId: '3b', segment: 'drift', value: '-100' })).value, -100);
      assert.equal(ok(validate('3', { ...base, kpiId: '3b', segment: 'vækst', value: '100' })).value, 100);
      assert.equal(ok(validate('7', { ...base, kpiId: '7d', value: '−2,5' })).value, -2.5);
      assert.equal(ok(validate('9a', { ...base, kpiId: '9a', value: '0' })).value, 0);
    });

    it('a pp_change value as the measured level in per cent (6c: 78, not +10)', function () {
      assert.equal(ok(validate('6', { ...base, kpiId: '6c', value: '78' })).value, 78);
      assert.match(errors(validate('6', { ...base, kpiId: '6c', value: '101' })).value!, /mellem 0 og 100/);
    });

    it('a KPI of a sub-goal from the parent goal\'s form (9 → 9c)', function () {
      assert.equal(ok(validate('9', { ...base, kpiId: '9c', done: 'nej' })).done, false);
    });

    it('a KPI with a single segment without choosing it (7b: vækst)', function () {
      assert.equal(ok(validate('7', { ...base, kpiId: '7b', value: '11' })).segment, 'vækst');
    });

    it('KPI ids case-insensitively, and sources by key, drop-down text or label', function () {
      assert.equal(ok(validate('1', { ...base, kpiId: '1A', value: '37' })).kpi.id, '1a');
      for (const source of ['crm', 'CRM', 'CRM (husets egne registreringer)', 'Erhvervsstyrelsen-undersøgelse', 'Erhvervsstyrelsen (brugerevaluering)']) {
        assert.ok(validate('1', { ...base, kpiId: '1c', value: '54', source }).ok, source);
      }
    });

    it('a milestone done with evidence, not done without; Danish dates', function () {
      const done = ok(validate('9c', { ...base, kpiId: '9c', done: 'ja', evidence: ' Kursusbeviser ', measuredOn: '10-12-2020' }));
      assert.deepEqual([done.done, done.evidence, done.value, done.measuredOn], [true, 'Kursusbeviser', null, '2020-12-10']);
      const notDone = ok(validate('9c', { ...base, kpiId: '9c', done: 'nej' }));
      assert.deepEqual([notDone.done, notDone.evidence], [false, null]);
    });

    it('today itself as the measurement date, and "Andet" with the source typed', function () {
      const v = ok(validate('4', { ...base, kpiId: '4a', value: '45', measuredOn: TODAY, source: 'andet', sourceOther: 'Egen opgørelse' }));
      assert.deepEqual([v.measuredOn, v.source], [TODAY, 'Egen opgørelse']);
    });

    it('removes control characters and the word joiner a re-shown form adds to "${"', function () {
      const typed = 'A\u0000B\u0007 ${x}\r\nny linje';
      const v = ok(validate('4', { ...base, kpiId: '4a', value: '45', comment: inputValueOf(typed) }));
      assert.equal(v.comment, 'AB ${x} ny linje', 'every field is one line: a line break could fake a status line');
      assert.ok(inputValueOf('${a} ${b}').split(WORD_JOINER).length === 3 && !inputValueOf('${a}').includes('${'));
    });
  });

  describe('refuses, with one Danish message per wrong field', function () {
    const cases: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
      ['"abc"', '4', { kpiId: '4a', value: 'abc' }, 'value', /^«abc» er ikke et tal\. Skriv fx 37 eller 37,5\.$/],
      ['150 for a share', '4', { kpiId: '4a', value: '150' }, 'value', /^En andel skal ligge mellem 0 og 100 % – 150 er for meget\.$/],
      ['a negative share', '4', { kpiId: '4a', value: '-1' }, 'value', /^En andel kan ikke være under 0 %\.$/],
      ['−200 for NPS', '3', { kpiId: '3b', segment: 'drift', value: '-200' }, 'value', /^NPS ligger mellem −100 og 100 – −200 er uden for skalaen\.$/],
      ['an effect beyond 100 points', '7', { kpiId: '7d', value: '101' }, 'value', /mellem −100 og \+100 procentpoint/],
      ['a decimal count', '9a', { kpiId: '9a', value: '2,5' }, 'value', /helt tal – 2,5 er det ikke/],
      ['a negative count', '9d', { kpiId: '9d', value: '-1' }, 'value', /ikke være negativt/],
      ['an empty value', '4', { kpiId: '4a', value: ' ' }, 'value', /^Skriv værdien: andel i procent, 0–100/],
      ['a value for a milestone', '9c', { kpiId: '9c', done: 'nej', value: '1' }, 'value', /9c er en milepæl/],
      ['a milestone without "nået?"', '9c', { kpiId: '9c' }, 'done', /^Vælg, om milepælen er nået\.$/],
      ['a strange "nået?"', '9c', { kpiId: '9c', done: 'måske' }, 'done', /Ja, nået/],
      ['"nået?" for a numeric KPI', '5', { kpiId: '5b', value: '70', done: 'ja' }, 'done', /gælder ikke 5b/],
      ['evidence for a numeric KPI', '5', { kpiId: '5b', value: '70', evidence: 'x' }, 'evidence', /hører til milepæle/],
      ['a done milestone without evidence', '9c', { kpiId: '9c', done: 'ja' }, 'evidence', /dokumenterer/],
      ['a KPI id the goal does not have', '4', { kpiId: '1a', value: '37' }, 'kpiId', /^Målepunkt «1a» hører ikke til mål 4\. Vælg et af: 4a\.$/],
      ['a KPI id that does not exist', '3', { kpiId: '99z', segment: 'drift', value: '37' }, 'kpiId', /«99z» hører ikke til mål 3/],
      ['no KPI', '3', { value: '37' }, 'kpiId', /^Vælg målepunkt\.$/],
      ['a segment for a KPI without segments', '4', { kpiId: '4a', value: '45', segment: 'drift' }, 'segment', /opgøres ikke pr\. segment/],
      ['a segment the KPI does not have', '7', { kpiId: '7b', value: '11', segment: 'drift' }, 'segment', /gælder kun for vækst/],
      ['no segment where it is required', '3', { kpiId: '3a', value: '80' }, 'segment', /^Vælg segment for 3a: drift eller vækst\.$/],
      ['a future date', '4', { kpiId: '4a', value: '45', measuredOn: '2021-10-16' }, 'measuredOn', /16\. oktober 2021 ligger efter i dag \(15\. oktober 2021\)/],
      ['a date before 2000', '4', { kpiId: '4a', value: '45', measuredOn: '1921-09-30' }, 'measuredOn', /før år 2000/],
      ['not a date', '4', { kpiId: '4a', value: '45', measuredOn: 'i går' }, 'measuredOn', /«i går» er ikke en dato/],
      ['no date', '4', { kpiId: '4a', value: '45', measuredOn: '' }, 'measuredOn', /Vælg datoen/],
      ['no period', '4', { kpiId: '4a', value: '45', period: '' }, 'period', /Skriv hvilken periode/],
      ['an over-long period', '4', { kpiId: '4a', value: '45', period: 'p'.repeat(61) }, 'period', /Perioden er for lang \(61 tegn\) – højst 60 tegn\./],
      ['an unknown source', '4', { kpiId: '4a', value: '45', source: 'Facebook' }, 'source', /«Facebook» er ikke en af kilderne/],
      ['no source', '4', { kpiId: '4a', value: '45', source: '' }, 'source', /Vælg kilden/],
      ['"Andet" without a source', '4', { kpiId: '4a', value: '45', source: 'andet' }, 'sourceOther', /Skriv hvilken kilde/],
      ['an over-long comment', '4', { kpiId: '4a', value: '45', comment: 'k'.repeat(1001) }, 'comment', /^Kommentaren er for lang \(1\.001 tegn\) – højst 1\.000 tegn\.$/],
      ['over-long evidence', '9c', { kpiId: '9c', done: 'ja', evidence: 'e'.repeat(1001) }, 'evidence', /Dokumentationen er for lang/],
      ['a number instead of a string (forged)', '4', { kpiId: '4a', value: 45 }, 'value', /ugyldig værdi – brug formularen/],
      ['an object instead of a string (forged)', '4', { kpiId: '4a', value: '45', comment: { a: 1 } }, 'comment', /ugyldig værdi/],
    ];
    for (const [name, goalId, raw, field, message] of cases) {
      it(`${name} (${field})`, function () {
        const e = errors(validate(goalId, { ...base, ...raw }));
        assert.match(e[field as keyof typeof e] ?? '(none)', message);
        assert.deepEqual(Object.keys(e), [field], 'only that field is marked');
      });
    }

    it('reports every wrong field at once and keeps the typed values for the form', function () {
      const r = validate('4', { kpiId: '4a', value: 'abc', period: ' ', measuredOn: '2099-01-01', source: 'x', comment: 'c'.repeat(1200) });
      assert.deepEqual(Object.keys(errors(r)).sort(), ['comment', 'measuredOn', 'period', 'source', 'value']);
      assert.equal(r.values.value, 'abc');
      assert.equal(r.values.comment, 'c'.repeat(1200), 'an over-long text is kept so it can be shortened');
    });

    it('is total: any strings in any fields give a result, never a throw (property)', function () {
      const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '37,5', '2021-09-30', 'ja', 'drift', 'crm', 'andet', '${x}', '4a'));
      fc.assert(
        fc.property(fc.record(Object.fromEntries(FORM_FIELDS.map((f) => [f, anyText])) as Record<string, fc.Arbitrary<string>>), fc.constantFrom('1', '3', '4', '7', '9', '9c'), (raw, goalId) => {
          const r = validate(goalId, raw);
          if (r.ok) {
            assert.ok(r.value.measuredOn <= TODAY);
            assert.ok((r.value.value === null) !== (r.value.done === null), 'a value or a done flag, never both');
          } else {
            assert.ok(Object.values(r.errors).every((m) => typeof m === 'string' && m.length > 0));
          }
        }),
        { seed: 20211015, numRuns: 500 },
      );
    });
  });

  describe('hostile input in every field (property-based, fixed seed)', function () {
    this.timeout(120_000);

    it('a forged payload with 40 000 characters in every field comes back as a form under 80 KB, the true lengths named', function () {
      const huge = '👩‍👩‍👧‍👦"\\<b>'.repeat(4_000);
      const raw = Object.fromEntries(FORM_FIELDS.map((f) => [f, huge]));
      for (const goalId of ['4', '9', '9c']) {
        const goal = findGoal(contract, goalId)!;
        const kpis = kpisOfGoal(contract, goalId);
        const r = validate(goalId, raw);
        assert.ok(!r.ok);
        assert.match(r.errors.comment!, /^Kommentaren er for lang \(.+ tegn\) – højst 1\.000 tegn\.$/);
        assert.equal(Array.from(r.values.comment!).length, 2_000, 'kept, up to twice the limit, so it can be shortened');
        assertSendableCard(measurementFormCard({ goal, kpis, submissionId: '0b0e4f7a-3c1d-4e2f-8a9b-1c2d3e4f5a6b', today: TODAY, values: r.values, errors: r.errors }));
      }
    });

    it('never throws; a refusal re-shows a sendable form; an acceptance holds only clean, bounded text (3 000 runs)', function () {
      let accepted = 0;
      fc.assert(
        fc.property(formPayload(contract, { hostileMaxLength: 2_000 }), ({ goalId, inputs }) => {
          const goal = findGoal(contract, goalId)!;
          const kpis = kpisOfGoal(contract, goalId);
          const r = validateMeasurementForm(inputs, { goal, kpis, today: TODAY, contract, contracts: contractBook([contract]) });
          if (r.ok) {
            accepted++;
            const v = r.value;
            assert.ok(kpis.includes(v.kpi));
            assert.ok(v.measuredOn <= TODAY && v.measuredOn >= '2000-01-01');
            assert.ok((v.value === null) !== (v.done === null), 'a value or a done flag, never both');
            const texts: Array<[keyof typeof FIELD_LIMITS, string | null]> = [['period', v.period], ['comment', v.comment], ['evidence', v.evidence]];
            for (const [field, text] of texts) {
              if (text === null) continue;
              assert.ok([...text].length <= FIELD_LIMITS[field], `${field} within its limit (in characters, as zod counts)`);
              assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2060]/, `${field} is clean`);
            }
          } else {
            assert.ok(Object.keys(r.errors).length > 0);
            assert.ok(Object.values(r.errors).every((m) => typeof m === 'string' && m.length > 0 && m.length < 400), 'short messages');
          }
          // What the user gets back either way when invalid: the same form with the values kept.
          const card = measurementFormCard({ goal, kpis, submissionId: '0b0e4f7a-3c1d-4e2f-8a9b-1c2d3e4f5a6b', today: TODAY, values: r.values, errors: r.ok ? {} : r.errors });
          assertSendableCard(card); // 1.5 schema, < 80 KB, no "${"
        }),
        { seed: PROPERTY_SEED, numRuns: 3_000 },
      );
      assert.ok(accepted >= 100, `the generator must also produce valid forms (${accepted} of 3 000)`);
    });
  });
});
