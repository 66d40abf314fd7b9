/**
 * The card verbs of the measurement forms, routed by domain/card-actions/card-action-router.ts.
 * (The goal status card's buttons use openUpdateForm and showHistory too, from its template.)
 */
export const CARD_VERBS = {
  openUpdateForm: 'openUpdateForm',
  showHistory: 'showHistory',
  submitMeasurement: 'submitMeasurement',
  openCorrectionForm: 'openCorrectionForm',
  submitCorrection: 'submitCorrection',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];
