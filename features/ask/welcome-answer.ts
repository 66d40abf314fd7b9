import type { ReminderStore } from '../../core/ports/reminder-store';
import { cardReply, type Reply } from '../../core/reply';
import type { TurnInfo } from '../../core/turn-info';
import { channelConversationId } from '../reminders/conversation-key';
import { welcomeCard, WELCOME_LINE } from './welcome-card';

export interface WelcomeDeps {
  /** Where welcomes are recorded, so a restart or a second instance does not welcome again. */
  store: ReminderStore;
  now: () => Date;
  instanceId: string;
}

/** The welcome is recorded as a delivery of this rule (one row per conversation and day). */
export const WELCOME_RULE = 'welcome';
const A_DAY_MS = 86_400_000;

/**
 * The welcome when the bot is installed (or added to a team or group chat): a short card in a
 * personal chat, one line elsewhere — never twice for one install (Teams announces an install with
 * both installationUpdate and conversationUpdate), and not again on a reinstall within a day.
 * Both rules are kept in the store: a unique (rule, day, conversation) claim, and a look at the
 * conversation's last welcome. Undefined: say nothing.
 */
export async function welcomeOnInstall(turn: TurnInfo, deps: WelcomeDeps): Promise<Reply | undefined> {
  if (turn.conversationId === '') return undefined;
  const now = deps.now();
  const targetId = `conv:${channelConversationId(turn.conversationId)}`;
  const earlier = await deps.store.listDeliveries({ ruleId: WELCOME_RULE });
  if (earlier.some((d) => d.targetId === targetId && now.getTime() - Date.parse(d.claimedAt) < A_DAY_MS)) return undefined;
  const key = { ruleId: WELCOME_RULE, occurrenceKey: now.toISOString().slice(0, 10), targetId };
  const at = now.toISOString();
  if (!(await deps.store.claimDelivery({ ...key, dueAt: at, instanceId: deps.instanceId, at, late: false }))) return undefined;
  // Sent as the reply of this very turn; recorded as sent now, as a lost welcome is better than a doubled one.
  await deps.store.finishDelivery(key, { status: 'sent', at, attempts: 1, detail: null });
  return turn.conversationType === 'personal' ? cardReply(welcomeCard()) : { kind: 'text', text: WELCOME_LINE };
}
