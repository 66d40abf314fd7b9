import type { Measurement } from '../../../core/measurement';
import type { FieldErrors } from './form-fields';
import type { measurementFields } from './validate-measurement-form';

type StoredFields = ReturnType<typeof measurementFields>;

/**
 * A correction that repeats the corrected row field for field (and adds no comment) would add a row to the audit trail
 * that changes nothing (someone pressed "Gem rettelse" to get out of the form): it is refused
 * next to the value, so "Annuller" or an actual change is the way on.
 */
export function unchangedCorrectionErrors(corrected: Measurement, next: StoredFields): FieldErrors | undefined {
  const same =
    corrected.value === next.value &&
    corrected.done === next.done &&
    corrected.period === next.period &&
    corrected.measuredOn === next.measuredOn &&
    corrected.source === next.source &&
    (corrected.evidence ?? null) === (next.evidence ?? null) &&
    // The correction form starts with an empty comment (it is the correction's own note), so an
    // empty one changes nothing; a new comment alone is a real correction of the record.
    (next.note === null || next.note === corrected.note);
  if (!same) return undefined;
  const message = 'Rettelsen er magen til måling nr. ' + String(corrected.id) + ' – ret mindst ét felt, eller tryk Annuller.';
  return corrected.done === null ? { value: message } : { done: message };
}
