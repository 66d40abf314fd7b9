import { measurementFormCard } from './measurement-form-card';
import type { TurnInfo } from '../../../core/turn-info';
import type { FormValues } from './form-fields';
import { formMessages } from './form-messages';
import { formScopeOf } from './form-scope';
import { mayRecord } from './may-record';
import type { MeasurementFormDeps } from './measurement-form-deps';
import { cardReply, type Reply } from '../../../core/reply';

/**
 * "opdater mål 3" or the status card's "Opdater": an empty form for the goal with a fresh
 * submission id — or a polite message for an unknown goal or someone who may not record.
 */
export async function openMeasurementForm(deps: MeasurementFormDeps, goalId: unknown, turn: TurnInfo): Promise<Reply> {
  const scope = formScopeOf(deps.contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(goalId) };
  if (scope.kpis.length === 0) return { kind: 'text', text: formMessages.noKpis(scope.goal.id) };
  if (mayRecord(deps, turn) === 'no') return { kind: 'text', text: formMessages.notStaff(deps.contract) };
  // Preselect the source when every KPI offered is measured the same way.
  const sources = new Set(scope.kpis.map((k) => k.measuredBy));
  const values: FormValues = sources.size === 1 ? { source: [...sources][0]! } : {};
  const card = measurementFormCard({ goal: scope.goal, kpis: scope.kpis, submissionId: deps.newSubmissionId(), today: deps.today(), values, errors: {} });
  return cardReply(card);
}
