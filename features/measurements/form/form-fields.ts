import { normalizeFreeText } from './normalize-free-text';

/**
 * The inputs of the measurement form, by the ids the card gives them. Card inputs (and import
 * columns) arrive as strings; everything is validated by validateMeasurementForm.
 */
export const FORM_FIELDS = ['kpiId', 'segment', 'value', 'done', 'evidence', 'period', 'measuredOn', 'source', 'sourceOther', 'comment'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** What the user typed or chose, field by field (absent = left empty). */
export type FormValues = Partial<Record<FormField, string>>;

/** One Danish message per field that is wrong. */
export type FieldErrors = Partial<Record<FormField, string>>;

/** Longest accepted text per field, in characters. */
export const FIELD_LIMITS: Record<FormField, number> = {
  kpiId: 10,
  segment: 20,
  value: 40,
  done: 20,
  evidence: 1000,
  period: 60,
  measuredOn: 20,
  source: 60,
  sourceOther: 120,
  comment: 1000,
};

/** Values of the "Milepæl nået?" choice. */
export const DONE_CHOICES = { done: 'ja', notDone: 'nej' } as const;

/**
 * Invisible word joiner. A form shown again with the user's values keeps a typed "${" as
 * "$\u2060{", so no card ever carries a template expression; it is removed again on the way in.
 */
export const WORD_JOINER = '\u2060';

/** Puts typed text back into an input value: identical to the eye, but never "${". */
export function inputValueOf(text: string): string {
  return text.replace(/\$\{/g, `$${WORD_JOINER}{`);
}

/** What a field keeps of typed text: see normalize-free-text.ts (single line, no controls, no word joiners). */
export function cleanTypedText(text: string): string {
  return normalizeFreeText(text).text;
}
