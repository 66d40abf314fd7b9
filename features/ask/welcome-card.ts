import { adaptiveCard, textBlock, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';

/** Three questions a new user can try at once: a goal, a topic, all goals. */
export const WELCOME_EXAMPLES = ['status mål 4', 'hvordan går det med kendskab?', 'oversigt'] as const;

/**
 * The welcome in a personal chat, on install: what Målbot does, three example questions, how to
 * get reminders — short, so it fits a phone screen without scrolling.
 */
export function welcomeCard(): AdaptiveCard {
  return adaptiveCard(
    [
      textBlock('Velkommen til Målbot', { size: 'Medium', weight: 'Bolder' }),
      textBlock('Jeg kender resultatkontrakten mellem KKR Syddanmark og Erhvervshus Sydjylland og svarer på, hvordan det går med målene: målværdier, seneste målinger, status og frister.'),
      textBlock('Spørg fx', { weight: 'Bolder', spacing: 'Medium' }),
      ...WELCOME_EXAMPLES.map((e) => textBlock(`"${e}"`, { spacing: 'None' })),
      textBlock('Påmindelser', { weight: 'Bolder', spacing: 'Medium' }),
      textBlock('Skriv "abonnér på påmindelser", så minder jeg dig om direktørmødet og kontraktens frister. "hjælp" viser alt, jeg kan.', { spacing: 'None' }),
    ],
    [
      executeAction('Vis oversigt', CARD_VERBS.showOverview, {}),
      executeAction('Abonnér på påmindelser', CARD_VERBS.subscribeReminders, {}),
      executeAction('Vis hjælp', CARD_VERBS.showHelp, {}),
    ],
    'Velkommen til Målbot – skriv "hjælp" for at se, hvad jeg kan.',
  );
}

/** In a team or group chat the bot says one short line: a channel is no place for a tour. */
export const WELCOME_LINE = 'Hej, jeg er Målbot. Jeg svarer på spørgsmål om resultatkontrakten – skriv @Målbot hjælp for at se hvordan.';
