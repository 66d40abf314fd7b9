import { historyReply } from '../answers/history-reply';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import { z } from 'zod';
import { cardVerbHandler } from '../../core/ports/card-action';

/** Verb `showHistory` { goalId } (the status card's and the confirmation's "Historik"): everyone may read it. */
export function showHistoryAction(deps: MeasurementFormDeps) {
  return cardVerbHandler(z.looseObject({ goalId: z.unknown() }), async ({ goalId }) => historyReply(deps.contract, deps.store, goalId, deps.today(), deps.timeZone));
}
