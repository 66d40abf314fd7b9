import type { Pool } from 'pg';
import { migratePostgres } from './migrate-postgres';
import { MIGRATIONS } from './migrations';
import type { ReportStore } from '../core/ports/report-store';
import type { Explanation, LatestExplanation, NewExplanation } from '../core/ports/explanation-store';
import type { FileOffer } from '../core/ports/file-offer-store';
import type { Logger } from '../core/ports/logger';
import { silentLogger } from '../core/silent-logger';
import { poolOf, type PostgresConnection } from './postgres-pool';
import { toExplanation, toOffer, type ExplanationRow, type OfferRow } from './report-rows';

const ISO = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const EXPLANATION_COLUMNS = `id::int AS id, contract_id, goal_id, text, ${ISO('recorded_at')} AS recorded_at, recorded_by, recorded_by_name, submission_id`;
const OFFER_COLUMNS = `offer_id, kind, params, file_name, conversation_id, user_id, ${ISO('created_at')} AS created_at, answer, ${ISO('answered_at')} AS answered_at, content`;

/** The report's tables in PostgreSQL, shared by every instance; the answer claim is one conditional UPDATE. */
export class PostgresReportStore implements ReportStore {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly logger: Logger;
  private readonly ownsPool: boolean;
  private readonly now: () => Date;
  private ended = false;

  constructor(options: PostgresConnection & { logger?: Logger; now?: () => Date }) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    ({ pool: this.pool, owned: this.ownsPool } = poolOf(options, 4, this.logger, 'idle PostgreSQL connection failed (report)'));
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool, MIGRATIONS, this.logger);
  }

  async appendExplanation(e: NewExplanation): Promise<Explanation> {
    const at = e.recordedAt ?? this.now().toISOString();
    const inserted = await this.pool.query<ExplanationRow>(
      `INSERT INTO goal_explanations (contract_id, goal_id, text, recorded_at, recorded_by, recorded_by_name, submission_id)
       VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7) ON CONFLICT (submission_id) DO NOTHING RETURNING ${EXPLANATION_COLUMNS}`,
      [e.contractId, e.goalId, e.text, at, e.recordedBy, e.recordedByName, e.submissionId],
    );
    const row = inserted.rows[0] ?? (await this.pool.query<ExplanationRow>(`SELECT ${EXPLANATION_COLUMNS} FROM goal_explanations WHERE submission_id = $1`, [e.submissionId])).rows[0];
    if (row === undefined) throw new Error(`explanation ${e.submissionId} was not stored`);
    return toExplanation(row);
  }

  async latestExplanations(contractId: string): Promise<LatestExplanation[]> {
    const r = await this.pool.query<ExplanationRow & { versions: number }>(
      `SELECT DISTINCT ON (goal_id) ${EXPLANATION_COLUMNS}, (count(*) OVER (PARTITION BY goal_id))::int AS versions
         FROM goal_explanations WHERE contract_id = $1 ORDER BY goal_id, id DESC`,
      [contractId],
    );
    return r.rows.map((row) => ({ ...toExplanation(row), versions: row.versions }));
  }

  async explanationHistory(contractId: string, goalId: string): Promise<Explanation[]> {
    const r = await this.pool.query<ExplanationRow>(`SELECT ${EXPLANATION_COLUMNS} FROM goal_explanations WHERE contract_id = $1 AND goal_id = $2 ORDER BY id`, [contractId, goalId]);
    return r.rows.map(toExplanation);
  }

  async recordOffer(o: Omit<FileOffer, 'answer' | 'answeredAt'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO file_offers (offer_id, kind, params, file_name, conversation_id, user_id, created_at, content) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8)
       ON CONFLICT (offer_id) DO NOTHING`,
      [o.offerId, o.kind, o.params, o.fileName, o.conversationId, o.userId, o.createdAt, o.content],
    );
  }

  async fileOffer(offerId: string): Promise<FileOffer | undefined> {
    const r = await this.pool.query<OfferRow>(`SELECT ${OFFER_COLUMNS} FROM file_offers WHERE offer_id = $1`, [offerId]);
    return r.rows[0] === undefined ? undefined : toOffer(r.rows[0]);
  }

  async claimOfferAnswer(offerId: string, answer: 'accepted' | 'declined', at: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE file_offers SET answer = $1, answered_at = $2::timestamptz WHERE offer_id = $3 AND answer IS NULL', [answer, at, offerId]);
    return r.rowCount === 1;
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.ownsPool) await this.pool.end();
  }
}
