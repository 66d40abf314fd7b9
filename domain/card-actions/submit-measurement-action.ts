import { submitMeasurementForm } from '../measurement-form/submit-measurement-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import type { CardActionHandler } from './card-action';

/** Verb `submitMeasurement` { goalId, submissionId, kpiId? } + the form's inputs: validate, store once, confirm. */
export function submitMeasurementAction(deps: MeasurementFormDeps): CardActionHandler {
  return async (request) => submitMeasurementForm(deps, { data: request.data, turn: request.turn, mode: 'new' });
}
