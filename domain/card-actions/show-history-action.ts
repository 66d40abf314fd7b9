import { historyReply } from '../answers/history-reply';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import type { CardActionHandler } from './card-action';

/** Verb `showHistory` { goalId } (the status card's and the confirmation's "Historik"): everyone may read it. */
export function showHistoryAction(deps: MeasurementFormDeps): CardActionHandler {
  return async (request) => historyReply(deps.contract, deps.store, request.data.goalId, deps.today(), deps.timeZone);
}
