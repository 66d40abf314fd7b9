import { cardReply, type Reply } from '../../../core/reply';
import { confirmationFor } from './confirmation-for';
import { formMessages } from './form-messages';
import { formScopeOf } from './form-scope';
import type { MeasurementFormDeps } from './measurement-form-deps';

/** The confirmation of a stored row again (a correction form's "Annuller" brings it back). */
export async function confirmationAnswer(deps: MeasurementFormDeps, goalId: unknown, measurementId: string): Promise<Reply> {
  const scope = formScopeOf(deps.contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(String(goalId ?? '')) };
  const row = await deps.store.measurementById(deps.contract.id, Number(measurementId));
  const kpi = row === undefined ? undefined : scope.kpis.find((k) => k.id === row.kpiId);
  if (row === undefined || kpi === undefined) return { kind: 'text', text: formMessages.unknownMeasurement() };
  return cardReply(await confirmationFor(deps, scope.goal, kpi, row));
}
