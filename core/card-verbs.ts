/**
 * The card verbs, routed by core/card-action-router.ts. In core so that cards
 * (which put them on buttons) and the features (which handle them) name the same ones.
 * Every button the bot shows is an Action.Execute with one of these verbs (or a client-side
 * action such as Action.ToggleVisibility): Teams' own clients and the Agents Playground run
 * Universal Actions, while Action.Submit/imBack buttons are dead there.
 */
export const CARD_VERBS = {
  openUpdateForm: 'openUpdateForm',
  showHistory: 'showHistory',
  submitMeasurement: 'submitMeasurement',
  openCorrectionForm: 'openCorrectionForm',
  submitCorrection: 'submitCorrection',
  /** A form's "Annuller": the card the form replaced comes back ({ back, goalId, measurementId? }). */
  cancelForm: 'cancelForm',
  /** Navigation: the answer replaces the pressed card, as typing the command would answer. */
  showOverview: 'showOverview',
  showDeadlines: 'showDeadlines',
  showHelp: 'showHelp',
  showStatus: 'showStatus',
  /** The choice card's goal button when a fact was asked ("baseline for kendskab" → Mål 6): that fact of that goal ({ goalId, fact, language }). */
  showGoalFact: 'showGoalFact',
  showReminders: 'showReminders',
  /** "Om kontrakten": the contract card (features/status/contract-card.ts). */
  showContract: 'showContract',
  subscribeReminders: 'subscribeReminders',
  unsubscribeReminders: 'unsubscribeReminders',
  /**
   * Universal Actions refresh (`refresh.action`): the card rebuilt for the person looking at it,
   * so a card shared in a channel shows staff buttons to staff only ({ view, goalId? }).
   */
  refreshCard: 'refreshCard',
  /** "Vis ældre": the next page of one series' history. */
  showHistoryPage: 'showHistoryPage',
  /** "Vis hele": one measurement with its full texts (lists shorten them). */
  showMeasurement: 'showMeasurement',
  /** "Lav rapport" (reminders, meeting card): the KKR report as a file ({ year? | asOf? }), as "afrapportering" would. */
  makeReport: 'makeReport',
  /** "Skriv forklaring" (the goal status card, staff): the explanation form for the KKR report ({ goalId }). */
  openExplanationForm: 'openExplanationForm',
  /** The explanation form's "Gem forklaring" ({ goalId, contractId, submissionId } + input `explanation`). */
  submitExplanation: 'submitExplanation',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];
