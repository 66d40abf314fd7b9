import type { ConversationEvents } from '../../core/ports/conversation-events';
import type { ReminderStore } from '../../core/ports/reminder-store';
import { channelConversationId } from './conversation-key';

export interface ConversationRegistryOptions {
  store: ReminderStore;
  now: () => Date;
  /**
   * A conversation seen again within this time with the same reference is not written again:
   * every message passes through here, and the reference rarely changes. Default 10 minutes.
   */
  rewriteAfterMs?: number;
  /** Most conversations remembered for that check before the memory is cleared. Default 10 000. */
  maxRemembered?: number;
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
    async seen({ reference, turn, teamId }) {
      if (turn.conversationId === '') return;
      const conversationId = channelConversationId(turn.conversationId);
      const conversation = typeof reference.conversation === 'object' && reference.conversation !== null ? (reference.conversation as Record<string, unknown>) : {};
      const stored = { ...reference, conversation: { ...conversation, id: conversationId } };
      const userAadObjectId = turn.conversationType === 'personal' ? (turn.user.aadObjectId ?? null) : null;
      const fingerprint = JSON.stringify([stored, teamId ?? null, userAadObjectId, turn.tenantId ?? null]);
      const at = now();
      const last = written.get(conversationId);
      if (last !== undefined && last.fingerprint === fingerprint && at.getTime() - last.at < rewriteAfterMs) return;

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
