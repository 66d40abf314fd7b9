import type { MeasuredBy } from '../../../goals/contract-schema';

/**
 * Where a measurement comes from: the choices on the form (and the `kilde` column of an import).
 * `label` is what is stored and shown; `choice` is the shorter text in the drop-down.
 * "andet" stores the text typed in "Anden kilde" instead.
 */
export interface MeasurementSource {
  key: MeasuredBy | 'andet';
  label: string;
  choice: string;
}

export const MEASUREMENT_SOURCES: readonly MeasurementSource[] = [
  { key: 'erhvervsstyrelsen-survey', label: 'Erhvervsstyrelsen (spørgeskemaundersøgelse)', choice: 'Erhvervsstyrelsen-undersøgelse' },
  { key: 'brugerevaluering', label: 'Erhvervsstyrelsen (brugerevaluering)', choice: 'Brugerevaluering' },
  { key: 'crm', label: 'CRM', choice: 'CRM (husets egne registreringer)' },
  { key: 'kl-erhvervsstyrelsen', label: 'KL og Erhvervsstyrelsen', choice: 'KL og Erhvervsstyrelsen' },
  { key: 'erhvervshuset', label: 'Erhvervshusets egen dokumentation', choice: 'Erhvervshusets egen dokumentation' },
  { key: 'registerdata', label: 'Registerdata (effektmåling mod kontrolgruppe)', choice: 'Registerdata (effektmåling)' },
  { key: 'andet', label: 'Andet', choice: 'Andet (skriv hvilken)' },
];

const fold = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The source a typed or chosen text names: the key ("crm"), the drop-down text or the stored label,
 * case-insensitively ("CRM", "brugerevaluering", "Erhvervsstyrelsen-undersøgelse"). Undefined otherwise.
 */
export function findMeasurementSource(text: string): MeasurementSource | undefined {
  const key = fold(text);
  if (key === '') return undefined;
  return MEASUREMENT_SOURCES.find((s) => fold(s.key) === key || fold(s.choice) === key || fold(s.label) === key);
}

/** The source a stored row names (for prefilling a correction): a known label, else "andet" with the text. */
export function sourceOfStoredText(stored: string): { key: MeasurementSource['key']; other: string } {
  const known = MEASUREMENT_SOURCES.find((s) => s.key !== 'andet' && s.label === stored);
  return known ? { key: known.key, other: '' } : { key: 'andet', other: stored };
}
