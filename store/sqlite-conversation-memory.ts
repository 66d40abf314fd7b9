import type Database from 'better-sqlite3';
import { openSqliteFile } from './open-sqlite-file';
import { migrateSqlite } from './migrate-sqlite';
import { MIGRATIONS } from './migrations';
import type { ConversationMemory, ConversationTopic } from '../core/ports/conversation-memory';
import type { Logger } from '../core/ports/logger';
import { silentLogger } from '../core/silent-logger';
import { dueForPurge } from './conversation-topic-purge';

/** An unchanged topic's expiry is moved on only when it is this much behind (the lifetime is 29–30 minutes from the last question). */
const REFRESH_SLACK_MS = 60_000;

interface TopicRow {
  goal_id: string;
  fact: string | null;
  kpi_id: string | null;
}

const keyOf = (conversationId: string, userId: string): string => `${conversationId.length}:${conversationId}${userId}`;

/** Most written topics remembered for skipping an unchanged write; past it the memory starts again. */
const MAX_WRITTEN = 10_000;

interface WrittenTopic {
  goalId: string;
  fact: string | null;
  kpiId: string | null;
  expiresAt: number;
}

interface PendingTopic {
  conversationId: string;
  userId: string;
  topic: ConversationTopic;
  now: Date;
  expiresAt: Date;
}

/**
 * Follow-up topics in the bot's SQLite file, on a connection of their own (WAL; synchronous=NORMAL:
 * losing one on a power cut only costs a follow-up). Writes are gathered and committed together on
 * the next turn of the event loop — one transaction for all the answers of that moment instead of a
 * commit per answer (the bench: "status mål 4?" must not slow down for a follow-up that may never
 * come). This instance's recall sees a pending topic at once; another instance on the same file
 * sees it after that commit, long before a person has typed the follow-up.
 *
 * A topic asked again within a minute changes nothing in its row (the upsert's WHERE), and every
 * "status mål 4?" asks its goal again: so the store remembers what it last wrote per conversation and
 * user, and a flush whose rows would all be such no-ops opens no transaction at all. That memory is
 * only trusted while no other connection has committed to the file (`PRAGMA data_version`, which
 * moves on every commit but this connection's own) and until this store's next purge: then the rows
 * are exactly what it wrote, and the skip is the upsert's own no-op.
 */
export class SqliteConversationMemory implements ConversationMemory {
  private readonly db: Database.Database;
  private readonly pending = new Map<string, PendingTopic>();
  private flushScheduled = false;
  private readonly logger: Logger;
  private statements: ReturnType<SqliteConversationMemory['prepare']> | undefined;
  /** What this connection last wrote per topic key, valid while `data_version` is `writtenVersion`. */
  private readonly written = new Map<string, WrittenTopic>();
  private writtenVersion: number | undefined;

  constructor(readonly file: string, options: { logger?: Logger; busyTimeoutMs?: number } = {}) {
    this.logger = options.logger ?? silentLogger;
    this.db = openSqliteFile(file, { busyTimeoutMs: options.busyTimeoutMs, synchronous: 'NORMAL' });
  }

  private prepare() {
    return {
      recall: this.db.prepare<[string, string, string], TopicRow>('SELECT goal_id, fact, kpi_id FROM conversation_topics WHERE conversation_id = ? AND user_id = ? AND expires_at > ?'),
      upsert: this.db.prepare<[string, string, string, string | null, string | null, string, string]>(
        `INSERT INTO conversation_topics (conversation_id, user_id, goal_id, fact, kpi_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET goal_id = excluded.goal_id, fact = excluded.fact, kpi_id = excluded.kpi_id, expires_at = excluded.expires_at
         WHERE goal_id IS NOT excluded.goal_id OR fact IS NOT excluded.fact OR kpi_id IS NOT excluded.kpi_id OR expires_at < ?`,
      ),
      forget: this.db.prepare<[string]>('DELETE FROM conversation_topics WHERE expires_at <= ?'),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
  }

  // Prepared on first use: the table does not exist before migrate().
  private get s(): ReturnType<SqliteConversationMemory['prepare']> {
    this.statements ??= this.prepare();
    return this.statements;
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db, MIGRATIONS, () => new Date(), this.logger);
  }

  async recall(conversationId: string, userId: string, now: Date): Promise<ConversationTopic | undefined> {
    const waiting = this.pending.get(keyOf(conversationId, userId));
    if (waiting !== undefined) return waiting.expiresAt > now ? waiting.topic : undefined;
    const row = this.s.recall.get(conversationId, userId, now.toISOString());
    return row === undefined ? undefined : { goalId: row.goal_id, ...(row.fact !== null ? { fact: row.fact } : {}), ...(row.kpi_id !== null ? { kpiId: row.kpi_id } : {}) };
  }

  async remember(conversationId: string, userId: string, topic: ConversationTopic, now: Date, expiresAt: Date): Promise<void> {
    this.pending.set(keyOf(conversationId, userId), { conversationId, userId, topic, now, expiresAt });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits the pending topics in one transaction; a failure costs those follow-ups, logged. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.size === 0 || !this.db.open) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    try {
      const latest = rows.reduce((t, r) => (r.now > t ? r.now : t), rows[0]!.now);
      const purge = dueForPurge(this, latest);
      // Another connection committed (another instance, a purge of its own): the rows may differ from what this one wrote.
      const version = this.s.dataVersion.get()!;
      if (purge || version !== this.writtenVersion) this.written.clear();
      this.writtenVersion = version;
      const changed = rows.filter((r) => !this.unchanged(r));
      if (!purge && changed.length === 0) return;
      const outcomes = this.db.transaction(() => {
        if (purge) this.s.forget.run(latest.toISOString());
        return changed.map((r) => {
          // The same topic asked again within a minute keeps its row as it is: nothing to write.
          const stale = new Date(r.expiresAt.getTime() - REFRESH_SLACK_MS).toISOString();
          return this.s.upsert.run(r.conversationId, r.userId, r.topic.goalId, r.topic.fact ?? null, r.topic.kpiId ?? null, r.expiresAt.toISOString(), stale).changes;
        });
      })();
      if (this.written.size + changed.length > MAX_WRITTEN) this.written.clear();
      changed.forEach((r, i) => {
        const key = keyOf(r.conversationId, r.userId);
        // Written: the row is now exactly this. Not written: it already held this topic with an expiry this store does not know.
        if (outcomes[i] === 1) this.written.set(key, { goalId: r.topic.goalId, fact: r.topic.fact ?? null, kpiId: r.topic.kpiId ?? null, expiresAt: r.expiresAt.getTime() });
        else this.written.delete(key);
      });
    } catch (err) {
      this.written.clear();
      this.logger.warn({ err, topics: rows.length }, 'follow-up topics not stored');
    }
  }

  /** True when the upsert would leave the row as this connection last wrote it (same topic, expiry within the slack). */
  private unchanged(r: PendingTopic): boolean {
    const w = this.written.get(keyOf(r.conversationId, r.userId));
    return w !== undefined && w.goalId === r.topic.goalId && w.fact === (r.topic.fact ?? null) && w.kpiId === (r.topic.kpiId ?? null) && w.expiresAt >= r.expiresAt.getTime() - REFRESH_SLACK_MS;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.db.open) this.db.close();
  }
}
