import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { noSuchGoalText } from './describe-goal-ids';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';
import type { Language } from '../../core/language';

export type NotUnderstood =
  /** The question could not be read; `text` (what the user wrote) is echoed, shortened and escaped. */
  | { reason: 'unclear'; text?: string; language?: Language }
  /** The question named a goal the contract does not have. */
  | { reason: 'unknown-goal'; goalId: string; knownGoalIds: readonly string[]; language?: Language };

const MAX_ECHO = 80;

/** The card's own words per language; the English examples are phrasings the parser reads as English. */
const TEXTS = {
  da: {
    examples: ['status mål 4', 'hvordan går det med kendskab?', 'oversigt', 'næste møde', 'frister', 'hjælp'],
    tryTyping: 'Skriv fx:',
    unclear: 'Det forstod jeg ikke – prøv at spørge lidt anderledes.',
    youWrote: (echo: string) => `Du skrev: »${echo}«`,
    canAnswer: 'Jeg kan svare på status for kontraktens mål, seneste målinger, frister og det næste møde. Skriv fx:',
    summary: 'Det forstod jeg ikke. Skriv "hjælp" for at se, hvad jeg kan.',
    overview: 'Vis oversigt',
    help: 'Vis hjælp',
  },
  en: {
    examples: ['status goal 4', 'how is awareness going?', 'overview', 'next meeting', 'deadlines', 'help'],
    tryTyping: 'Try e.g.:',
    unclear: 'I did not understand that – try asking a little differently.',
    youWrote: (echo: string) => `You wrote: “${echo}”`,
    canAnswer: "I can answer about the status of the contract's goals, the latest measurements, deadlines and the next meeting. Try e.g.:",
    summary: 'I did not understand that. Type "help" to see what I can do.',
    overview: 'Show overview',
    help: 'Show help',
  },
} as const;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ECHO ? `${oneLine.slice(0, MAX_ECHO - 1)}…` : oneLine;
}

/** A friendly "I did not get that" (Danish unless the question was English), with what the bot can do instead. */
export function notUnderstoodCard(input: NotUnderstood): AdaptiveCard {
  const language = input.language ?? 'da';
  const t = TEXTS[language];
  // An English card's buttons ask for English answers; a Danish card's data stays as it was.
  const overview = executeAction(t.overview, CARD_VERBS.showOverview, language === 'en' ? { language } : {});
  const help = executeAction(t.help, CARD_VERBS.showHelp, language === 'en' ? { language } : {});
  const body: CardElement[] = [];
  if (input.reason === 'unknown-goal') {
    const heading = noSuchGoalText(escapeMarkdown(shorten(input.goalId)), input.knownGoalIds, language);
    body.push(textBlock(heading, { weight: 'Bolder' }));
    const fallback = noSuchGoalText(shorten(input.goalId), input.knownGoalIds, language);
    body.push(textBlock(t.tryTyping, { spacing: 'Medium' }), ...t.examples.slice(0, 3).map((e) => textBlock(`"${e}"`, { spacing: 'None' })));
    return adaptiveCard(body, [overview, help], `${fallback}.`);
  } else {
    body.push(textBlock(t.unclear, { weight: 'Bolder' }));
    const echo = input.text === undefined ? '' : shorten(input.text);
    if (echo !== '') body.push(textBlock(t.youWrote(escapeMarkdown(echo)), { isSubtle: true, spacing: 'None' }));
  }
  body.push(textBlock(t.canAnswer, { spacing: 'Medium' }), ...t.examples.map((e) => textBlock(`"${e}"`, { spacing: 'None' })));
  return adaptiveCard(body, [help, overview], t.summary);
}
