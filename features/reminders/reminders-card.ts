import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';

export interface RemindersView {
  /** "Denne kanal abonnerer på påmindelser (siden 3. marts 2026)." */
  status: string;
  subscribed: boolean;
  /** Whether the person looking may turn reminders on or off here; otherwise the card has no such button. */
  mayChange: boolean;
  /** What is scheduled: "Direktørmødet" → "hver 14. dag kl. 09.00; påmindelse 2 dage og 1 time før". */
  schedule: Array<{ title: string; value: string }>;
  /** The next reminders: when → what. */
  next: Array<{ title: string; value: string }>;
  /** Shown instead of schedule and next when nothing is scheduled. */
  notice: string | undefined;
}

/** "påmindelser": what this conversation receives and when the next ones go out. Texts are escaped by the caller. */
export function remindersCard(view: RemindersView): AdaptiveCard {
  const body: CardElement[] = [
    textBlock('Påmindelser', { size: 'Medium', weight: 'Bolder' }),
    textBlock(view.status, { spacing: 'Small' }),
  ];
  if (view.notice !== undefined) body.push(textBlock(view.notice, { isSubtle: true }));
  if (view.schedule.length > 0) {
    body.push(textBlock('Mødeplan', { weight: 'Bolder', spacing: 'Medium' }), { type: 'FactSet', facts: view.schedule });
  }
  if (view.next.length > 0) {
    body.push(textBlock('De næste påmindelser', { weight: 'Bolder', spacing: 'Medium' }), { type: 'FactSet', facts: view.next });
  }
  const toggle = view.subscribed
    ? executeAction('Afmeld påmindelser', CARD_VERBS.unsubscribeReminders, {})
    : executeAction('Abonnér på påmindelser', CARD_VERBS.subscribeReminders, {});
  return adaptiveCard(body, view.mayChange ? [toggle] : [], view.status);
}
