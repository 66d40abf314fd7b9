import type { Pool } from 'pg';
import { appliedPostgresMigrations, migratePostgres } from './migrate-postgres';
import { MIGRATIONS } from './migrations';
import type {
  ConversationKind,
  ConversationRecord,
  DeactivationReason,
  DeliveryKey,
  DeliveryRecord,
  DeliveryStatus,
  NewDelivery,
  ReminderStore,
  SeenConversation,
  Subscription,
} from '../core/ports/reminder-store';
import { silentLogger } from '../core/silent-logger';
import type { Logger } from '../core/ports/logger';
import { poolOf, type PostgresConnection } from './postgres-pool';

/** A shared pool, or a URL (own pool, default 4 connections: reminders make few, short queries). */
export type PostgresReminderStoreOptions = PostgresConnection & {
  logger?: Logger;
};

/** Timestamps leave the server as ISO text in UTC, so no JS Date parsing (and no zone) is involved. */
const ts = (column: string, as = column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${as}`;

const CONVERSATION_COLUMNS = `conversation_id, kind, reference, tenant_id, team_id, user_aad_object_id, active, subscription,
  ${ts('subscription_changed_at')}, subscription_changed_by, ${ts('first_seen_at')}, ${ts('last_seen_at')},
  ${ts('deactivated_at')}, deactivated_reason`;

const DELIVERY_COLUMNS = `rule_id, occurrence_key, target_id, ${ts('due_at')}, status, instance_id, ${ts('claimed_at')},
  ${ts('finished_at')}, late, attempts, detail`;

interface ConversationRow {
  conversation_id: string;
  kind: string;
  reference: Record<string, unknown>; // jsonb arrives parsed
  tenant_id: string | null;
  team_id: string | null;
  user_aad_object_id: string | null;
  active: boolean;
  subscription: string | null;
  subscription_changed_at: string | null;
  subscription_changed_by: string | null;
  first_seen_at: string;
  last_seen_at: string;
  deactivated_at: string | null;
  deactivated_reason: string | null;
}

interface DeliveryRow {
  rule_id: string;
  occurrence_key: string;
  target_id: string;
  due_at: string;
  status: string;
  instance_id: string;
  claimed_at: string;
  finished_at: string | null;
  late: boolean;
  attempts: number;
  detail: string | null;
}

function toConversation(r: ConversationRow): ConversationRecord {
  return {
    conversationId: r.conversation_id,
    kind: r.kind as ConversationKind, // CHECK constraint keeps it to the union
    reference: r.reference,
    tenantId: r.tenant_id,
    teamId: r.team_id,
    userAadObjectId: r.user_aad_object_id,
    active: r.active,
    subscription: r.subscription as Subscription,
    subscriptionChangedAt: r.subscription_changed_at,
    subscriptionChangedBy: r.subscription_changed_by,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    deactivatedAt: r.deactivated_at,
    deactivatedReason: r.deactivated_reason,
  };
}

function toDelivery(r: DeliveryRow): DeliveryRecord {
  return {
    ruleId: r.rule_id,
    occurrenceKey: r.occurrence_key,
    targetId: r.target_id,
    dueAt: r.due_at,
    status: r.status as DeliveryStatus, // CHECK constraint keeps it to the union
    instanceId: r.instance_id,
    claimedAt: r.claimed_at,
    finishedAt: r.finished_at,
    late: r.late,
    attempts: r.attempts,
    detail: r.detail,
  };
}

const INSERT_DELIVERY = `
  INSERT INTO reminder_deliveries
    (rule_id, occurrence_key, target_id, due_at, status, instance_id, claimed_at, finished_at, late, attempts, detail)
  VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7::timestamptz, $8::timestamptz, $9, 0, $10)
  ON CONFLICT (rule_id, occurrence_key, target_id) DO UPDATE SET
    status = excluded.status, instance_id = excluded.instance_id, claimed_at = excluded.claimed_at,
    finished_at = excluded.finished_at, late = excluded.late, detail = coalesce(excluded.detail, reminder_deliveries.detail)
   WHERE reminder_deliveries.status = 'retry'`;

/**
 * Reminder state in PostgreSQL, shared by every instance. The claim is one
 * INSERT … ON CONFLICT DO NOTHING on the delivery's primary key: of any number of instances
 * inserting the same key at once, PostgreSQL lets exactly one insert the row (the others wait on
 * the index entry, then do nothing). No transaction is held while a message is sent.
 */
export class PostgresReminderStore implements ReminderStore {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly logger: Logger;
  private readonly ownsPool: boolean;
  private ended = false;

  constructor(options: PostgresReminderStoreOptions) {
    this.logger = options.logger ?? silentLogger;
    ({ pool: this.pool, owned: this.ownsPool } = poolOf(options, 4, this.logger, 'idle PostgreSQL connection failed (reminders)'));
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool, MIGRATIONS, this.logger);
  }

  async appliedMigrations(): Promise<number[]> {
    return appliedPostgresMigrations(this.pool);
  }

  async upsertConversation(c: SeenConversation): Promise<void> {
    await this.pool.query(
      `INSERT INTO reminder_conversations
         (conversation_id, kind, reference, tenant_id, team_id, user_aad_object_id, active, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, TRUE, $7::timestamptz, $7::timestamptz)
       ON CONFLICT (conversation_id) DO UPDATE SET
         kind = excluded.kind,
         reference = excluded.reference,
         tenant_id = coalesce(excluded.tenant_id, reminder_conversations.tenant_id),
         team_id = coalesce(excluded.team_id, reminder_conversations.team_id),
         user_aad_object_id = coalesce(excluded.user_aad_object_id, reminder_conversations.user_aad_object_id),
         active = TRUE,
         deactivated_at = NULL,
         deactivated_reason = NULL,
         last_seen_at = greatest(reminder_conversations.last_seen_at, excluded.last_seen_at)`,
      [c.conversationId, c.kind, JSON.stringify(c.reference), c.tenantId, c.teamId, c.userAadObjectId?.toLowerCase() ?? null, c.seenAt],
    );
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    const res = await this.pool.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM reminder_conversations WHERE conversation_id = $1`, [conversationId]);
    const row = res.rows[0];
    return row === undefined ? undefined : toConversation(row);
  }

  async setSubscription(conversationId: string, subscription: Exclude<Subscription, null>, at: string, by: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE reminder_conversations
          SET subscription = $2, subscription_changed_at = $3::timestamptz, subscription_changed_by = $4,
              active = TRUE, deactivated_at = NULL, deactivated_reason = NULL
        WHERE conversation_id = $1`,
      [conversationId, subscription, at, by],
    );
    return res.rowCount === 1;
  }

  async deactivateConversation(conversationId: string, reason: DeactivationReason, at: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE reminder_conversations
          SET active = FALSE, subscription = NULL, deactivated_at = $3::timestamptz, deactivated_reason = $2
        WHERE conversation_id = $1 AND active`,
      [conversationId, reason, at],
    );
    return res.rowCount === 1;
  }

  async deactivateTeam(teamId: string, reason: DeactivationReason, at: string): Promise<number> {
    const res = await this.pool.query(
      `UPDATE reminder_conversations
          SET active = FALSE, subscription = NULL, deactivated_at = $3::timestamptz, deactivated_reason = $2
        WHERE team_id = $1 AND active`,
      [teamId, reason, at],
    );
    return res.rowCount ?? 0;
  }

  async listSubscribedConversations(): Promise<ConversationRecord[]> {
    const res = await this.pool.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM reminder_conversations
        WHERE active AND subscription = 'subscribed'
        ORDER BY reminder_conversations.subscription_changed_at, conversation_id`,
    );
    return res.rows.map(toConversation);
  }

  async findPersonalConversation(userAadObjectId: string): Promise<ConversationRecord | undefined> {
    const res = await this.pool.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM reminder_conversations
        WHERE user_aad_object_id = $1 AND kind = 'personal' AND active
        ORDER BY reminder_conversations.last_seen_at DESC LIMIT 1`,
      [userAadObjectId.toLowerCase()],
    );
    const row = res.rows[0];
    return row === undefined ? undefined : toConversation(row);
  }

  async claimDelivery(d: NewDelivery): Promise<boolean> {
    return this.insertDelivery(d, 'claimed', null, null);
  }

  async recordSkipped(d: NewDelivery, detail: string): Promise<boolean> {
    return this.insertDelivery(d, 'skipped', d.at, detail);
  }

  private async insertDelivery(d: NewDelivery, status: DeliveryStatus, finishedAt: string | null, detail: string | null): Promise<boolean> {
    const res = await this.pool.query(INSERT_DELIVERY, [d.ruleId, d.occurrenceKey, d.targetId, d.dueAt, status, d.instanceId, d.at, finishedAt, d.late, detail]);
    return res.rowCount === 1;
  }

  async finishDelivery(key: DeliveryKey, outcome: { status: 'sent' | 'failed' | 'retry'; at: string; attempts: number; detail: string | null }): Promise<void> {
    await this.pool.query(
      `UPDATE reminder_deliveries SET status = $4, finished_at = $5::timestamptz, attempts = $6, detail = $7
        WHERE rule_id = $1 AND occurrence_key = $2 AND target_id = $3`,
      [key.ruleId, key.occurrenceKey, key.targetId, outcome.status, outcome.at, outcome.attempts, outcome.detail],
    );
  }

  async getDelivery(key: DeliveryKey): Promise<DeliveryRecord | undefined> {
    const res = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM reminder_deliveries WHERE rule_id = $1 AND occurrence_key = $2 AND target_id = $3`,
      [key.ruleId, key.occurrenceKey, key.targetId],
    );
    const row = res.rows[0];
    return row === undefined ? undefined : toDelivery(row);
  }

  async listDeliveries(filter: { status?: DeliveryStatus; ruleId?: string; occurrenceKey?: string } = {}): Promise<DeliveryRecord[]> {
    const res = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM reminder_deliveries
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rule_id = $2) AND ($3::text IS NULL OR occurrence_key = $3)
        ORDER BY reminder_deliveries.claimed_at, rule_id, occurrence_key, target_id`,
      [filter.status ?? null, filter.ruleId ?? null, filter.occurrenceKey ?? null],
    );
    return res.rows.map(toDelivery);
  }

  async markStaleClaimsUncertain(claimedBefore: string, at: string): Promise<DeliveryRecord[]> {
    const res = await this.pool.query<DeliveryRow>(
      `UPDATE reminder_deliveries
          SET status = 'uncertain', finished_at = $2::timestamptz,
              detail = 'the instance stopped between claim and confirmation; not sent again'
        WHERE status = 'claimed' AND claimed_at < $1::timestamptz
        RETURNING ${DELIVERY_COLUMNS}`,
      [claimedBefore, at],
    );
    return res.rows.map(toDelivery);
  }

  async acquireLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    // One statement: on a conflict PostgreSQL locks the existing row, then evaluates the WHERE.
    const res = await this.pool.query(
      `INSERT INTO reminder_leases (name, holder, expires_at) VALUES ($1, $2, $4::timestamptz)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE reminder_leases.holder = excluded.holder OR reminder_leases.expires_at <= $3::timestamptz`,
      [name, holder, now, until],
    );
    return res.rowCount === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM reminder_leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async getSchedulerMark(): Promise<string | undefined> {
    const res = await this.pool.query<{ mark_at: string }>(`SELECT ${ts('mark_at')} FROM reminder_marks WHERE name = 'scheduler'`);
    return res.rows[0]?.mark_at;
  }

  async advanceSchedulerMark(at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO reminder_marks (name, mark_at) VALUES ('scheduler', $1::timestamptz)
       ON CONFLICT (name) DO UPDATE SET mark_at = greatest(reminder_marks.mark_at, excluded.mark_at)`,
      [at],
    );
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.ownsPool) await this.pool.end(); // a shared pool is ended by its owner
  }
}
