import { measurementFormCard } from './measurement-form-card';
import { findKpi, goalOfKpi } from '../../../goals/contract-queries';
import type { Goal, Kpi } from '../../../goals/contract-schema';
import { CorrectionConflictError } from '../../../core/ports/correction-conflict-error';
import { StoreUnavailableError } from '../../../core/ports/store-unavailable-error';
import type { Measurement } from '../../../core/measurement';
import type { SubmissionResult } from '../../../core/ports/measurement-store';
import { statusKpiQueries } from '../../../core/status-rules';
import type { TurnInfo } from '../../../core/turn-info';
import { confirmationFor } from './confirmation-for';
import { formMessages } from './form-messages';
import { formScopeOf } from './form-scope';
import { mayRecord } from './may-record';
import type { MeasurementFormDeps } from './measurement-form-deps';
import { cardReply, type Reply } from '../../../core/reply';
import { formKindOf, isFormKind } from '../../../core/form-kind';
import { formOriginOf } from './form-origin';
import { canonicalSubmissionId } from './submission-id';
import { measurementFields, validateMeasurementForm } from './validate-measurement-form';
import { contractBook } from '../../../goals/contract-book';
import { unchangedCorrectionErrors } from './unchanged-correction';

export interface FormSubmission {
  /** The action's data merged with the card's inputs (all strings when Teams sends them). */
  data: Record<string, unknown>;
  turn: TurnInfo;
  mode: 'new' | 'correction';
}

/**
 * A replay (Teams retrying, a double click): the confirmation of what the first submission stored,
 * under the same goal heading as the first answer (a sub-goal's KPI may be sent from its parent's form).
 */
async function replayed(deps: MeasurementFormDeps, row: Measurement, scope: { goal: Goal; kpis: readonly Kpi[] }): Promise<Reply> {
  const kpi = scope.kpis.find((k) => k.id === row.kpiId) ?? findKpi(deps.contract, row.kpiId)?.kpi;
  const goal = scope.kpis.some((k) => k.id === row.kpiId) ? scope.goal : goalOfKpi(deps.contract, row.kpiId);
  if (kpi === undefined || goal === undefined) return { kind: 'text', text: formMessages.unknownMeasurement() };
  return cardReply(await confirmationFor(deps, goal, kpi, row));
}

/**
 * A submitted measurement form, new or a correction. In order: the role (a refusal stores nothing),
 * the goal, the submission id (a replay returns the first confirmation), the corrected row, then
 * every field (the form comes back with the typed values and a message per wrong field). Only a
 * fully valid submission is stored — once, whatever the retries — and answered with a confirmation.
 */
export async function submitMeasurementForm(deps: MeasurementFormDeps, submission: FormSubmission): Promise<Reply> {
  const { data, turn, mode } = submission;
  if (mayRecord(deps, turn) !== 'yes') return { kind: 'text', text: formMessages.notStaff(deps.contract, turn.user.aadObjectId) };
  const scope = formScopeOf(deps.contract, data.goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(data.goalId) };
  if (scope.kpis.length === 0) return { kind: 'text', text: formMessages.noKpis(scope.goal.id) };
  const submissionId = canonicalSubmissionId(data.submissionId);
  if (submissionId === undefined) return { kind: 'text', text: formMessages.staleForm(scope.goal.id) };

  // A correction looks for a replay first (it would otherwise meet the row it corrected as corrected
  // already). A new row does not: the store finds the replay in the write's own transaction (one
  // commit per submission on PostgreSQL), and a form that fails validation looks below.
  if (mode === 'correction') {
    const earlier = await deps.store.measurementBySubmission(submissionId);
    if (earlier !== undefined) return replayed(deps, earlier, scope);
  }

  let raw = data;
  let correcting: Measurement | undefined;
  let kpis = scope.kpis;
  if (mode === 'correction') {
    const id = typeof data.supersedesId === 'string' && /^\d{1,15}$/.test(data.supersedesId) ? Number(data.supersedesId) : undefined;
    if (id === undefined) return { kind: 'text', text: formMessages.staleForm(scope.goal.id) };
    correcting = await deps.store.measurementById(deps.contract.id, id);
    if (correcting === undefined) return { kind: 'text', text: formMessages.unknownMeasurement() };
    const kpi = scope.kpis.find((k) => k.id === correcting!.kpiId);
    if (kpi === undefined) return { kind: 'text', text: formMessages.measurementOfOtherGoal(scope.goal.id) };
    kpis = [kpi];
    // The series of a correction is the corrected row's, whatever the payload says.
    raw = { ...data, kpiId: correcting.kpiId, segment: correcting.segment ?? '' };
  }

  // A form of one kind (core/form-kind.ts) comes back with the same KPIs; the kind only narrows what is offered.
  const kind = isFormKind(data.kind) ? data.kind : undefined;
  if (correcting === undefined && kind !== undefined && kpis.some((k) => formKindOf(k) === kind)) kpis = kpis.filter((k) => formKindOf(k) === kind);
  const today = deps.today();
  // A correction stays in the corrected row's contract (the store insists); a new row goes where its period belongs.
  const home = correcting === undefined ? deps.contract : (deps.contracts.byId(correcting.contractId) ?? deps.contract);
  const checked = validateMeasurementForm(raw, { goal: scope.goal, kpis, today, contract: home, contracts: correcting === undefined ? deps.contracts : contractBook([home]) });
  if (!checked.ok) {
    const earlier = correcting === undefined ? await deps.store.measurementBySubmission(submissionId) : undefined;
    if (earlier !== undefined) return replayed(deps, earlier, scope);
    const origin = formOriginOf(data);
    const card = measurementFormCard({ goal: scope.goal, kpis, submissionId, today, values: checked.values, errors: checked.errors, correcting, origin, kind });
    return cardReply(card);
  }

  const v = checked.value;
  const unchanged = correcting === undefined ? undefined : unchangedCorrectionErrors(correcting, measurementFields(v));
  if (unchanged !== undefined) {
    return cardReply(measurementFormCard({ goal: scope.goal, kpis, submissionId, today, values: checked.values, errors: unchanged, correcting, origin: formOriginOf(data), kind }));
  }
  let stored: SubmissionResult;
  try {
    stored = await deps.store.appendSubmission(
      {
        ...measurementFields(v),
        recordedBy: turn.user.aadObjectId ?? turn.user.id,
        recordedByName: turn.user.name ?? null,
        recordedByUpn: turn.user.upn ?? null,
        conversationId: turn.conversationId === '' ? null : turn.conversationId,
        submissionId,
        supersedesId: correcting?.id ?? null,
        demo: false,
      },
      { contractId: deps.contract.id, kpis: statusKpiQueries([v.kpi]), measuredOnOrBefore: today },
    );
  } catch (err) {
    if (err instanceof StoreUnavailableError) return { kind: 'text', text: formMessages.notSaved(err.reference) };
    if (!(err instanceof CorrectionConflictError)) throw err;
    return { kind: 'text', text: err.problem === 'already-corrected' ? formMessages.alreadyCorrected(err.correctedById) : formMessages.unknownMeasurement() };
  }
  // A replay of another KPI (the form was changed and sent again): that row's own confirmation.
  if (stored.replayed && stored.row.kpiId !== v.kpi.id) return replayed(deps, stored.row, scope);
  return cardReply(await confirmationFor(deps, scope.goal, v.kpi, stored.row, today, stored.statusRows));
}
