import { submitMeasurementForm } from '../measurement-form/submit-measurement-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import type { CardActionHandler } from './card-action';

/** Verb `submitCorrection` { goalId, submissionId, supersedesId } + inputs: a new row that supersedes the old one. */
export function submitCorrectionAction(deps: MeasurementFormDeps): CardActionHandler {
  return async (request) => submitMeasurementForm(deps, { data: request.data, turn: request.turn, mode: 'correction' });
}
