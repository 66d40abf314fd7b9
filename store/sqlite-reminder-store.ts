import type Database from 'better-sqlite3';
import { openSqliteFile } from './open-sqlite-file';
import { appliedSqliteMigrations, migrateSqlite } from './migrate-sqlite';
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

export interface SqliteReminderStoreOptions {
  logger?: Logger;
  /** Only for migrations' applied_at. */
  now?: () => Date;
  busyTimeoutMs?: number;
}

interface ConversationRow {
  conversation_id: string;
  kind: string;
  reference: string;
  tenant_id: string | null;
  team_id: string | null;
  user_aad_object_id: string | null;
  active: 0 | 1;
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
  late: 0 | 1;
  attempts: number;
  detail: string | null;
}

function toConversation(r: ConversationRow): ConversationRecord {
  return {
    conversationId: r.conversation_id,
    kind: r.kind as ConversationKind, // CHECK constraint keeps it to the union
    reference: JSON.parse(r.reference) as Record<string, unknown>,
    tenantId: r.tenant_id,
    teamId: r.team_id,
    userAadObjectId: r.user_aad_object_id,
    active: r.active === 1,
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
    late: r.late === 1,
    attempts: r.attempts,
    detail: r.detail,
  };
}

function prepare(db: Database.Database) {
  return {
    upsertConversation: db.prepare(
      `INSERT INTO reminder_conversations
         (conversation_id, kind, reference, tenant_id, team_id, user_aad_object_id, active, first_seen_at, last_seen_at)
       VALUES (@conversationId, @kind, @reference, @tenantId, @teamId, @userAadObjectId, 1, @seenAt, @seenAt)
       ON CONFLICT (conversation_id) DO UPDATE SET
         kind = excluded.kind,
         reference = excluded.reference,
         tenant_id = coalesce(excluded.tenant_id, tenant_id),
         team_id = coalesce(excluded.team_id, team_id),
         user_aad_object_id = coalesce(excluded.user_aad_object_id, user_aad_object_id),
         active = 1,
         deactivated_at = NULL,
         deactivated_reason = NULL,
         last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
    ),
    getConversation: db.prepare<[string], ConversationRow>('SELECT * FROM reminder_conversations WHERE conversation_id = ?'),
    setSubscription: db.prepare(
      `UPDATE reminder_conversations
          SET subscription = @subscription, subscription_changed_at = @at, subscription_changed_by = @by,
              active = 1, deactivated_at = NULL, deactivated_reason = NULL
        WHERE conversation_id = @conversationId`,
    ),
    deactivateConversation: db.prepare(
      `UPDATE reminder_conversations
          SET active = 0, subscription = NULL, deactivated_at = @at, deactivated_reason = @reason
        WHERE conversation_id = @conversationId AND active = 1`,
    ),
    deactivateTeam: db.prepare(
      `UPDATE reminder_conversations
          SET active = 0, subscription = NULL, deactivated_at = @at, deactivated_reason = @reason
        WHERE team_id = @teamId AND active = 1`,
    ),
    listSubscribed: db.prepare<[], ConversationRow>(
      `SELECT * FROM reminder_conversations
        WHERE active = 1 AND subscription = 'subscribed'
        ORDER BY subscription_changed_at, conversation_id`,
    ),
    findPersonal: db.prepare<[string], ConversationRow>(
      `SELECT * FROM reminder_conversations
        WHERE user_aad_object_id = ? AND kind = 'personal' AND active = 1
        ORDER BY last_seen_at DESC LIMIT 1`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO reminder_deliveries
         (rule_id, occurrence_key, target_id, due_at, status, instance_id, claimed_at, finished_at, late, attempts, detail)
       VALUES (@ruleId, @occurrenceKey, @targetId, @dueAt, @status, @instanceId, @at, @finishedAt, @late, 0, @detail)
       ON CONFLICT (rule_id, occurrence_key, target_id) DO UPDATE SET
         status = excluded.status, instance_id = excluded.instance_id, claimed_at = excluded.claimed_at,
         finished_at = excluded.finished_at, late = excluded.late, detail = coalesce(excluded.detail, detail)
        WHERE reminder_deliveries.status = 'retry'`,
    ),
    finishDelivery: db.prepare(
      `UPDATE reminder_deliveries SET status = @status, finished_at = @at, attempts = @attempts, detail = @detail
        WHERE rule_id = @ruleId AND occurrence_key = @occurrenceKey AND target_id = @targetId`,
    ),
    getDelivery: db.prepare<[string, string, string], DeliveryRow>(
      'SELECT * FROM reminder_deliveries WHERE rule_id = ? AND occurrence_key = ? AND target_id = ?',
    ),
    listDeliveries: db.prepare<[{ status: string | null; ruleId: string | null; occurrenceKey: string | null }], DeliveryRow>(
      `SELECT * FROM reminder_deliveries
        WHERE (@status IS NULL OR status = @status) AND (@ruleId IS NULL OR rule_id = @ruleId)
          AND (@occurrenceKey IS NULL OR occurrence_key = @occurrenceKey)
        ORDER BY claimed_at, rule_id, occurrence_key, target_id`,
    ),
    markStale: db.prepare<[{ before: string; at: string }], DeliveryRow>(
      `UPDATE reminder_deliveries
          SET status = 'uncertain', finished_at = @at,
              detail = 'the instance stopped between claim and confirmation; not sent again'
        WHERE status = 'claimed' AND claimed_at < @before
        RETURNING *`,
    ),
    acquireLease: db.prepare(
      `INSERT INTO reminder_leases (name, holder, expires_at) VALUES (@name, @holder, @until)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE reminder_leases.holder = excluded.holder OR reminder_leases.expires_at <= @now`,
    ),
    releaseLease: db.prepare('DELETE FROM reminder_leases WHERE name = ? AND holder = ?'),
    getMark: db.prepare<[string], { mark_at: string }>('SELECT mark_at FROM reminder_marks WHERE name = ?'),
    advanceMark: db.prepare(
      `INSERT INTO reminder_marks (name, mark_at) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET mark_at = max(mark_at, excluded.mark_at)`,
    ),
  };
}

/**
 * Reminder state in the SQLite file. It opens its own connection to the same file as the
 * measurement store (WAL + busy_timeout make two connections safe), so neither store needs the
 * other's internals. Each statement is one implicit transaction; the claim is a single
 * INSERT … ON CONFLICT DO NOTHING, atomic across processes on the same file.
 */
export class SqliteReminderStore implements ReminderStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private statements: ReturnType<typeof prepare> | undefined;

  constructor(
    readonly file: string,
    options: SqliteReminderStoreOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.db = openSqliteFile(file, { busyTimeoutMs: options.busyTimeoutMs, synchronous: 'NORMAL' });
  }

  // Prepared on first use: the tables do not exist before migrate().
  private get s(): ReturnType<typeof prepare> {
    this.statements ??= prepare(this.db);
    return this.statements;
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db, MIGRATIONS, this.now, this.logger);
  }

  async appliedMigrations(): Promise<number[]> {
    return appliedSqliteMigrations(this.db);
  }

  async upsertConversation(c: SeenConversation): Promise<void> {
    this.s.upsertConversation.run({ ...c, userAadObjectId: c.userAadObjectId?.toLowerCase() ?? null, reference: JSON.stringify(c.reference) });
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    const row = this.s.getConversation.get(conversationId);
    return row === undefined ? undefined : toConversation(row);
  }

  async setSubscription(conversationId: string, subscription: Exclude<Subscription, null>, at: string, by: string): Promise<boolean> {
    return this.s.setSubscription.run({ conversationId, subscription, at, by }).changes === 1;
  }

  async deactivateConversation(conversationId: string, reason: DeactivationReason, at: string): Promise<boolean> {
    return this.s.deactivateConversation.run({ conversationId, reason, at }).changes === 1;
  }

  async deactivateTeam(teamId: string, reason: DeactivationReason, at: string): Promise<number> {
    return this.s.deactivateTeam.run({ teamId, reason, at }).changes;
  }

  async listSubscribedConversations(): Promise<ConversationRecord[]> {
    return this.s.listSubscribed.all().map(toConversation);
  }

  async findPersonalConversation(userAadObjectId: string): Promise<ConversationRecord | undefined> {
    const row = this.s.findPersonal.get(userAadObjectId.toLowerCase());
    return row === undefined ? undefined : toConversation(row);
  }

  async claimDelivery(d: NewDelivery): Promise<boolean> {
    return this.insertDelivery(d, 'claimed', null, null);
  }

  async recordSkipped(d: NewDelivery, detail: string): Promise<boolean> {
    return this.insertDelivery(d, 'skipped', d.at, detail);
  }

  private insertDelivery(d: NewDelivery, status: DeliveryStatus, finishedAt: string | null, detail: string | null): boolean {
    const { ruleId, occurrenceKey, targetId, dueAt, instanceId, at } = d;
    return this.s.insertDelivery.run({ ruleId, occurrenceKey, targetId, dueAt, instanceId, at, status, finishedAt, detail, late: d.late ? 1 : 0 }).changes === 1;
  }

  async finishDelivery(key: DeliveryKey, outcome: { status: 'sent' | 'failed' | 'retry'; at: string; attempts: number; detail: string | null }): Promise<void> {
    this.s.finishDelivery.run({ ...key, ...outcome });
  }

  async getDelivery(key: DeliveryKey): Promise<DeliveryRecord | undefined> {
    const row = this.s.getDelivery.get(key.ruleId, key.occurrenceKey, key.targetId);
    return row === undefined ? undefined : toDelivery(row);
  }

  async listDeliveries(filter: { status?: DeliveryStatus; ruleId?: string; occurrenceKey?: string } = {}): Promise<DeliveryRecord[]> {
    return this.s.listDeliveries.all({ status: filter.status ?? null, ruleId: filter.ruleId ?? null, occurrenceKey: filter.occurrenceKey ?? null }).map(toDelivery);
  }

  async markStaleClaimsUncertain(claimedBefore: string, at: string): Promise<DeliveryRecord[]> {
    return this.s.markStale.all({ before: claimedBefore, at }).map(toDelivery);
  }

  async acquireLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    return this.s.acquireLease.run({ name, holder, now, until }).changes === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.s.releaseLease.run(name, holder);
  }

  async getSchedulerMark(): Promise<string | undefined> {
    return this.s.getMark.get('scheduler')?.mark_at;
  }

  async advanceSchedulerMark(at: string): Promise<void> {
    this.s.advanceMark.run('scheduler', at);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
