import fc from 'fast-check';
import type { ContractData, Kpi } from '../../goals/contract-schema';
import { kpisOfGoal } from '../../goals/contract-queries';
import { FORM_FIELDS, type FormField } from '../../features/measurements/form/form-fields';
import { MEASUREMENT_SOURCES } from '../../features/measurements/form/measurement-sources';
import { hostileString } from './hostile-strings';

/** A submitted measurement form as Teams would post it (or a forger might): goal + inputs. */
export interface FormPayload {
  goalId: string;
  /** The card inputs; strings from Teams, anything from a forged payload. */
  inputs: Record<FormField, unknown>;
}

/** What a forged payload can put where Teams puts a string. */
const forged: fc.Arbitrary<unknown> = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }));

/** Values a real user would type or choose, per field (some right for the KPI, some not). */
function plausible(field: FormField, kpiIds: readonly string[]): fc.Arbitrary<string> {
  switch (field) {
    case 'kpiId':
      return fc.constantFrom(...kpiIds, '1a', '9c', '');
    case 'segment':
      return fc.constantFrom('', 'drift', 'vækst', 'Drift');
    case 'value':
      return fc.constantFrom('', '37', '37,5', '37.5', ' 45 % ', '-12', '0', '100', '101', '2,5', '−2,5', '1.000', '1e3');
    case 'done':
      return fc.constantFrom('', 'ja', 'nej');
    case 'measuredOn':
      return fc.constantFrom('2021-09-30', '30-09-2021', '2021-10-15', '2021-10-16', '1999-12-31', '');
    case 'source':
      return fc.constantFrom(...MEASUREMENT_SOURCES.map((s) => s.key), 'CRM', '');
    case 'period':
      return fc.constantFrom('2021', 'efterår 2021', '');
    case 'evidence':
    case 'sourceOther':
    case 'comment':
      return fc.constantFrom('', 'Kursusbeviser', 'Egen opgørelse');
  }
}

/** A value the KPI accepts, typed as people type it. */
function validValue(kpi: Kpi): fc.Arbitrary<string> {
  switch (kpi.kind) {
    case 'share':
    case 'pp_change':
      return fc.constantFrom('37', '37,5', ' 45 % ', '0', '100');
    case 'nps':
    case 'effect_vs_control':
      return fc.constantFrom('-12', '−2,5', '10', '0');
    case 'count':
      return fc.constantFrom('0', '3', '120');
    case 'milestone':
    case 'duty':
      return fc.constant('');
  }
}

/**
 * A form that passes every structured check (KPI, segment, value or milestone, date, source), with
 * hostile text in the free-text fields: period, comment, the typed source, the evidence. Whether
 * it is stored then depends only on that text (its length, whether anything is left once cleaned).
 */
function validWithHostileText(kpi: Kpi, hostile: fc.Arbitrary<string>): fc.Arbitrary<Record<FormField, unknown>> {
  const text = (plain: string) => fc.oneof(fc.constant(plain), hostile);
  const milestone = kpi.kind === 'milestone';
  return fc.record({
    kpiId: fc.constant(kpi.id),
    segment: fc.constant(kpi.segments.length > 1 ? kpi.segments[0]! : ''),
    value: validValue(kpi),
    done: fc.constant(milestone ? 'ja' : ''),
    evidence: milestone ? text('Kursusbeviser') : fc.constant(''),
    period: text('2021'),
    measuredOn: fc.constantFrom('2021-09-30', '30-09-2021', '2021-10-15'),
    source: fc.constantFrom('andet', 'crm', 'brugerevaluering'),
    sourceOther: text('Egen opgørelse'),
    comment: fc.oneof(fc.constant(''), hostile),
  });
}

/**
 * Form payloads for property tests. Half are valid but for hostile text (quotes, backslashes,
 * `${…}`, HTML, 10 000 characters, emoji, RTL …) in the free-text fields, so hostile text reaches
 * the store and the confirmation card; the other half put a plausible value, a hostile string or,
 * rarely, a forged non-string in every field.
 */
export function formPayload(contract: ContractData, options: { hostileMaxLength?: number } = {}): fc.Arbitrary<FormPayload> {
  const goals = contract.goals.filter((g) => kpisOfGoal(contract, g.id).length > 0).map((g) => g.id);
  const hostile = hostileString(options.hostileMaxLength ?? 300);
  return fc.tuple(fc.constantFrom(...goals), fc.boolean()).chain(([goalId, mostlyValid]) => {
    const kpis = kpisOfGoal(contract, goalId);
    if (mostlyValid) return fc.constantFrom(...kpis).chain((kpi) => validWithHostileText(kpi, hostile)).map((inputs) => ({ goalId, inputs }));
    const kpiIds = kpis.map((k) => k.id);
    const fields = Object.fromEntries(
      FORM_FIELDS.map((f) => [f, fc.oneof({ weight: 6, arbitrary: plausible(f, kpiIds) }, { weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: forged })]),
    ) as Record<FormField, fc.Arbitrary<unknown>>;
    return fc.record(fields).map((inputs) => ({ goalId, inputs }));
  });
}
