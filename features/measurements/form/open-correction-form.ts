import { measurementFormCard } from './measurement-form-card';
import type { Measurement } from '../../../core/measurement';
import type { TurnInfo } from '../../../core/turn-info';
import { DONE_CHOICES, type FormValues } from './form-fields';
import { formMessages } from './form-messages';
import { formScopeOf } from './form-scope';
import { mayRecord } from './may-record';
import type { MeasurementFormDeps } from './measurement-form-deps';
import { cardReply, type Reply } from '../../../core/reply';
import { sourceOfStoredText } from './measurement-sources';
import type { FormOrigin } from './form-origin';

/** A stored value as the user would type it: "37,5", "-4" (no thousands separator, see parseDecimal). */
function typedNumber(value: number): string {
  return String(value).replace('.', ',');
}

/** The row's values in the form's fields; the comment is left empty for the reason of the correction. */
export function formValuesOf(m: Measurement): FormValues {
  const source = sourceOfStoredText(m.source);
  return {
    kpiId: m.kpiId,
    segment: m.segment ?? '',
    value: m.value === null ? '' : typedNumber(m.value),
    done: m.done === null ? '' : m.done ? DONE_CHOICES.done : DONE_CHOICES.notDone,
    evidence: m.evidence ?? '',
    period: m.period,
    measuredOn: m.measuredOn,
    source: source.key,
    sourceOther: source.other,
  };
}

/**
 * "Ret måling": the form prefilled with the row to correct. When the row was corrected already,
 * the newest version of it is corrected instead (corrections form a chain).
 */
export async function openCorrectionForm(deps: MeasurementFormDeps, goalId: unknown, measurementId: unknown, turn: TurnInfo, origin?: FormOrigin): Promise<Reply> {
  const scope = formScopeOf(deps.contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(goalId) };
  if (mayRecord(deps, turn) === 'no') return { kind: 'text', text: formMessages.notStaff(deps.contract, turn.user.aadObjectId) };
  const id = typeof measurementId === 'string' && /^\d{1,15}$/.test(measurementId) ? Number(measurementId) : undefined;
  // The newest version of the row (one indexed query down the chain of corrections, not the series).
  const current = id === undefined ? undefined : await deps.store.newestVersionOf(deps.contract.id, id);
  if (current === undefined) return { kind: 'text', text: formMessages.unknownMeasurement() };
  const kpi = scope.kpis.find((k) => k.id === current.kpiId); // a correction stays in its row's series
  if (kpi === undefined) return { kind: 'text', text: formMessages.measurementOfOtherGoal(scope.goal.id) };

  const card = measurementFormCard({
    goal: scope.goal,
    kpis: [kpi],
    submissionId: deps.newSubmissionId(),
    today: deps.today(),
    values: formValuesOf(current),
    errors: {},
    correcting: current,
    origin,
  });
  return cardReply(card);
}
