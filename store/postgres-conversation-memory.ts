import type { Pool } from 'pg';
import { migratePostgres } from './migrate-postgres';
import { MIGRATIONS } from './migrations';
import type { ConversationMemory, ConversationTopic } from '../core/ports/conversation-memory';
import type { Logger } from '../core/ports/logger';
import { silentLogger } from '../core/silent-logger';
import { dueForPurge } from './conversation-topic-purge';
import { poolOf, type PostgresConnection } from './postgres-pool';

/** As in the SQLite store: an unchanged topic's expiry moves on only when a minute behind. */
const REFRESH_SLACK_MS = 60_000;

interface TopicRow {
  goal_id: string;
  fact: string | null;
  kpi_id: string | null;
}

/** Follow-up topics in PostgreSQL, shared by every instance: a follow-up may reach another one. */
export class PostgresConversationMemory implements ConversationMemory {
  private readonly pool: Pool;
  private readonly logger: Logger;
  private readonly ownsPool: boolean;
  private ended = false;

  constructor(options: PostgresConnection & { logger?: Logger }) {
    this.logger = options.logger ?? silentLogger;
    ({ pool: this.pool, owned: this.ownsPool } = poolOf(options, 2, this.logger, 'idle PostgreSQL connection failed (conversation topics)'));
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool, MIGRATIONS, this.logger);
  }

  async recall(conversationId: string, userId: string, now: Date): Promise<ConversationTopic | undefined> {
    const r = await this.pool.query<TopicRow>(
      'SELECT goal_id, fact, kpi_id FROM conversation_topics WHERE conversation_id = $1 AND user_id = $2 AND expires_at > $3::timestamptz',
      [conversationId, userId, now.toISOString()],
    );
    const row = r.rows[0];
    return row === undefined ? undefined : { goalId: row.goal_id, ...(row.fact !== null ? { fact: row.fact } : {}), ...(row.kpi_id !== null ? { kpiId: row.kpi_id } : {}) };
  }

  async remember(conversationId: string, userId: string, topic: ConversationTopic, now: Date, expiresAt: Date): Promise<void> {
    if (dueForPurge(this, now)) await this.pool.query('DELETE FROM conversation_topics WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
    await this.pool.query(
      `INSERT INTO conversation_topics (conversation_id, user_id, goal_id, fact, kpi_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET goal_id = EXCLUDED.goal_id, fact = EXCLUDED.fact, kpi_id = EXCLUDED.kpi_id, expires_at = EXCLUDED.expires_at
       WHERE conversation_topics.goal_id IS DISTINCT FROM EXCLUDED.goal_id OR conversation_topics.fact IS DISTINCT FROM EXCLUDED.fact
          OR conversation_topics.kpi_id IS DISTINCT FROM EXCLUDED.kpi_id OR conversation_topics.expires_at < $7::timestamptz`,
      [conversationId, userId, topic.goalId, topic.fact ?? null, topic.kpiId ?? null, expiresAt.toISOString(), new Date(expiresAt.getTime() - REFRESH_SLACK_MS).toISOString()],
    );
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.ownsPool) await this.pool.end();
  }
}
