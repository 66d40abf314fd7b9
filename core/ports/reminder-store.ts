/**
 * Durable state for reminders, behind a small async interface (SQLite and PostgreSQL,
 * store/sqlite-reminder-store.ts and store/postgres-reminder-store.ts, opened by
 * store/open-database.ts; one contract suite tests both):
 *  - the conversations the bot can reach (Bot Framework conversation references as JSON),
 *  - one delivery row per (rule, occurrence, target): the at-most-once record,
 *  - the scheduler's lease and high-water mark, so several instances share one database.
 * All times are ISO instants from the caller's injected clock, never the database's.
 */

export type ConversationKind = 'personal' | 'groupChat' | 'channel' | 'unknown';

/** null: never asked. Meeting and deadline reminders need 'subscribed'; nudges stop on 'unsubscribed'. */
export type Subscription = 'subscribed' | 'unsubscribed' | null;

export interface ConversationRecord {
  /** The conversation id without a channel thread's ";messageid=…" (see conversation-key.ts). */
  conversationId: string;
  kind: ConversationKind;
  /** The Bot Framework conversation reference, opaque to the domain. */
  reference: Record<string, unknown>;
  tenantId: string | null;
  teamId: string | null;
  /** For personal chats: the Entra object id of the person (how KPI owners are found). */
  userAadObjectId: string | null;
  active: boolean;
  subscription: Subscription;
  subscriptionChangedAt: string | null;
  subscriptionChangedBy: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  deactivatedAt: string | null;
  deactivatedReason: string | null;
}

export interface SeenConversation {
  conversationId: string;
  kind: ConversationKind;
  reference: Record<string, unknown>;
  tenantId: string | null;
  teamId: string | null;
  userAadObjectId: string | null;
  seenAt: string;
}

export type DeactivationReason = 'uninstalled' | 'team-deleted' | 'forbidden' | 'not-found';

/** The identity of one delivery: what (rule), which time (occurrence), to whom (target). */
export interface DeliveryKey {
  /** "meeting-2d", "deadline-14d", "nudge-4a". */
  ruleId: string;
  /** "2026-03-30@2026-03-30T07:00:00.000Z", "ens-spoergeskema-q3-2021@2021-07-01", "2026-W14". */
  occurrenceKey: string;
  /** "conv:<conversation id>", "feed:<Entra object id>", "user:<Entra object id>" (unreachable owner). */
  targetId: string;
}

/**
 * claimed: this instance is about to send (or crashed while sending — the crash window);
 * sent / failed: the send finished (failed: permanently, or out of attempts);
 * retry: a transient failure (429, 412, 502–504, no answer); a later tick within the grace window
 *   may claim it again (Teams documents these as safe to retry);
 * skipped: too late (or unreachable), recorded so it is not tried again;
 * uncertain: a claim that never finished (the instance died); it is not sent again.
 */
export type DeliveryStatus = 'claimed' | 'sent' | 'failed' | 'retry' | 'skipped' | 'uncertain';

export interface DeliveryRecord extends DeliveryKey {
  dueAt: string;
  status: DeliveryStatus;
  instanceId: string;
  claimedAt: string;
  finishedAt: string | null;
  late: boolean;
  attempts: number;
  detail: string | null;
}

export interface NewDelivery extends DeliveryKey {
  dueAt: string;
  instanceId: string;
  at: string;
  late: boolean;
}

export interface ReminderStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations (the shared list in store/migrations.ts). */
  migrate(): Promise<void>;

  /** Inserts or refreshes a conversation; a deactivated one becomes active again (the bot is back). */
  upsertConversation(c: SeenConversation): Promise<void>;
  getConversation(conversationId: string): Promise<ConversationRecord | undefined>;
  /** Sets the subscription (and re-activates: the bot was just spoken to there). False when the conversation is unknown. */
  setSubscription(conversationId: string, subscription: Exclude<Subscription, null>, at: string, by: string): Promise<boolean>;
  /** Deactivates one conversation and clears its subscription. False when it was unknown or already inactive. */
  deactivateConversation(conversationId: string, reason: DeactivationReason, at: string): Promise<boolean>;
  /** Deactivates every conversation of a team (its channels); returns how many changed. */
  deactivateTeam(teamId: string, reason: DeactivationReason, at: string): Promise<number>;
  /** Active conversations with subscription 'subscribed', oldest subscription first. */
  listSubscribedConversations(): Promise<ConversationRecord[]>;
  /** The most recently seen active personal chat of a person, if any. */
  findPersonalConversation(userAadObjectId: string): Promise<ConversationRecord | undefined>;

  /**
   * The at-most-once claim, one atomic statement: inserts the delivery as 'claimed' unless a row
   * with its key exists — or takes over a row in 'retry'. True only for the one caller that won,
   * across processes and instances.
   */
  claimDelivery(d: NewDelivery): Promise<boolean>;
  /** Records a delivery as 'skipped' where nothing (or only a 'retry') is recorded; true when it was recorded now. */
  recordSkipped(d: NewDelivery, detail: string): Promise<boolean>;
  /** Finishes a claimed delivery; `attempts` is the total so far. */
  finishDelivery(key: DeliveryKey, outcome: { status: 'sent' | 'failed' | 'retry'; at: string; attempts: number; detail: string | null }): Promise<void>;
  getDelivery(key: DeliveryKey): Promise<DeliveryRecord | undefined>;
  /** Deliveries, oldest claim first; optionally only one status, rule or occurrence. */
  listDeliveries(filter?: { status?: DeliveryStatus; ruleId?: string; occurrenceKey?: string }): Promise<DeliveryRecord[]>;
  /** Claims older than `claimedBefore` still 'claimed' become 'uncertain'; returns them. */
  markStaleClaimsUncertain(claimedBefore: string, at: string): Promise<DeliveryRecord[]>;

  /**
   * Takes or renews the named lease for `holder` until `until`, if it is free, expired at `now`,
   * or already held by `holder`. True when `holder` holds it afterwards.
   */
  acquireLease(name: string, holder: string, now: string, until: string): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;

  /** The scheduler's high-water mark: the latest instant a completed tick covered. */
  getSchedulerMark(): Promise<string | undefined>;
  /** Moves the mark forward (never back). */
  advanceSchedulerMark(at: string): Promise<void>;

  close(): Promise<void>;
}
