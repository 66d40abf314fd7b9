import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from './migrate-sqlite';
import { MIGRATIONS } from './migrations';
import type { ConversationMemory, ConversationTopic } from '../core/ports/conversation-memory';
import type { Logger } from '../core/ports/logger';
import { silentLogger } from '../core/silent-logger';

interface TopicRow {
  goal_id: string;
  fact: string | null;
  kpi_id: string | null;
}

/** Follow-up topics in the bot's SQLite file, on a connection of their own (WAL; synchronous=NORMAL: losing one on a power cut only costs a follow-up). */
export class SqliteConversationMemory implements ConversationMemory {
  private readonly db: Database.Database;
  private readonly logger: Logger;
  private statements: ReturnType<SqliteConversationMemory['prepare']> | undefined;

  constructor(readonly file: string, options: { logger?: Logger; busyTimeoutMs?: number } = {}) {
    this.logger = options.logger ?? silentLogger;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      this.db.pragma('synchronous = NORMAL');
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  private prepare() {
    return {
      recall: this.db.prepare<[string, string, string], TopicRow>('SELECT goal_id, fact, kpi_id FROM conversation_topics WHERE conversation_id = ? AND user_id = ? AND expires_at > ?'),
      upsert: this.db.prepare<[string, string, string, string | null, string | null, string]>(
        `INSERT INTO conversation_topics (conversation_id, user_id, goal_id, fact, kpi_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET goal_id = excluded.goal_id, fact = excluded.fact, kpi_id = excluded.kpi_id, expires_at = excluded.expires_at`,
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
    const row = this.s.recall.get(conversationId, userId, now.toISOString());
    return row === undefined ? undefined : { goalId: row.goal_id, ...(row.fact !== null ? { fact: row.fact } : {}), ...(row.kpi_id !== null ? { kpiId: row.kpi_id } : {}) };
  }

  async remember(conversationId: string, userId: string, topic: ConversationTopic, now: Date, expiresAt: Date): Promise<void> {
    this.s.forget.run(now.toISOString());
    this.s.upsert.run(conversationId, userId, topic.goalId, topic.fact ?? null, topic.kpiId ?? null, expiresAt.toISOString());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
