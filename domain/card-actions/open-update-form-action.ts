import { openMeasurementForm } from '../measurement-form/open-measurement-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import { z } from 'zod';
import { cardVerbHandler } from '../../core/ports/card-action';

/** Verb `openUpdateForm` { goalId } (the status card's "Opdater", the history card's "Indberet"): the form replaces the card. */
export function openUpdateFormAction(deps: MeasurementFormDeps) {
  return cardVerbHandler(z.looseObject({ goalId: z.unknown() }), async ({ goalId }, request) => openMeasurementForm(deps, goalId, request.turn));
}
