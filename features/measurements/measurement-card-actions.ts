import { z } from 'zod';
import { cardLanguageSchema } from '../../core/language';
import { CARD_VERBS } from '../../core/card-verbs';
import { cardVerbHandler } from '../../core/ports/card-action';
import { historyReply } from './history/history-reply';
import { historyPageReply } from './history/history-page-reply';
import { measurementDetailReply } from './history/measurement-detail-reply';
import type { MeasurementFormDeps } from './form/measurement-form-deps';
import { openCorrectionForm } from './form/open-correction-form';
import { openMeasurementForm } from './form/open-measurement-form';
import { submitMeasurementForm } from './form/submit-measurement-form';
import { formOriginOf } from './form/form-origin';
import { mayRecord } from './form/may-record';
import type { CardViewer } from '../../core/card-viewer';
import type { TurnInfo } from '../../core/turn-info';

/**
 * A button's answer replaces the card for the person who pressed it only (Universal Actions), so
 * it is drawn for them: their buttons, no refresh.
 */
function ownView(deps: MeasurementFormDeps, turn: TurnInfo): CardViewer {
  return { mayRecord: mayRecord(deps, turn) === 'yes', mayChangeSubscription: false, shared: false, refreshUserIds: [] };
}

// The ids stay `unknown`: the form steps check them and answer a forged or stale one with a
// message of their own (after the role check, in their order), which a stricter schema would replace.
const goalData = z.looseObject({ goalId: z.unknown() });
/** "Historik"/"History": the goal, and the card's language (an English status card's button carries 'en'; Danish when absent). */
const historyData = z.looseObject({ goalId: z.unknown(), language: cardLanguageSchema });
const correctionData = z.looseObject({ goalId: z.unknown(), measurementId: z.unknown() });
const pageData = z.looseObject({ goalId: z.unknown(), kpiId: z.unknown(), segment: z.unknown(), beforeMeasuredOn: z.unknown(), beforeId: z.unknown(), language: cardLanguageSchema });
/** A submitted form: the action's data and every input, validated field by field by the form step. */
const formData = z.record(z.string(), z.unknown());

/** The measurement feature's card verbs: forms, history and corrections. */
export function measurementCardActions(deps: MeasurementFormDeps) {
  return {
    /** { goalId } (the status card's "Opdater", the history card's "Indberet"): the form replaces the card. */
    [CARD_VERBS.openUpdateForm]: cardVerbHandler(goalData, async (data, request) =>
      openMeasurementForm(deps, data.goalId, request.turn, { kind: data.kind, origin: formOriginOf(data) }),
    ),
    /** { goalId, language? } (the status card's and the confirmation's "Historik"): everyone may read it; the buttons follow who pressed. */
    [CARD_VERBS.showHistory]: cardVerbHandler(historyData, async ({ goalId, language }, request) =>
      historyReply(deps.contract, deps.store, goalId, deps.today(), deps.timeZone, ownView(deps, request.turn), language),
    ),
    /** { goalId, submissionId, kpiId? } + the form's inputs: validate, store once, confirm. */
    [CARD_VERBS.submitMeasurement]: cardVerbHandler(formData, async (data, request) => submitMeasurementForm(deps, { data, turn: request.turn, mode: 'new' })),
    /** { goalId, measurementId } ("Ret denne måling", "Ret nr. …"): the prefilled form replaces the card. */
    [CARD_VERBS.openCorrectionForm]: cardVerbHandler(correctionData, async (data, request) =>
      openCorrectionForm(deps, data.goalId, data.measurementId, request.turn, formOriginOf(data)),
    ),
    /** { goalId, kpiId, segment, beforeMeasuredOn, beforeId, language? } ("Vis ældre"): the next page of one series. */
    [CARD_VERBS.showHistoryPage]: cardVerbHandler(pageData, async (data) => historyPageReply(deps.contract, deps.store, data, deps.timeZone, data.language)),
    /** { goalId, measurementId } ("Vis hele nr. …"): one measurement with its full texts. */
    [CARD_VERBS.showMeasurement]: cardVerbHandler(correctionData, async ({ goalId, measurementId }) => measurementDetailReply(deps.contract, deps.store, goalId, measurementId, deps.timeZone)),
    /** { goalId, submissionId, supersedesId } + inputs: a new row that supersedes the old one. */
    [CARD_VERBS.submitCorrection]: cardVerbHandler(formData, async (data, request) => submitMeasurementForm(deps, { data, turn: request.turn, mode: 'correction' })),
  };
}
