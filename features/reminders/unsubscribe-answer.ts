import type { Reply } from '../../core/reply';
import { channelConversationId } from './conversation-key';
import { conversationSubject } from './describe-schedule';
import { CONVERSATION_UNKNOWN, REMINDERS_OFF, type SubscriptionDeps } from './subscribe-answer';
import { subscriptionRefusal } from './subscription-refusal';

/**
 * "afmeld påmindelser": no more meeting and deadline reminders here. In a personal chat it also
 * stops the weekly nudges about missing measurements (they are sent unless someone opted out).
 * In a channel or group chat only staff and admins may do it.
 */
export async function unsubscribeAnswer({ turn, reminders, access }: SubscriptionDeps): Promise<Reply> {
  if (reminders === undefined) return REMINDERS_OFF;
  const refused = subscriptionRefusal(turn, access);
  if (refused !== undefined) return refused;
  const id = channelConversationId(turn.conversationId);
  if ((await reminders.store.getConversation(id)) === undefined) return CONVERSATION_UNKNOWN;
  await reminders.store.setSubscription(id, 'unsubscribed', reminders.now().toISOString(), turn.user.aadObjectId ?? turn.user.id);
  const subject = conversationSubject(turn);
  const nudges = turn.conversationType === 'personal' ? ' Det gælder også påmindelser om målinger, du er ansvarlig for.' : '';
  return {
    kind: 'text',
    text: `${subject} får ikke længere påmindelser fra Målbot.${nudges} Skriv "abonnér på påmindelser" for at få dem igen.`,
  };
}
