import { measurementFormCard } from './measurement-form-card';
import type { TurnInfo } from '../../../core/turn-info';
import type { FormValues } from './form-fields';
import { formMessages } from './form-messages';
import { formScopeOf } from './form-scope';
import { mayRecord } from './may-record';
import type { MeasurementFormDeps } from './measurement-form-deps';
import { cardReply, type Reply } from '../../../core/reply';
import { formKindOf, formKindsOf, isFormKind, type FormKind } from '../../../core/form-kind';
import type { FormOrigin } from './form-origin';
import { formKindChoiceCard } from './form-kind-choice-card';

/**
 * "opdater mål 3" or the status card's "Opdater" / "Indberet tal" / "Indberet milepæl": an empty
 * form for the goal's KPIs of one kind with a fresh submission id — or, when the goal has KPIs of
 * several kinds and none was chosen, a card to choose; or a polite message for an unknown goal or
 * someone who may not record.
 */
export async function openMeasurementForm(
  deps: MeasurementFormDeps,
  goalId: unknown,
  turn: TurnInfo,
  options: { kind?: unknown; origin?: FormOrigin } = {},
): Promise<Reply> {
  const scope = formScopeOf(deps.contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(goalId) };
  if (scope.kpis.length === 0) return { kind: 'text', text: formMessages.noKpis(scope.goal.id) };
  if (mayRecord(deps, turn) === 'no') return { kind: 'text', text: formMessages.notStaff(deps.contract, turn.user.aadObjectId) };
  const kinds = formKindsOf(scope.kpis);
  const kind: FormKind | undefined = isFormKind(options.kind) && kinds.includes(options.kind) ? options.kind : kinds.length === 1 ? kinds[0] : undefined;
  if (kind === undefined) return cardReply(formKindChoiceCard(scope.goal, kinds, options.origin ?? { view: 'none' }));
  const kpis = scope.kpis.filter((k) => formKindOf(k) === kind);
  // Preselect the source when every KPI offered is measured the same way.
  const sources = new Set(kpis.map((k) => k.measuredBy));
  const values: FormValues = sources.size === 1 ? { source: [...sources][0]! } : {};
  const card = measurementFormCard({ goal: scope.goal, kpis, submissionId: deps.newSubmissionId(), today: deps.today(), values, errors: {}, origin: options.origin, kind });
  return cardReply(card);
}
