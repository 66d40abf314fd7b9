import { openCorrectionForm } from '../measurement-form/open-correction-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import { z } from 'zod';
import { cardVerbHandler } from '../../core/ports/card-action';

/** Verb `openCorrectionForm` { goalId, measurementId } ("Ret denne måling", "Ret nr. …"): the prefilled form replaces the card. */
export function openCorrectionFormAction(deps: MeasurementFormDeps) {
  return cardVerbHandler(z.looseObject({ goalId: z.unknown(), measurementId: z.unknown() }), async ({ goalId, measurementId }, request) => openCorrectionForm(deps, goalId, measurementId, request.turn));
}
