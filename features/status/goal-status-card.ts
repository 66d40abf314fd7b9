import { Template } from 'adaptivecards-templating';
import { CARD_VERBS } from '../../core/card-verbs';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import type { GoalStatusView } from './goal-status-view';
import goalStatusTemplate from './goal-status.template.json';
import { FORM_KIND_BUTTONS, type FormKind } from '../../core/form-kind';
import { needsExplanation } from '../../core/status-rules';

/**
 * Parsed once: preparing the template costs several milliseconds, expanding it well under one.
 * Reuse is safe because expand() is synchronous and leaves the prepared template unchanged
 * (test/features/status/goal-status-card.test.ts expands different views in turn).
 */
let template: Template | undefined;

/** The verbs the template's buttons send, so the template names no verb of its own. */
const TEMPLATE_VERBS = { openUpdateForm: CARD_VERBS.openUpdateForm, showHistory: CARD_VERBS.showHistory, showOverview: CARD_VERBS.showOverview, openExplanationForm: CARD_VERBS.openExplanationForm } as const;

/** Staff buttons on an English card (the forms they open are Danish, as the contract's data is). */
const ENGLISH_FORM_BUTTONS: Record<FormKind, string> = { number: 'Record a number', milestone: 'Record a milestone', duty: 'Record a duty' };
const BUTTONS = {
  da: { update: 'Opdater', forms: FORM_KIND_BUTTONS, write: 'Skriv forklaring', edit: 'Ret forklaring' },
  en: { update: 'Update', forms: ENGLISH_FORM_BUTTONS, write: 'Write explanation', edit: 'Edit explanation' },
} as const;

/** The explanation to KKR shown on the card (features/report), already markdown-escaped. */
export interface CardExplanation {
  text: string;
  byline: string;
}

/**
 * The status card for one goal: layout only, from a view built by `buildGoalStatusView`.
 * Data goes in through `expand`, never into the template text, and the view's strings are
 * already escaped, so nothing a user typed can become a template expression or markdown.
 */
export function goalStatusCard(
  view: GoalStatusView,
  buttons: { updateKinds: readonly FormKind[]; mayExplain?: boolean } = { updateKinds: [] },
  explanation?: CardExplanation,
): AdaptiveCard {
  template ??= new Template(goalStatusTemplate);
  // One button per form kind the goal's KPIs need, and only for those who may record (a reader
  // would only get a refusal): "Opdater" for one kind, "Indberet tal" / "Indberet milepæl" for several.
  const words = BUTTONS[view.language];
  const updateButtons = buttons.updateKinds.map((kind) => ({ kind, title: buttons.updateKinds.length === 1 ? words.update : words.forms[kind] }));
  // "Oversigt" leads back when a status card replaced the overview; it is left out where a
  // fourth button would not fit a phone's width (staff on a goal with two form kinds).
  // "Skriv forklaring" for those who may record (staff): the explanation the KKR report gives for the goal.
  // Offered where the report asks for one (a goal not met or not measured) or one exists to revise.
  const mayExplain = buttons.mayExplain === true && (explanation !== undefined || needsExplanation(view.status.status));
  const showExplanation = explanation !== undefined || mayExplain;
  const showOverviewButton = updateButtons.length <= 1;
  const explainTitle = explanation === undefined ? words.write : words.edit;
  // "Oversigt" on an English card asks for the English overview; a Danish card's button stays as it was.
  const overviewData = view.language === 'en' ? { language: 'en' } : {};
  const overviewSubmitData = { verb: CARD_VERBS.showOverview, ...overviewData };
  // "Historik" likewise: an English card opens the English history card.
  const historyData = view.language === 'en' ? { goalId: view.goalId, language: 'en' } : { goalId: view.goalId };
  const historySubmitData = { verb: CARD_VERBS.showHistory, ...historyData };
  const data = { ...view, verbs: TEMPLATE_VERBS, updateButtons, showOverviewButton, mayExplain, showExplanation, explainTitle, hasExplanation: explanation !== undefined, explanation: explanation ?? { text: '', byline: '' }, overviewData, overviewSubmitData, historyData, historySubmitData };
  return template.expand({ $root: data }) as AdaptiveCard; // expand() is typed `any`; the template is a card
}
