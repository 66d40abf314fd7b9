import type { TurnInfo } from '../turn-info';

/**
 * What the shell reports about the conversations the bot is in, so reminders can reach them
 * later. The reference is the Bot Framework conversation reference as plain JSON: the domain
 * stores it and hands it back to the shell; it never looks inside.
 */
export interface ConversationEvents {
  /** The bot was installed in, added to, or spoken to in a conversation. */
  seen(event: { reference: Record<string, unknown>; turn: TurnInfo; teamId: string | undefined; via: 'message' | 'installation' | 'members-added' | 'card-action' }): Promise<void>;
  /** The bot was removed from a conversation (personal or group chat, or a team). */
  removed(event: { conversationId: string; teamId: string | undefined; reason: 'uninstalled' | 'team-deleted' }): Promise<void>;
}

/** Until reminders are wired up: remember nothing. */
export const ignoreConversationEvents: ConversationEvents = {
  seen: async () => undefined,
  removed: async () => undefined,
};
