import { openMeasurementForm } from '../measurement-form/open-measurement-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import type { CardActionHandler } from './card-action';

/** Verb `openUpdateForm` { goalId } (the status card's "Opdater", the history card's "Indberet"): the form replaces the card. */
export function openUpdateFormAction(deps: MeasurementFormDeps): CardActionHandler {
  return async (request) => openMeasurementForm(deps, request.data.goalId, request.turn);
}
