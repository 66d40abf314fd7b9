import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Measurement, NewMeasurement } from '../core/measurement';
import { segmentSchema, type Segment } from '../goals/contract-schema';
import type { HistoryFirstPage, MeasurementStore, StatusKpiQuery, StatusRows, SubmissionResult, SubmissionStatusQuery } from '../core/ports/measurement-store';
import { newestVersionSql } from './newest-version-sql';
import { MEASUREMENT_PERIODS_MIGRATION, PERIOD_BACKFILL_BATCH, storedPeriod } from './measurement-periods';
import { MAX_BASELINES, NEWEST_KEY_ID_DIGITS, pickOutside, STATUS_CACHE_LIMIT, STATUS_WALK_STEPS, type OutsideGroup } from './status-selection';
import { MarkedCache, statusSelectionKey } from './marked-cache';
import { appliedSqliteMigrations, migrateSqlite } from './migrate-sqlite';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';
import { normalizeNewMeasurement, type NormalizedMeasurement } from './normalize-new-measurement';
import { CorrectionConflictError } from '../core/ports/correction-conflict-error';
import { StoreUnavailableError } from '../core/ports/store-unavailable-error';
import { newErrorReference } from '../core/error-reference';
import { silentLogger } from '../core/silent-logger';
import type { Logger } from '../core/ports/logger';

export interface SqliteStoreOptions {
  /** Clock for recordedAt and applied_at; injectable for tests. */
  now?: () => Date;
  logger?: Logger;
  /** How long a writer waits for another process's lock before SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Override only in tests of the migration runner. */
  migrations?: readonly Migration[];
  /** Rows of a series status walks before it looks by period (STATUS_WALK_STEPS); small only in tests. */
  statusWalkSteps?: number;
}

/** A row as SQLite returns it (booleans are 0/1). */
interface SqliteRow {
  id: number;
  contract_id: string;
  kpi_id: string;
  value: number | null;
  done: 0 | 1 | null;
  segment: string | null;
  period: string;
  measured_on: string;
  source: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
  demo: 0 | 1;
  submission_id: string | null;
  supersedes_id: number | null;
  conversation_id: string | null;
  recorded_by_name: string | null;
  recorded_by_upn: string | null;
  evidence: string | null;
  previous_id: number | null;
  previous_value: number | null;
  previous_done: 0 | 1 | null;
}

const COLUMNS =
  'id, contract_id, kpi_id, value, done, segment, period, measured_on, source, note, recorded_at, recorded_by, demo, ' +
  'submission_id, supersedes_id, conversation_id, recorded_by_name, recorded_by_upn, evidence, previous_id, previous_value, previous_done';

/** A row no correction points at (the unique index on supersedes_id makes this a lookup). */
const NOT_SUPERSEDED = 'NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = m.id)';

/**
 * Newest row per (KPI, segment) in one query; PARTITION BY groups NULL segments together, as wanted.
 * Exported for the query-plan test.
 */
export const LATEST_MEASUREMENTS_SQL = `
  SELECT ${COLUMNS} FROM (
    SELECT m.*, row_number() OVER (
             PARTITION BY kpi_id, segment ORDER BY measured_on DESC, id DESC) AS rn
      FROM measurements m
     WHERE contract_id = ? AND ${NOT_SUPERSEDED}
  ) WHERE rn = 1
  ORDER BY id`;

/**
 * See MeasurementStore.listSeriesPage: walks measurements_latest_idx backwards from the row value
 * (measured_on, id); `segment IS @segment` is an index constraint for NULL and a value alike.
 * Exported for the query-plan test.
 */
export const SERIES_PAGE_SQL = `
  SELECT ${COLUMNS} FROM measurements m
   WHERE contract_id = @contractId AND kpi_id = @kpiId AND segment IS @segment
     AND (measured_on, id) < (@measuredOn, @id) AND ${NOT_SUPERSEDED}
   ORDER BY measured_on DESC, id DESC LIMIT @limit`;

/**
 * See MeasurementStore.latestMeasurementsAsOf. One arm per possible segment (none, drift, vækst),
 * each walking measurements_latest_idx backwards and stopping at its first match, so the cost does
 * not grow with the KPI's history (a window over all its rows did, and showed in the submit bench).
 */
const LATEST_AS_OF_SQL = [null, ...segmentSchema.options]
  .map(
    (segment) => `
  SELECT * FROM (
    SELECT ${COLUMNS} FROM measurements m
     WHERE contract_id = @contractId AND kpi_id = @kpiId AND segment ${segment === null ? 'IS NULL' : `= '${segment}'`}
       AND measured_on <= @measuredOnOrBefore AND id <= @idAtMost
       AND (value IS NOT NULL OR done IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = m.id AND s.id <= @idAtMost)
     ORDER BY measured_on DESC, id DESC LIMIT 1)`, // segment literals come from the schema's enum, never from input
  )
  .join('\n  UNION ALL') + '\n  ORDER BY id';

/** A row no correction with id ≤ @idAtMost points at. */
const NOT_SUPERSEDED_AS_OF = 'NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = m.id AND s.id <= @idAtMost)';

/** The conditions under which a row of a series counts (R1), on `m` and its period row `p`. */
const COUNTS_IN_WINDOW = `p.period_from >= @windowFrom AND p.period_to <= @windowTo
     AND (CASE WHEN @usableDone = 1 THEN m.done IS NOT NULL ELSE m.value IS NOT NULL END)
     AND ${NOT_SUPERSEDED_AS_OF}`;
const SERIES_ARM = (segment: string | null, m = 'm'): string => `${m}.contract_id = @contractId AND ${m}.kpi_id = @kpiId AND ${m}.segment ${segment === null ? 'IS NULL' : `= '${segment}'`}
     AND ${m}.measured_on <= @measuredOnOrBefore AND ${m}.id <= @idAtMost`; // segment literals come from the schema's enum, never from input

/**
 * See MeasurementStore.statusRows, one segment arm: the row @steps places down the series from its
 * newest (an index-only skip along measurements_latest_idx), or none when the series is shorter.
 * Exported for the query-plan test.
 */
export const STATUS_WALK_BOUND_SQL = (segment: string | null, column = 'm.measured_on AS measuredOn, m.id'): string => `
  SELECT ${column} FROM measurements m INDEXED BY measurements_latest_idx
   WHERE ${SERIES_ARM(segment)}
   ORDER BY m.measured_on DESC, m.id DESC LIMIT 1 OFFSET @steps - 1`;

/**
 * The arm's walk: measurements_latest_idx backwards, stopping at the first row that counts (its
 * period from measurement_periods, a primary-key lookup) — but not below the bound above (two
 * uncorrelated subqueries, run once; '' and 0 when the series is shorter), so a series whose newest
 * rows lie outside the window (a KPI about 2023 while 2021 is measured) is not walked to its end. One
 * statement: the bound is asked on its own only when the walk found nothing. Exported for the
 * query-plan test.
 */
export const STATUS_NEWEST_SQL = (segment: string | null): string => `
  SELECT ${COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')} FROM measurements m INDEXED BY measurements_latest_idx
    JOIN measurement_periods p ON p.measurement_id = m.id
   WHERE ${SERIES_ARM(segment)}
     AND (m.measured_on, m.id) >= (coalesce((${STATUS_WALK_BOUND_SQL(segment, 'm.measured_on')}), ''), coalesce((${STATUS_WALK_BOUND_SQL(segment, 'm.id')}), 0))
     AND ${COUNTS_IN_WINDOW}
   ORDER BY m.measured_on DESC, m.id DESC LIMIT 1`;

/**
 * The same arm when the walk stopped at its bound: the rows whose period starts inside the window (a
 * range of measurement_periods_from_idx), and the newest of those that count (max() picks that row's
 * columns, no sort). Exported for the query-plan test.
 */
export const STATUS_NEWEST_BY_PERIOD_SQL = (segment: string | null): string => `
  SELECT ${COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')}, max(printf('%s %0${NEWEST_KEY_ID_DIGITS}d', m.measured_on, m.id)) AS newest_key
    FROM measurement_periods p INDEXED BY measurement_periods_from_idx
    JOIN measurements m ON m.id = p.measurement_id
   WHERE p.contract_id = @contractId AND p.kpi_id = @kpiId AND p.period_from >= @windowFrom AND p.period_from <= @windowTo
     AND ${SERIES_ARM(segment)} AND ${COUNTS_IN_WINDOW}`;

/**
 * See MeasurementStore.statusRows: the rows of a KPI whose period starts before the window, then
 * those that start inside it and end after it — two index ranges on measurement_periods, read from
 * the index and the period row, never the measurement — grouped by the baselines each matches (bit i
 * of `mask` for baseline i, parameters @b{i}From, @b{i}To, @b{i}On), with per group the count and
 * the newest row's key (store/status-selection.ts). Exported for the query-plan test.
 */
export const STATUS_OUTSIDE_SQL = (baselines: number): string => {
  const mask =
    Array.from({ length: baselines }, (_, i) => `(CASE WHEN (p.period_from >= @b${i}From AND p.period_to <= @b${i}To) OR p.measured_on = @b${i}On THEN ${1 << i} ELSE 0 END)`).join(' + ') || '0';
  const arm = (index: string, range: string): string => `
    SELECT ${mask} AS mask, printf('%s %0${NEWEST_KEY_ID_DIGITS}d', p.measured_on, p.measurement_id) AS newest_key
      FROM measurement_periods p INDEXED BY ${index}
     WHERE p.contract_id = @contractId AND p.kpi_id = @kpiId AND ${range}
       AND p.measured_on <= @measuredOnOrBefore AND p.measurement_id <= @idAtMost
       AND NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = p.measurement_id AND s.id <= @idAtMost)`;
  return `
  SELECT mask, count(*) AS rows, max(newest_key) AS newestKey FROM (${arm('measurement_periods_from_idx', 'p.period_from < @windowFrom')}
    UNION ALL${arm('measurement_periods_to_idx', 'p.period_to > @windowTo AND p.period_from >= @windowFrom')})
   GROUP BY mask`;
};

/** See MeasurementStore.historyFirstPage: the newest rows of one series (optionally only those with a value). */
const HISTORY_NEWEST_SQL = (withValue: boolean): string => `
  SELECT ${COLUMNS} FROM measurements m
   WHERE contract_id = @contractId AND kpi_id = @kpiId AND segment IS @segment AND ${withValue ? 'value IS NOT NULL AND ' : ''}${NOT_SUPERSEDED}
   ORDER BY measured_on DESC, id DESC LIMIT @limit`;

/**
 * Rows of one series, counted on measurements_latest_idx alone (no row read). Exported for the
 * query-plan test. A correction stays in its row's series and supersedes one row, so the rows that
 * count are these less the corrections below.
 */
export const SERIES_COUNT_SQL = `
  SELECT count(*) AS rows FROM measurements INDEXED BY measurements_latest_idx
   WHERE contract_id = @contractId AND kpi_id = @kpiId AND segment IS @segment`;
/** Corrections in one series, found from the unique index on supersedes_id (corrections are few). Exported for the query-plan test. */
export const SERIES_CORRECTIONS_SQL = `
  SELECT count(*) AS rows FROM measurements INDEXED BY measurements_supersedes_uq
   WHERE supersedes_id IS NOT NULL AND contract_id = @contractId AND kpi_id = @kpiId AND segment IS @segment`;

function toMeasurement(r: SqliteRow): Measurement {
  return {
    id: r.id,
    contractId: r.contract_id,
    kpiId: r.kpi_id,
    value: r.value,
    done: r.done === null ? null : r.done === 1,
    // Only values that passed normalizeNewMeasurement are ever written.
    segment: r.segment as Segment | null,
    period: r.period,
    measuredOn: r.measured_on,
    source: r.source,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    demo: r.demo === 1,
    submissionId: r.submission_id,
    supersedesId: r.supersedes_id,
    conversationId: r.conversation_id,
    recordedByName: r.recorded_by_name,
    recordedByUpn: r.recorded_by_upn,
    evidence: r.evidence,
    previousId: r.previous_id,
    previousValue: r.previous_value,
    previousDone: r.previous_done === null ? null : r.previous_done === 1,
  };
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[Record<string, string | number | null>], SqliteRow>(
      `INSERT INTO measurements
         (contract_id, kpi_id, value, done, segment, period, measured_on, source, note, recorded_at, recorded_by, demo,
          submission_id, supersedes_id, conversation_id, recorded_by_name, recorded_by_upn, evidence,
          previous_id, previous_value, previous_done)
       VALUES
         (@contractId, @kpiId, @value, @done, @segment, @period, @measuredOn, @source, @note, @recordedAt, @recordedBy, @demo,
          @submissionId, @supersedesId, @conversationId, @recordedByName, @recordedByUpn, @evidence,
          @previousId, @previousValue, @previousDone)
       RETURNING ${COLUMNS}`,
    ),
    byId: db.prepare<[string, number], SqliteRow>(`SELECT ${COLUMNS} FROM measurements WHERE contract_id = ? AND id = ?`),
    // A row's newest version (MeasurementStore.newestVersionOf): down the chain of corrections on measurements_supersedes_uq.
    newestVersion: db.prepare<[string, number], SqliteRow>(newestVersionSql(COLUMNS, ['?', '?'])),
    bySubmission: db.prepare<[string], SqliteRow>(`SELECT ${COLUMNS} FROM measurements WHERE submission_id = ?`),
    correctedBy: db.prepare<[number], { id: number }>('SELECT id FROM measurements WHERE supersedes_id = ?'),
    // The row that counts for one series now (R2 order); `segment IS ?` matches NULL too.
    seriesLatest: db.prepare<[string, string, string | null], SqliteRow>(
      `SELECT ${COLUMNS} FROM measurements m
        WHERE contract_id = ? AND kpi_id = ? AND segment IS ? AND ${NOT_SUPERSEDED}
        ORDER BY measured_on DESC, id DESC LIMIT 1`,
    ),
    listAll: db.prepare<[string], SqliteRow>(`SELECT ${COLUMNS} FROM measurements WHERE contract_id = ? ORDER BY id`),
    // One statement for any number of KPIs: the ids arrive as a JSON array.
    listSome: db.prepare<[string, string], SqliteRow>(
      `SELECT ${COLUMNS} FROM measurements
        WHERE contract_id = ? AND kpi_id IN (SELECT value FROM json_each(?))
        ORDER BY id`,
    ),
    latest: db.prepare<[string], SqliteRow>(LATEST_MEASUREMENTS_SQL),
    seriesPage: db.prepare<[{ contractId: string; kpiId: string; segment: string | null; measuredOn: string; id: number; limit: number }], SqliteRow>(SERIES_PAGE_SQL),
    latestAsOf: db.prepare<[{ contractId: string; kpiId: string; idAtMost: number; measuredOnOrBefore: string }], SqliteRow>(LATEST_AS_OF_SQL),
    insertPeriod: db.prepare<[{ id: number; contractId: string; kpiId: string; measuredOn: string; from: string; to: string }]>(
      'INSERT INTO measurement_periods (measurement_id, contract_id, kpi_id, measured_on, period_from, period_to) VALUES (@id, @contractId, @kpiId, @measuredOn, @from, @to)',
    ),
    withoutPeriod: db.prepare<[number], { id: number; contract_id: string; kpi_id: string; period: string; measured_on: string }>(
      `SELECT id, contract_id, kpi_id, period, measured_on FROM measurements m
        WHERE NOT EXISTS (SELECT 1 FROM measurement_periods p WHERE p.measurement_id = m.id) ORDER BY id LIMIT ?`,
    ),
    statusNewest: [null, ...segmentSchema.options].map((segment) => ({
      bound: db.prepare<[StatusParams], { measuredOn: string; id: number }>(STATUS_WALK_BOUND_SQL(segment)),
      walk: db.prepare<[StatusParams], SqliteRow>(STATUS_NEWEST_SQL(segment)),
      byPeriod: db.prepare<[StatusParams], SqliteRow & { newest_key: string | null }>(STATUS_NEWEST_BY_PERIOD_SQL(segment)),
    })),
    // One statement per number of baselines (a KPI has a few at most), prepared on first use.
    statusOutside: new Map<number, Database.Statement<[Record<string, string | number>], { mask: number; rows: number; newestKey: string }>>(),
    historyNewest: db.prepare<[{ contractId: string; kpiId: string; segment: string | null; limit: number }], SqliteRow>(HISTORY_NEWEST_SQL(false)),
    historyNewestWithValue: db.prepare<[{ contractId: string; kpiId: string; segment: string | null; limit: number }], SqliteRow>(HISTORY_NEWEST_SQL(true)),
    seriesCount: db.prepare<[{ contractId: string; kpiId: string; segment: string | null }], { rows: number }>(SERIES_COUNT_SQL),
    seriesCorrections: db.prepare<[{ contractId: string; kpiId: string; segment: string | null }], { rows: number }>(SERIES_CORRECTIONS_SQL),
    // Rows are append-only (triggers refuse UPDATE and DELETE) and ids come from AUTOINCREMENT under
    // SQLite's single writer, so the greatest id moves on every change to the rows and on nothing
    // else — not on the reminder tables' writes in the same file. One step down the primary key.
    highWater: db.prepare<[], { highWater: number | null }>('SELECT max(id) AS highWater FROM measurements'),
  };
}

interface StatusParams {
  contractId: string;
  kpiId: string;
  measuredOnOrBefore: string;
  idAtMost: number;
  windowFrom: string;
  windowTo: string;
  usableDone: 0 | 1;
  /** Rows of a series the newest-that-counts walk reads (statusWalkSteps). */
  steps: number;
}

/**
 * The next turn of the event loop, taken when this module loads: a test's fake timers (sinon) replace
 * the global later and must not hold up a write.
 */
const nextTurn: (f: () => void) => void = ((immediate) => (f: () => void) => void immediate(f))(setImmediate);

/** Less free space than this on the file's file system and readiness says no (a row is < 4 KB; WAL and checkpoints need room). */
export const MIN_FREE_BYTES = 1024 * 1024;

const PROBE_ROLLBACK = new Error('readiness probe: roll back');

/**
 * The embedded default: one SQLite file, WAL so readers never wait for the writer.
 * better-sqlite3 is synchronous; the async methods only wrap it to fit MeasurementStore
 * (each call finishes before the next starts, so there is no interleaving within a process).
 */
export class SqliteMeasurementStore implements MeasurementStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly logger: Logger;
  private readonly migrations: readonly Migration[];
  private readonly statusWalkSteps: number;
  private readonly pingStatement: Database.Statement;
  private readonly writeTransaction: Database.Transaction<(rows: readonly NormalizedMeasurement[]) => Measurement[]>;
  private readonly submitTransaction: Database.Transaction<(n: NormalizedMeasurement, status: SubmissionStatusQuery) => SubmissionResult>;
  private readonly submitBatch: Database.Transaction<
    (batch: ReadonlyArray<{ n: NormalizedMeasurement; status: SubmissionStatusQuery }>) => Array<{ ok: true; result: SubmissionResult } | { ok: false; err: unknown }>
  >;
  private readonly latestCache = new Map<string, { highWater: number; rows: readonly Measurement[] }>();
  private readonly statusCache = new MarkedCache<number, StatusRows>(STATUS_CACHE_LIMIT);
  private readonly historyCache = new MarkedCache<number, HistoryFirstPage>(STATUS_CACHE_LIMIT);
  // Prepared on first use: the table does not exist before migrate().
  private statements: ReturnType<typeof prepareStatements> | undefined;
  /** Device and inode of the file this process opened: a deleted or replaced file is not where writes go. */
  private readonly identity: { dev: number; ino: number } | undefined;

  /** `file` is a path (its directory is created) or ':memory:'. */
  constructor(
    readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.migrations = options.migrations ?? MIGRATIONS;
    this.statusWalkSteps = Math.max(1, Math.trunc(options.statusWalkSteps ?? STATUS_WALK_STEPS));
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL'); // stays 'memory' for :memory:, which is fine
      this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      this.db.pragma('foreign_keys = ON');
      // FULL: a measurement the bot has confirmed to a person must survive a power loss too, not only
      // a process crash; one disk sync per submission is cheap next to a Teams round trip.
      this.db.pragma('synchronous = FULL');
      this.pingStatement = this.db.prepare('SELECT 1');
      if (file !== ':memory:') {
        const { dev, ino } = fs.statSync(file);
        this.identity = { dev, ino };
      }
    } catch (err) {
      this.db.close();
      throw err;
    }
    // Made once: wrapping a function in a transaction per write showed in the submit bench.
    this.writeTransaction = this.db.transaction((rows: readonly NormalizedMeasurement[]) => rows.map((n) => this.writeOne(n).row));
    this.submitTransaction = this.db.transaction((n: NormalizedMeasurement, status: SubmissionStatusQuery): SubmissionResult => {
      const { row, replayed } = this.writeOne(n);
      // Read directly, not through statusCache: an as-of key (idAtMost = this row) is asked once, and would evict the status questions' entries.
      return { row, replayed, statusRows: this.readStatusRows(status.contractId, status.kpis, status.measuredOnOrBefore, row.id) };
    });
    this.submitBatch = this.db.transaction((batch: ReadonlyArray<{ n: NormalizedMeasurement; status: SubmissionStatusQuery }>) =>
      batch.map(({ n, status }) => {
        try {
          return { ok: true as const, result: this.submitTransaction(n, status) }; // nested: a savepoint, rolled back alone on an error
        } catch (err) {
          // An error that ended the whole transaction (SQLite rolls back on some I/O errors): all fail, nothing is half written.
          if (!this.db.inTransaction) throw err;
          return { ok: false as const, err };
        }
      }),
    );
  }

  private get stmts(): ReturnType<typeof prepareStatements> {
    this.statements ??= prepareStatements(this.db);
    return this.statements;
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db, this.migrations, this.now, this.logger);
    if (this.migrations.some((m) => m.version === MEASUREMENT_PERIODS_MIGRATION.version)) this.fillMissingPeriods();
  }

  /** Rows stored before migration 40 (or by an older build) get their period row; a no-op once all have one. */
  private fillMissingPeriods(): void {
    let filled = 0;
    const fill = this.db.transaction((rows: ReadonlyArray<{ id: number; contract_id: string; kpi_id: string; period: string; measured_on: string }>) => {
      for (const r of rows) this.stmts.insertPeriod.run({ id: r.id, contractId: r.contract_id, kpiId: r.kpi_id, measuredOn: r.measured_on, ...storedPeriod({ period: r.period, measuredOn: r.measured_on }) });
    });
    for (;;) {
      const rows = this.stmts.withoutPeriod.all(PERIOD_BACKFILL_BATCH);
      if (rows.length === 0) break;
      fill.immediate(rows);
      filled += rows.length;
    }
    if (filled > 0) this.logger.info({ db: 'sqlite', rows: filled }, 'stored the period of existing measurements');
  }

  async appendMeasurement(m: NewMeasurement): Promise<Measurement> {
    const n = normalizeNewMeasurement(m, this.now());
    this.refuseIfNotTheOpenFile();
    // IMMEDIATE: the write lock is taken before the reads, so another process cannot slip a row
    // (or the same submission) in between the checks and the insert.
    return this.writeTransaction.immediate([n])[0]!;
  }

  /**
   * Submissions that arrive in the same turn of the event loop (several staff at once) are written
   * in ONE IMMEDIATE transaction on the next turn, each in a savepoint of its own: one disk sync
   * (synchronous = FULL) for all of them instead of one each — the sync blocks the event loop, and
   * was a fifth of a submission's time in the submit bench. Each one's outcome is its own (a refused
   * correction rolls back its savepoint only); each is confirmed only after the commit; a failed
   * commit fails them all, as it would have failed each. In call order, so a later submission of
   * the batch sees the earlier ones exactly as it would have one by one.
   */
  async appendSubmission(m: NewMeasurement, status: SubmissionStatusQuery): Promise<SubmissionResult> {
    const n = normalizeNewMeasurement(m, this.now());
    this.refuseIfNotTheOpenFile();
    return new Promise<SubmissionResult>((resolve, reject) => {
      this.submissions.push({ n, status, resolve, reject });
      if (this.submissions.length === 1) nextTurn(() => this.writeSubmissions());
    });
  }

  private readonly submissions: Array<{ n: NormalizedMeasurement; status: SubmissionStatusQuery; resolve: (r: SubmissionResult) => void; reject: (err: unknown) => void }> = [];

  private writeSubmissions(): void {
    const batch = this.submissions.splice(0);
    let outcomes: Array<{ ok: true; result: SubmissionResult } | { ok: false; err: unknown }>;
    try {
      if (!this.db.open) throw new TypeError('The database connection is not open');
      // IMMEDIATE: see appendMeasurement. Inside it each submission is a savepoint (a nested transaction).
      outcomes = this.submitBatch.immediate(batch);
    } catch (err) {
      for (const s of batch) s.reject(err);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.result) : batch[i]!.reject(o.err)));
  }

  async appendMeasurements(ms: readonly NewMeasurement[]): Promise<Measurement[]> {
    const now = this.now();
    const rows = ms.map((m) => normalizeNewMeasurement(m, now)); // all checked before anything is written
    this.refuseIfNotTheOpenFile();
    return this.writeTransaction.immediate(rows);
  }

  /**
   * A file deleted or replaced under the running process (an operator's `rm`, a restore copied
   * over it) still takes writes — into the old inode, which the next start never sees: the bot
   * confirmed saves that were gone after a restart. So every write first checks that the path still
   * names the file we opened (same device and inode) and refuses otherwise; the operator gets an
   * error line and must restart the bot (it then opens what is there now). Reopening by itself was
   * rejected: it would silently write into whatever file now sits at the path.
   */
  private refuseIfNotTheOpenFile(): void {
    const problem = this.fileProblem();
    if (problem === undefined) return;
    const reference = newErrorReference();
    this.logger.error(
      { event: 'store-file-changed', problem, file: this.file, reference },
      'the SQLite file was deleted or replaced while the bot runs: writes are refused until the bot is restarted',
    );
    throw new StoreUnavailableError(problem, reference);
  }

  private fileProblem(): 'file-gone' | 'file-replaced' | undefined {
    if (this.identity === undefined) return undefined;
    let now: fs.Stats;
    try {
      now = fs.statSync(this.file);
    } catch {
      return 'file-gone';
    }
    return now.dev === this.identity.dev && now.ino === this.identity.ino ? undefined : 'file-replaced';
  }

  /**
   * Readiness: would a write be durable now? The same file (device and inode), the file and its
   * directory writable (a read-only mount says EROFS even to root), at least MIN_FREE_BYTES free on
   * its file system, and a write transaction that takes the lock and inserts (then rolls back) —
   * no table of its own, nothing left behind.
   */
  async probeWrite(): Promise<void> {
    const problem = this.fileProblem();
    if (problem !== undefined) throw new Error(`SQLite file ${problem === 'file-gone' ? 'deleted' : 'replaced'} since the bot opened it`);
    if (this.identity !== undefined) {
      fs.accessSync(this.file, fs.constants.W_OK);
      fs.accessSync(path.dirname(this.file), fs.constants.W_OK);
      const space = fs.statfsSync(path.dirname(this.file));
      const free = space.bavail * space.bsize;
      if (free < MIN_FREE_BYTES) throw new Error(`only ${free} bytes free on the SQLite file's file system`);
    }
    try {
      this.probeTransaction.immediate();
    } catch (err) {
      if (err !== PROBE_ROLLBACK) throw err;
    }
  }

  private get probeTransaction(): Database.Transaction<() => void> {
    this.probe ??= this.db.transaction(() => {
      this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (-1, 'readiness probe', '')").run();
      throw PROBE_ROLLBACK; // better-sqlite3 rolls the transaction back and rethrows
    });
    return this.probe;
  }

  private probe: Database.Transaction<() => void> | undefined;



  /** Inside a transaction: replay check, correction checks, previous value, insert. */
  private writeOne(n: NormalizedMeasurement): { row: Measurement; replayed: boolean } {
    const st = this.stmts;
    if (n.submissionId !== null) {
      const existing = st.bySubmission.get(n.submissionId);
      if (existing !== undefined) return { row: toMeasurement(existing), replayed: true };
    }
    let previous: SqliteRow | undefined;
    if (n.supersedesId !== null) {
      previous = st.byId.get(n.contractId, n.supersedesId);
      if (previous === undefined) throw new CorrectionConflictError('unknown-row', n.supersedesId);
      if (previous.kpi_id !== n.kpiId || previous.segment !== n.segment) throw new CorrectionConflictError('other-series', n.supersedesId);
      const later = st.correctedBy.get(n.supersedesId);
      if (later !== undefined) throw new CorrectionConflictError('already-corrected', n.supersedesId, later.id);
    } else {
      previous = st.seriesLatest.get(n.contractId, n.kpiId, n.segment);
    }
    const row = st.insert.get({
      ...n,
      done: n.done === null ? null : n.done ? 1 : 0,
      demo: n.demo ? 1 : 0,
      previousId: previous?.id ?? null,
      previousValue: previous?.value ?? null,
      previousDone: previous?.done ?? null,
    });
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    st.insertPeriod.run({ id: row.id, contractId: n.contractId, kpiId: n.kpiId, measuredOn: n.measuredOn, ...storedPeriod(n) });
    return { row: toMeasurement(row), replayed: false };
  }

  async measurementById(contractId: string, id: number): Promise<Measurement | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = this.stmts.byId.get(contractId, id);
    return row === undefined ? undefined : toMeasurement(row);
  }

  async newestVersionOf(contractId: string, id: number): Promise<Measurement | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = this.stmts.newestVersion.get(contractId, id);
    return row === undefined ? undefined : toMeasurement(row);
  }

  async measurementBySubmission(submissionId: string): Promise<Measurement | undefined> {
    const row = this.stmts.bySubmission.get(submissionId);
    return row === undefined ? undefined : toMeasurement(row);
  }

  async listMeasurements(contractId: string, kpiIds?: readonly string[]): Promise<Measurement[]> {
    if (kpiIds !== undefined && kpiIds.length === 0) return [];
    const rows =
      kpiIds === undefined
        ? this.stmts.listAll.all(contractId)
        : this.stmts.listSome.all(contractId, JSON.stringify(kpiIds));
    return rows.map(toMeasurement);
  }

  async latestMeasurements(contractId: string): Promise<Measurement[]> {
    // Every question reads these rows, and they change only when a row is added — by this
    // connection or another (the import script, a second process). The high-water mark sees both
    // and is far cheaper than the window query (it showed in the bench). Not data_version: that
    // also moves on every write to the reminder tables in the same file.
    const highWater = this.highWater();
    const cached = this.latestCache.get(contractId);
    if (cached !== undefined && cached.highWater === highWater) return [...cached.rows];
    const rows = this.stmts.latest.all(contractId).map((r) => Object.freeze(toMeasurement(r)));
    this.latestCache.set(contractId, { highWater, rows });
    return [...rows];
  }

  async statusRows(contractId: string, kpis: readonly StatusKpiQuery[], asOf: { measuredOnOrBefore: string; idAtMost?: number }): Promise<StatusRows> {
    // Asked on every status question; cached on the high-water mark like latestMeasurements. A hit
    // hands back the same frozen array, so callers can key their own caches on it (core/reply-cache.ts).
    const highWater = this.highWater();
    const key = statusSelectionKey(contractId, kpis, asOf);
    const cached = this.statusCache.get(key, highWater);
    if (cached !== undefined) return cached;
    const rows = this.readStatusRows(contractId, kpis, asOf.measuredOnOrBefore, asOf.idAtMost ?? Number.MAX_SAFE_INTEGER);
    this.statusCache.set(key, highWater, rows);
    return rows;
  }

  /** statusRows without the cache: frozen, rows sorted by id. */
  private readStatusRows(contractId: string, kpis: readonly StatusKpiQuery[], measuredOnOrBefore: string, idAtMost: number): StatusRows {
    const byId = new Map<number, Measurement>();
    const groups: OutsideGroup[] = [];
    for (const k of kpis) {
      const params: StatusParams = {
        contractId,
        kpiId: k.kpiId,
        measuredOnOrBefore,
        idAtMost,
        windowFrom: k.window.from,
        windowTo: k.window.to,
        usableDone: k.usable === 'done' ? 1 : 0,
        steps: this.statusWalkSteps,
      };
      for (const arm of this.stmts.statusNewest) {
        const walked = arm.walk.get(params);
        // None among the newest rows of a series longer than the walk: the rows whose period lies in the window.
        const r = walked ?? (arm.bound.get(params) === undefined ? undefined : arm.byPeriod.get(params));
        if (r !== undefined && r.id !== null) byId.set(r.id, Object.freeze(toMeasurement(r)));
      }
      const baselines: Record<string, string> = {};
      k.baselines.forEach((b, i) => Object.assign(baselines, { [`b${i}From`]: b.from, [`b${i}To`]: b.to, [`b${i}On`]: b.measuredOn }));
      for (const g of this.outsideStatement(k.baselines.length).all({ ...params, ...baselines })) groups.push({ kpiId: k.kpiId, ...g });
    }
    const picked = pickOutside(kpis, groups);
    for (const id of picked.ids) {
      const r = byId.has(id) ? undefined : this.stmts.byId.get(contractId, id);
      if (r !== undefined) byId.set(r.id, Object.freeze(toMeasurement(r)));
    }
    return Object.freeze({ rows: Object.freeze([...byId.values()].sort((a, b) => a.id - b.id)), outsideLeftOut: Object.freeze(picked.outsideLeftOut) });
  }

  private outsideStatement(baselines: number): Database.Statement<[Record<string, string | number>], { mask: number; rows: number; newestKey: string }> {
    if (baselines > MAX_BASELINES) throw new RangeError(`a KPI with more than ${MAX_BASELINES} baselines`);
    let statement = this.stmts.statusOutside.get(baselines);
    if (statement === undefined) this.stmts.statusOutside.set(baselines, (statement = this.db.prepare(STATUS_OUTSIDE_SQL(baselines))));
    return statement;
  }

  async historyFirstPage(contractId: string, kpiIds: readonly string[], limits: { rows: number; withValue: number }): Promise<HistoryFirstPage> {
    const highWater = this.highWater();
    const key = JSON.stringify([contractId, kpiIds, limits]);
    const cached = this.historyCache.get(key, highWater);
    if (cached !== undefined) return structuredClone(cached);
    const byId = new Map<number, Measurement>();
    const seriesRows: HistoryFirstPage['seriesRows'] = [];
    let corrections = 0;
    for (const kpiId of kpiIds) {
      for (const segment of [null, ...segmentSchema.options]) {
        const series = { contractId, kpiId, segment };
        const all = this.stmts.seriesCount.get(series)?.rows ?? 0;
        if (all === 0) continue;
        const corrected = this.stmts.seriesCorrections.get(series)?.rows ?? 0;
        corrections += corrected;
        seriesRows.push({ kpiId, segment, rows: all - corrected });
        for (const r of this.stmts.historyNewest.all({ ...series, limit: limits.rows })) byId.set(r.id, toMeasurement(r));
        for (const r of this.stmts.historyNewestWithValue.all({ ...series, limit: limits.withValue })) byId.set(r.id, toMeasurement(r));
      }
    }
    const page: HistoryFirstPage = { rows: [...byId.values()].sort((a, b) => a.id - b.id), seriesRows, corrections };
    this.historyCache.set(key, highWater, page);
    return structuredClone(page);
  }

  /** The greatest measurement id in the file (0 when empty): moves on every added row and nothing else. */
  private highWater(): number {
    return this.stmts.highWater.get()?.highWater ?? 0;
  }

  async latestMeasurementsAsOf(contractId: string, kpiId: string, asOf: { idAtMost: number; measuredOnOrBefore: string }): Promise<Measurement[]> {
    return this.stmts.latestAsOf.all({ contractId, kpiId, ...asOf }).map(toMeasurement);
  }

  async listSeriesPage(contractId: string, kpiId: string, segment: string | null, before: { measuredOn: string; id: number } | null, limit: number): Promise<Measurement[]> {
    // No `before`: start above every real row ('9999-12-31', the largest id).
    const from = before ?? { measuredOn: '9999-12-31', id: Number.MAX_SAFE_INTEGER };
    return this.stmts.seriesPage.all({ contractId, kpiId, segment, measuredOn: from.measuredOn, id: from.id, limit: Math.max(0, Math.trunc(limit)) }).map(toMeasurement);
  }

  async appliedMigrations(): Promise<number[]> {
    return appliedSqliteMigrations(this.db);
  }

  async ping(): Promise<void> {
    this.pingStatement.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
