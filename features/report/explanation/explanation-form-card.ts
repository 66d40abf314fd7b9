import type { Goal } from '../../../goals/contract-schema';
import type { LatestExplanation } from '../../../core/ports/explanation-store';
import { CARD_VERBS } from '../../../core/card-verbs';
import { formatDateTime } from '../../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../../cards/adaptive-card';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { inputValueOf } from '../../measurements/form/form-fields';
import { EXPLANATION_MAX_CHARS } from './explanation-text';

export interface ExplanationFormInput {
  goal: Pick<Goal, 'id' | 'title'>;
  contractId: string;
  contractYear: number;
  /** The goal's verdict and reason now ("ikke opfyldt – …"). */
  verdict: string;
  current: LatestExplanation | undefined;
  submissionId: string;
  timeZone: string;
  /** Re-shown after a refused submission: the typed text and what was wrong. */
  typed?: string;
  error?: string;
}

export function explanationByline(e: Pick<LatestExplanation, 'recordedBy' | 'recordedByName' | 'recordedAt' | 'versions'>, timeZone: string): string {
  const earlier = e.versions - 1;
  return `Skrevet af ${e.recordedByName ?? e.recordedBy} ${formatDateTime(e.recordedAt, timeZone)}${earlier > 0 ? ` · ${earlier} tidligere ${earlier === 1 ? 'version' : 'versioner'} gemt` : ''}`;
}

/**
 * "Skriv forklaring": why a goal is not met or not measured, in the staff's words, for the KKR
 * report. Saving adds a new version (the older ones stay); "Annuller" brings the status card back.
 */
export function explanationFormCard(input: ExplanationFormInput): AdaptiveCard {
  const body: CardElement[] = [
    textBlock('Forklaring til afrapporteringen', { size: 'Small', isSubtle: true }),
    textBlock(escapeMarkdown(`Mål ${input.goal.id} – ${input.goal.title}`), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    textBlock(escapeMarkdown(`Kontraktår ${input.contractYear} · ${input.verdict}`), { spacing: 'Small' }),
    textBlock('Forklar kort, hvorfor målet ikke er nået eller ikke er målt, og hvad der gøres. Teksten står i rapporten til KKR Syddanmark.', { isSubtle: true, size: 'Small' }),
  ];
  if (input.current !== undefined) {
    body.push(
      textBlock('Gældende forklaring', { weight: 'Bolder', spacing: 'Medium' }),
      textBlock(escapeMarkdown(input.current.text), { spacing: 'Small' }),
      textBlock(escapeMarkdown(explanationByline(input.current, input.timeZone)), { isSubtle: true, size: 'Small', spacing: 'None' }),
    );
  }
  const value = input.typed ?? input.current?.text;
  body.push({
    type: 'Input.Text',
    id: 'explanation',
    label: input.current === undefined ? 'Forklaring' : 'Ny version af forklaringen',
    isMultiline: true,
    isRequired: true,
    errorMessage: 'Skriv forklaringen',
    maxLength: EXPLANATION_MAX_CHARS,
    ...(value !== undefined && value !== '' ? { value: inputValueOf(value) } : {}),
  });
  if (input.error !== undefined) body.push(textBlock(escapeMarkdown(input.error), { color: 'attention', size: 'Small', spacing: 'None' }));
  return adaptiveCard(
    body,
    [
      executeAction('Gem forklaring', CARD_VERBS.submitExplanation, { goalId: input.goal.id, contractId: input.contractId, submissionId: input.submissionId }),
      executeAction('Annuller', CARD_VERBS.cancelForm, { goalId: input.goal.id, back: 'status' }, { associatedInputs: 'none' }),
    ],
    `Forklaring for mål ${input.goal.id}`,
  );
}

/** After "Gem forklaring": what was stored, and the way back to the status card. */
export function explanationSavedCard(goal: Pick<Goal, 'id' | 'title'>, saved: LatestExplanation, timeZone: string): AdaptiveCard {
  return adaptiveCard(
    [
      textBlock('Forklaringen er gemt', { size: 'Medium', weight: 'Bolder', color: 'good' }),
      textBlock(escapeMarkdown(`Mål ${goal.id} – ${goal.title}`), { weight: 'Bolder', spacing: 'Small' }),
      textBlock(escapeMarkdown(saved.text), { spacing: 'Small' }),
      textBlock(escapeMarkdown(explanationByline(saved, timeZone)), { isSubtle: true, size: 'Small', spacing: 'None' }),
      textBlock('Den står i statusrapporten til KKR («afrapportering»).', { isSubtle: true, size: 'Small' }),
    ],
    [executeAction('Status', CARD_VERBS.showStatus, { goalId: goal.id }), executeAction('Lav rapport', CARD_VERBS.makeReport, {})],
    `Forklaring for mål ${goal.id} gemt`,
  );
}
