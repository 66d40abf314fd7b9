import type { Reply } from '../../core/reply';
import { channelConversationId } from './conversation-key';
import { conversationSubject, describeSubscription } from './describe-schedule';
import type { AccessPolicy } from '../../core/access/access-policy';
import type { RemindersContext } from './reminders-context';
import type { TurnInfo } from '../../core/turn-info';
import { subscriptionRefusal } from './subscription-refusal';

export const REMINDERS_OFF: Reply = { kind: 'text', text: 'Påmindelser er ikke slået til i denne installation af Målbot.' };
/** The same for an English question (the reminders' own texts stay Danish: they go to whole channels). */
export const REMINDERS_OFF_EN: Reply = { kind: 'text', text: 'Reminders are not switched on in this installation of Målbot.' };
/** Who asks where, who may change subscriptions, and the reminders (undefined when they are off). */
export interface SubscriptionDeps {
  turn: TurnInfo;
  access: AccessPolicy;
  reminders?: RemindersContext;
}

export const CONVERSATION_UNKNOWN: Reply = {
  kind: 'text',
  text: 'Jeg kunne ikke finde denne samtale i mit register endnu, så jeg kan ikke gemme valget. Prøv igen om et øjeblik.',
};

/**
 * "abonnér på påmindelser": this conversation gets the meeting and deadline reminders. In a channel
 * or group chat only staff and admins may do it (it changes what everyone there receives).
 */
export async function subscribeAnswer({ turn, reminders, access }: SubscriptionDeps): Promise<Reply> {
  if (reminders === undefined) return REMINDERS_OFF;
  const refused = subscriptionRefusal(turn, access);
  if (refused !== undefined) return refused;
  const id = channelConversationId(turn.conversationId);
  const subject = conversationSubject(turn);
  const existing = await reminders.store.getConversation(id);
  if (existing === undefined) return CONVERSATION_UNKNOWN;
  const schedule = reminders.schedule;
  const what = schedule === undefined ? '' : ` Det giver påmindelser om ${describeSubscription(schedule)}.`;
  const noSchedule =
    schedule === undefined ? ' Der er endnu ikke sat en mødeplan op, så påmindelserne begynder først, når en administrator har gjort det.' : '';
  if (existing.active && existing.subscription === 'subscribed') {
    return { kind: 'text', text: `${subject} abonnerer allerede på påmindelser.${what}${noSchedule} Skriv "afmeld påmindelser" for at stoppe dem.` };
  }
  await reminders.store.setSubscription(id, 'subscribed', reminders.now().toISOString(), turn.user.aadObjectId ?? turn.user.id);
  return {
    kind: 'text',
    text: `${subject} abonnerer nu på påmindelser.${what}${noSchedule} Skriv "påmindelser" for at se de næste, og "afmeld påmindelser" for at stoppe dem.`,
  };
}
