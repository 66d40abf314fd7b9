import { submitMeasurementForm } from '../measurement-form/submit-measurement-form';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import { z } from 'zod';
import { cardVerbHandler } from '../../core/ports/card-action';

/** Verb `submitCorrection` { goalId, submissionId, supersedesId } + inputs: a new row that supersedes the old one. */
export function submitCorrectionAction(deps: MeasurementFormDeps) {
  return cardVerbHandler(z.record(z.string(), z.unknown()), async (data, request) => submitMeasurementForm(deps, { data, turn: request.turn, mode: 'correction' }));
}
