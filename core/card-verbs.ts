/**
 * The card verbs, routed by core/card-action-router.ts. In core so that cards
 * (which put them on buttons) and the features (which handle them) name the same ones.
 */
export const CARD_VERBS = {
  openUpdateForm: 'openUpdateForm',
  showHistory: 'showHistory',
  submitMeasurement: 'submitMeasurement',
  openCorrectionForm: 'openCorrectionForm',
  submitCorrection: 'submitCorrection',
  /** "Vis ældre": the next page of one series' history. */
  showHistoryPage: 'showHistoryPage',
  /** "Vis hele": one measurement with its full texts (lists shorten them). */
  showMeasurement: 'showMeasurement',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];
