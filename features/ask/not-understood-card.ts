import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { noSuchGoalText } from './describe-goal-ids';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';

export type NotUnderstood =
  /** The question could not be read; `text` (what the user wrote) is echoed, shortened and escaped. */
  | { reason: 'unclear'; text?: string }
  /** The question named a goal the contract does not have. */
  | { reason: 'unknown-goal'; goalId: string; knownGoalIds: readonly string[] };

const MAX_ECHO = 80;

const EXAMPLES = ['status mål 4', 'hvordan går det med kendskab?', 'oversigt', 'næste møde', 'frister', 'hjælp'];

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ECHO ? `${oneLine.slice(0, MAX_ECHO - 1)}…` : oneLine;
}

/** A friendly Danish "I did not get that", with what the bot can do instead. */
export function notUnderstoodCard(input: NotUnderstood): AdaptiveCard {
  const body: CardElement[] = [];
  if (input.reason === 'unknown-goal') {
    const heading = noSuchGoalText(escapeMarkdown(shorten(input.goalId)), input.knownGoalIds);
    body.push(textBlock(heading, { weight: 'Bolder' }));
    const fallback = noSuchGoalText(shorten(input.goalId), input.knownGoalIds);
    body.push(textBlock('Skriv fx:', { spacing: 'Medium' }), ...EXAMPLES.slice(0, 3).map((e) => textBlock(`"${e}"`, { spacing: 'None' })));
    return adaptiveCard(body, [executeAction('Vis oversigt', CARD_VERBS.showOverview, {}), executeAction('Vis hjælp', CARD_VERBS.showHelp, {})], `${fallback}.`);
  } else {
    body.push(textBlock('Det forstod jeg ikke – prøv at spørge lidt anderledes.', { weight: 'Bolder' }));
    const echo = input.text === undefined ? '' : shorten(input.text);
    if (echo !== '') body.push(textBlock(`Du skrev: »${escapeMarkdown(echo)}«`, { isSubtle: true, spacing: 'None' }));
  }
  body.push(
    textBlock('Jeg kan svare på status for kontraktens mål, seneste målinger, frister og det næste møde. Skriv fx:', { spacing: 'Medium' }),
    ...EXAMPLES.map((e) => textBlock(`"${e}"`, { spacing: 'None' })),
  );
  return adaptiveCard(body, [executeAction('Vis hjælp', CARD_VERBS.showHelp, {}), executeAction('Vis oversigt', CARD_VERBS.showOverview, {})], 'Det forstod jeg ikke. Skriv "hjælp" for at se, hvad jeg kan.');
}
