import type Database from 'better-sqlite3';
import { openSqliteFile } from './open-sqlite-file';
import { migrateSqlite } from './migrate-sqlite';
import { MIGRATIONS } from './migrations';
import type { ReportStore } from '../core/ports/report-store';
import type { Explanation, LatestExplanation, NewExplanation } from '../core/ports/explanation-store';
import type { FileOffer } from '../core/ports/file-offer-store';
import type { Logger } from '../core/ports/logger';
import { silentLogger } from '../core/silent-logger';
import { toExplanation, toOffer, type ExplanationRow, type OfferRow } from './report-rows';

/** Contracts whose latest explanations are kept (one a year; a bound, not a tuning knob). */
const MAX_CACHED_CONTRACTS = 16;

function prepare(db: Database.Database) {
  return {
    insertExplanation: db.prepare<[string, string, string, string, string, string | null, string]>(
      `INSERT INTO goal_explanations (contract_id, goal_id, text, recorded_at, recorded_by, recorded_by_name, submission_id)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (submission_id) DO NOTHING`,
    ),
    bySubmission: db.prepare<[string], ExplanationRow>('SELECT * FROM goal_explanations WHERE submission_id = ?'),
    latest: db.prepare<[string], ExplanationRow & { versions: number }>(
      `SELECT e.*, (SELECT count(*) FROM goal_explanations v WHERE v.contract_id = e.contract_id AND v.goal_id = e.goal_id) AS versions FROM goal_explanations e
        WHERE e.contract_id = ? AND e.id = (SELECT max(id) FROM goal_explanations x WHERE x.contract_id = e.contract_id AND x.goal_id = e.goal_id)
        ORDER BY e.goal_id`,
    ),
    highWater: db.prepare<[], number | null>('SELECT max(id) FROM goal_explanations').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    history: db.prepare<[string, string], ExplanationRow>('SELECT * FROM goal_explanations WHERE contract_id = ? AND goal_id = ? ORDER BY id'),
    insertOffer: db.prepare<[string, string, string, string, string, string, string, Buffer]>(
      `INSERT INTO file_offers (offer_id, kind, params, file_name, conversation_id, user_id, created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (offer_id) DO NOTHING`,
    ),
    offer: db.prepare<[string], OfferRow>('SELECT * FROM file_offers WHERE offer_id = ?'),
    claim: db.prepare<[string, string, string]>('UPDATE file_offers SET answer = ?, answered_at = ? WHERE offer_id = ? AND answer IS NULL'),
  };
}

/** The report's tables in the bot's SQLite file, on a connection of their own (WAL; synchronous=FULL: an acknowledged explanation survives a power loss). */
export class SqliteReportStore implements ReportStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private statements: ReturnType<typeof prepare> | undefined;
  /**
   * latestExplanations per contract, read when the greatest explanation id was `mark`. The table is
   * append-only (triggers refuse UPDATE and DELETE), so that id moves on every new row, from any
   * connection, and on nothing else: one step down the primary key instead of the grouped query on
   * every status question (each goal card shows its explanation). Not even that step while no other
   * connection has committed to the file since (`PRAGMA data_version` still `version`; this
   * connection's own appends clear the entries) — a read after another connection's commit costs
   * this one its page cache, and the follow-up topics commit often.
   */
  private readonly latest = new Map<string, { version: number; mark: number | null; rows: readonly LatestExplanation[] }>();

  constructor(
    readonly file: string,
    options: { logger?: Logger; now?: () => Date; busyTimeoutMs?: number } = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.db = openSqliteFile(file, { busyTimeoutMs: options.busyTimeoutMs, synchronous: 'FULL' });
  }

  // Prepared on first use: the tables do not exist before migrate().
  private get s(): ReturnType<typeof prepare> {
    this.statements ??= prepare(this.db);
    return this.statements;
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db, MIGRATIONS, this.now, this.logger);
  }

  async appendExplanation(e: NewExplanation): Promise<Explanation> {
    const at = e.recordedAt ?? this.now().toISOString();
    this.s.insertExplanation.run(e.contractId, e.goalId, e.text, at, e.recordedBy, e.recordedByName, e.submissionId);
    this.latest.clear(); // this connection's own commit does not move data_version
    const row = this.s.bySubmission.get(e.submissionId);
    if (row === undefined) throw new Error(`explanation ${e.submissionId} was not stored`);
    return toExplanation(row);
  }

  async latestExplanations(contractId: string): Promise<LatestExplanation[]> {
    // Read before the rows: a commit after it moves it on, so the next read checks the mark again.
    const version = this.s.dataVersion.get()!;
    let hit = this.latest.get(contractId);
    if (hit !== undefined && hit.version !== version) {
      if (hit.mark === (this.s.highWater.get() ?? null)) hit.version = version;
      else hit = undefined;
    }
    if (hit === undefined) {
      // One snapshot: the mark and the rows read in one read transaction, so a row committed between them is not missed.
      hit = this.db.transaction(() => ({ version, mark: this.s.highWater.get() ?? null, rows: Object.freeze(this.s.latest.all(contractId).map((r) => Object.freeze({ ...toExplanation(r), versions: r.versions }))) }))();
      if (this.latest.size >= MAX_CACHED_CONTRACTS) this.latest.clear();
      this.latest.set(contractId, hit);
    }
    return [...hit.rows];
  }

  async explanationHistory(contractId: string, goalId: string): Promise<Explanation[]> {
    return this.s.history.all(contractId, goalId).map(toExplanation);
  }

  async recordOffer(o: Omit<FileOffer, 'answer' | 'answeredAt'>): Promise<void> {
    this.s.insertOffer.run(o.offerId, o.kind, o.params, o.fileName, o.conversationId, o.userId, o.createdAt, o.content);
  }

  async fileOffer(offerId: string): Promise<FileOffer | undefined> {
    const row = this.s.offer.get(offerId);
    return row === undefined ? undefined : toOffer(row);
  }

  async claimOfferAnswer(offerId: string, answer: 'accepted' | 'declined', at: string): Promise<boolean> {
    return this.s.claim.run(answer, at, offerId).changes === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
