import { openCorrectionForm } from '../measurement-form/open-correction-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import type { CardActionHandler } from './card-action';

/** Verb `openCorrectionForm` { goalId, measurementId } ("Ret denne måling", "Ret nr. …"): the prefilled form replaces the card. */
export function openCorrectionFormAction(deps: MeasurementFormDeps): CardActionHandler {
  return async (request) => openCorrectionForm(deps, request.data.goalId, request.data.measurementId, request.turn);
}
