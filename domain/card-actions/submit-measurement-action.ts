import { submitMeasurementForm } from '../measurement-form/submit-measurement-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import { z } from 'zod';
import { cardVerbHandler } from '../../core/ports/card-action';

/** Verb `submitMeasurement` { goalId, submissionId, kpiId? } + the form's inputs: validate, store once, confirm. */
export function submitMeasurementAction(deps: MeasurementFormDeps) {
  return cardVerbHandler(z.record(z.string(), z.unknown()), async (data, request) => submitMeasurementForm(deps, { data, turn: request.turn, mode: 'new' }));
}
