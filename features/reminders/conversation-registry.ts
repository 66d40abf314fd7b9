import type { ConversationEvents } from '../../core/ports/conversation-events';
import type { ReminderStore } from '../../core/ports/reminder-store';
import { channelConversationId } from './conversation-key';

export interface ConversationRegistryOptions {
  store: ReminderStore;
  now: () => Date;
  /**
   * A conversation seen again within this time with the same reference is not written again:
   * every message passes through here, and the reference rarely changes. After it, one write
   * refreshes last-seen and reactivates a conversation another instance deactivated. Default 10 minutes.
   */
  rewriteAfterMs?: number;
  /** Most conversations remembered for that check before the memory is cleared. Default 10 000. */
  maxRemembered?: number;
}

/**
 * The reference as a proactive send needs it: the channel's id without the thread suffix, and no
 * `activityId` — it names the message just received, so it is new on every activity, and a
 * continuation does not use it (botbuilder gives the continuation activity an id of its own).
 */
function proactiveReference(reference: Record<string, unknown>, conversationId: string): Record<string, unknown> {
  const { activityId: _activityId, ...rest } = reference;
  const conversation = typeof rest.conversation === 'object' && rest.conversation !== null ? (rest.conversation as Record<string, unknown>) : {};
  return { ...rest, conversation: { ...conversation, id: conversationId } };
}

/**
 * What decides whether the stored reference must be written again: everything a proactive send
 * uses (conversation, serviceUrl, bot, channelId). In a channel or group chat the sender and their
 * locale change with every person who writes, and a post to the channel does not depend on them,
 * so only a personal chat's user and locale count.
 */
function sendFingerprint(stored: Record<string, unknown>, kind: string): Record<string, unknown> {
  if (kind === 'personal') return stored;
  const { user: _user, locale: _locale, ...rest } = stored;
  return rest;
}

/**
 * ConversationEvents backed by the reminder store: every install, message and card action records
 * the conversation reference durably (so reminders survive restarts); removal from a chat or team,
 * or the team's deletion, deactivates it.
 */
export function createConversationRegistry(options: ConversationRegistryOptions): ConversationEvents {
  const { store, now } = options;
  const rewriteAfterMs = options.rewriteAfterMs ?? 10 * 60_000;
  const maxRemembered = options.maxRemembered ?? 10_000;
  const written = new Map<string, { fingerprint: string; at: number }>();

  return {
    async seen({ reference, turn, teamId, via }) {
      if (turn.conversationId === '') return;
      const conversationId = channelConversationId(turn.conversationId);
      const stored = proactiveReference(reference, conversationId);
      const userAadObjectId = turn.conversationType === 'personal' ? (turn.user.aadObjectId ?? null) : null;
      const fingerprint = JSON.stringify([sendFingerprint(stored, turn.conversationType), teamId ?? null, userAadObjectId, turn.tenantId ?? null]);
      const at = now();
      const last = written.get(conversationId);
      // An install or a re-add is always written: it may follow a removal another instance recorded.
      const announced = via === 'installation' || via === 'members-added';
      if (!announced && last !== undefined && last.fingerprint === fingerprint && at.getTime() - last.at < rewriteAfterMs) return;

      await store.upsertConversation({
        conversationId,
        kind: turn.conversationType,
        reference: stored,
        tenantId: turn.tenantId ?? null,
        teamId: teamId ?? null,
        userAadObjectId,
        seenAt: at.toISOString(),
      });
      if (written.size >= maxRemembered) written.clear();
      written.set(conversationId, { fingerprint, at: at.getTime() });
    },

    async removed({ conversationId, teamId, reason }) {
      const at = now().toISOString();
      const id = channelConversationId(conversationId);
      written.delete(id);
      if (teamId !== undefined) {
        // The bot left the team (or the team is gone): every channel of it is unreachable.
        await store.deactivateTeam(teamId, reason, at);
        written.clear(); // rare: forget all, so the team's channels are written again when next seen
      }
      await store.deactivateConversation(id, reason, at);
    },
  };
}
