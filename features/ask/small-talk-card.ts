import { adaptiveCard, textBlock, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';

const TEXTS = {
  da: {
    line: 'Hej! Jeg har det fint – klar til at svare på spørgsmål om resultatkontrakten.',
    intro: 'De tre, jeg oftest bliver spurgt om:',
    commands: [['oversigt', 'alle mål og deres status'], ['status mål 4', 'ét mål med målepunkter og målinger'], ['frister', 'de næste frister']],
    buttons: ['Vis oversigt', 'Vis frister', 'Hjælp'],
  },
  en: {
    line: 'Hi! I am fine – ready to answer questions about the performance contract.',
    intro: 'The three things people ask me most:',
    commands: [['overview', 'all goals and their status'], ['status goal 4', 'one goal with its KPIs and measurements'], ['which deadlines do we have?', 'the next deadlines']],
    buttons: ['Show overview', 'Show deadlines', 'Help'],
  },
} as const;

/** "hej", "tak", "hvordan har du det?": a friendly line and the three most useful commands. */
export function smallTalkCard(language: 'da' | 'en' = 'da'): AdaptiveCard {
  const t = TEXTS[language];
  // An English card's buttons ask for English answers; a Danish card's data stays as it was.
  const data: Record<string, string> = language === 'en' ? { language } : {};
  return adaptiveCard(
    [
      textBlock(t.line, { weight: 'Bolder' }),
      textBlock(t.intro, { spacing: 'Small' }),
      { type: 'FactSet', facts: t.commands.map(([title, value]) => ({ title: `"${title}"`, value })) },
    ],
    [
      executeAction(t.buttons[0], CARD_VERBS.showOverview, data),
      executeAction(t.buttons[1], CARD_VERBS.showDeadlines, data),
      executeAction(t.buttons[2], CARD_VERBS.showHelp, data),
    ],
    t.line,
  );
}
