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
 */
export class SqliteConversationMemory implements ConversationMemory {
  private readonly db: Database.Database;
  private readonly pending = new Map<string, PendingTopic>();
  private flushScheduled = false;
  private readonly logger: Logger;
  private statements: ReturnType<SqliteConversationMemory['prepare']> | undefined;

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
      this.db.transaction(() => {
        const latest = rows.reduce((t, r) => (r.now > t ? r.now : t), rows[0]!.now);
        if (dueForPurge(this, latest)) this.s.forget.run(latest.toISOString());
        for (const r of rows) {
          // The same topic asked again within a minute keeps its row as it is: nothing to write.
          const stale = new Date(r.expiresAt.getTime() - REFRESH_SLACK_MS).toISOString();
          this.s.upsert.run(r.conversationId, r.userId, r.topic.goalId, r.topic.fact ?? null, r.topic.kpiId ?? null, r.expiresAt.toISOString(), stale);
        }
      })();
    } catch (err) {
      this.logger.warn({ err, topics: rows.length }, 'follow-up topics not stored');
    }
  }

  async close(): Promise<void> {
    this.flush();
    if (this.db.open) this.db.close();
  }
}
