/**
 * What a conversation was just about, for follow-ups ("og mål 5?", "hvad med baseline?"): kept per
 * conversation AND user, so two people in one channel never continue each other's questions, in the
 * database so every instance behind the load balancer sees it, for a short time only.
 */
export interface ConversationTopic {
  goalId: string;
  /** The fact asked last ("baseline"), so "og mål 5?" asks the same of mål 5. */
  fact?: string;
  /** The KPI asked about last ("3b"). */
  kpiId?: string;
}

export interface ConversationMemory {
  /** The topic remembered for this conversation and user, unless it expired before `now`. */
  recall(conversationId: string, userId: string, now: Date): Promise<ConversationTopic | undefined>;
  /** Remembers `topic` until `expiresAt` (replacing the last one); forgets expired topics of everyone. */
  remember(conversationId: string, userId: string, topic: ConversationTopic, now: Date, expiresAt: Date): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** How long a follow-up may refer back (issue 11: "a short lifetime, say 30 minutes"). */
export const CONVERSATION_TOPIC_TTL_MS = 30 * 60 * 1000;
