import type { TurnInfo } from '../../core/turn-info';
import { CONVERSATION_TOPIC_TTL_MS, type ConversationMemory, type ConversationTopic } from '../../core/ports/conversation-memory';

/**
 * The follow-up context as a turn sees it: recalled and remembered per conversation AND user (in a
 * channel, one person's follow-up never continues another's question), for 30 minutes. Typed
 * questions and buttons that show a goal (status card, overview row, choice card, several-goals
 * card) remember through the same object, so "hvad med baseline?" after a tap refers to that goal.
 */
export interface ConversationTopics {
  recall(turn: TurnInfo): Promise<ConversationTopic | undefined>;
  remember(turn: TurnInfo, topic: ConversationTopic): Promise<void>;
}

const userOf = (turn: TurnInfo): string => turn.user.aadObjectId ?? turn.user.id;

/** Undefined without a memory (follow-ups then ask which goal). */
export function conversationTopics(memory: ConversationMemory | undefined, now: () => Date): ConversationTopics | undefined {
  if (memory === undefined) return undefined;
  return {
    recall: (turn) => quietly(() => memory.recall(turn.conversationId, userOf(turn), now())),
    remember: async (turn, topic) => {
      const at = now();
      await quietly(() => memory.remember(turn.conversationId, userOf(turn), topic, at, new Date(at.getTime() + CONVERSATION_TOPIC_TTL_MS)));
    },
  };
}

/** The follow-up context is a convenience: a store that fails costs the follow-up, never the answer. */
async function quietly<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch {
    return undefined;
  }
}
