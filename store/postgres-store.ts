import type { Pool, PoolClient } from 'pg';
import type { Measurement, NewMeasurement } from '../core/measurement';
import { segmentSchema, type Segment } from '../goals/contract-schema';
import type { HistoryFirstPage, MeasurementStore, StatusKpiQuery, StatusRows, SubmissionResult, SubmissionStatusQuery } from '../core/ports/measurement-store';
import { MAX_BASELINES, NEWEST_KEY_ID_DIGITS, STATUS_CACHE_LIMIT, STATUS_WALK_STEPS } from './status-selection';
import { MarkedCache, statusSelectionKey } from './marked-cache';
import { BUMP_ADDED_CONTRACTS, MEASUREMENT_VERSION_SQL, MEASUREMENT_VERSIONS_MIGRATION } from './measurement-versions';
import { newestVersionSql } from './newest-version-sql';
import { MEASUREMENT_PERIODS_MIGRATION, PERIOD_BACKFILL_BATCH, storedPeriod } from './measurement-periods';
import { appliedPostgresMigrations, migratePostgres } from './migrate-postgres';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';
import { normalizeNewMeasurement, type NormalizedMeasurement } from './normalize-new-measurement';
import { CorrectionConflictError } from '../core/ports/correction-conflict-error';
import { silentLogger } from '../core/silent-logger';
import type { Logger } from '../core/ports/logger';
import { poolOf, type PostgresConnection } from './postgres-pool';

/** A shared pool, or a URL (own pool, default 10 connections). */
export type PostgresStoreOptions = PostgresConnection & {
  /** Clock for recordedAt; injectable for tests. */
  now?: () => Date;
  logger?: Logger;
  /** Override only in tests of the migration runner. */
  migrations?: readonly Migration[];
  /** Rows of a series status walks before it looks by period (STATUS_WALK_STEPS); small only in tests. */
  statusWalkSteps?: number;
};

/** A row as selected below: dates and times already formatted as text by the server. */
interface PgRow {
  id: string; // bigint arrives as a string
  contract_id: string;
  kpi_id: string;
  value: number | null; // double precision arrives as a JS number
  done: boolean | null;
  segment: string | null;
  period: string;
  measured_on: string;
  source: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
  demo: boolean;
  submission_id: string | null;
  supersedes_id: string | null; // bigint
  conversation_id: string | null;
  recorded_by_name: string | null;
  recorded_by_upn: string | null;
  evidence: string | null;
  previous_id: string | null; // bigint
  previous_value: number | null;
  previous_done: boolean | null;
}

/**
 * Dates and timestamps are formatted by PostgreSQL, not parsed by pg into a JS Date: pg would
 * read a DATE as local midnight, and a Copenhagen-zoned host would then print the day before.
 */
const COLUMNS = `id, contract_id, kpi_id, value, done, segment, period,
  to_char(measured_on, 'YYYY-MM-DD') AS measured_on,
  source, note,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
  recorded_by, demo,
  submission_id, supersedes_id, conversation_id, recorded_by_name, recorded_by_upn, evidence,
  previous_id, previous_value, previous_done`;

/** A row no correction points at (supersedes_id is UNIQUE, so this is an index lookup). */
const NOT_SUPERSEDED = 'NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = m.id)';

/**
 * First half of the advisory lock key for one series (contract, KPI, segment): "msmt" in ASCII.
 * Writers of a series queue behind each other, so two people submitting the same KPI at once get
 * two ordered rows, each with the right previous value. Idempotency does not rely on it: the
 * UNIQUE submission_id with ON CONFLICT is what makes a racing replay store nothing.
 */
const SERIES_LOCK_NAMESPACE = 0x6d736d74;

const INSERT = `
  INSERT INTO measurements
    (contract_id, kpi_id, value, done, segment, period, measured_on, source, note, recorded_at, recorded_by, demo,
     submission_id, supersedes_id, conversation_id, recorded_by_name, recorded_by_upn, evidence,
     previous_id, previous_value, previous_done)
  VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10::timestamptz, $11, $12,
          $13, $14, $15, $16, $17, $18, $19, $20, $21)
  ON CONFLICT (submission_id) DO NOTHING
  RETURNING *`;
/** The insert and the row's period (store/measurement-periods.ts) in one statement: no extra round trip. */
const INSERT_WITH_PERIOD = `
  WITH inserted AS (${INSERT}),
       period AS (
         INSERT INTO measurement_periods (measurement_id, contract_id, kpi_id, measured_on, period_from, period_to)
         SELECT id, contract_id, kpi_id, measured_on, $22::date, $23::date FROM inserted)
  SELECT ${COLUMNS} FROM inserted`;

/**
 * A new row (no correction) in one statement: the row that counts for its series now (R2 order;
 * the series lock was taken by the statement before, so this statement's snapshot sees every row
 * committed ahead of it) gives previous*, the row is inserted unless its submission id is stored
 * (ON CONFLICT: a replay then inserts nothing and returns no row), and its period is stored. No
 * replay check before: one round trip instead of three. segment in ORDER BY: the planner does not count
 * `IS NULL` as fixing the column and sorted the whole series instead of walking the index.
 */
const INSERT_NEW = (withSegment: boolean) => `
  WITH latest AS (
         SELECT m.id, m.value, m.done FROM measurements m
          WHERE m.contract_id = $1 AND m.kpi_id = $2 AND ${withSegment ? 'm.segment = $5::text' : 'm.segment IS NULL AND $5::text IS NULL'} AND ${NOT_SUPERSEDED}
          ORDER BY m.segment DESC, m.measured_on DESC, m.id DESC LIMIT 1),
       inserted AS (
         INSERT INTO measurements
           (contract_id, kpi_id, value, done, segment, period, measured_on, source, note, recorded_at, recorded_by, demo,
            submission_id, supersedes_id, conversation_id, recorded_by_name, recorded_by_upn, evidence,
            previous_id, previous_value, previous_done)
         SELECT $1::text, $2::text, $3::double precision, $4::boolean, $5::text, $6::text, $7::date, $8::text, $9::text, $10::timestamptz, $11::text, $12::boolean,
                $13::text, NULL, $14::text, $15::text, $16::text, $17::text, l.id, l.value, l.done
           FROM (SELECT 1) one LEFT JOIN latest l ON true
         ON CONFLICT (submission_id) DO NOTHING
         RETURNING *),
       period AS (
         INSERT INTO measurement_periods (measurement_id, contract_id, kpi_id, measured_on, period_from, period_to)
         SELECT id, contract_id, kpi_id, measured_on, $18::date, $19::date FROM inserted)
  SELECT ${COLUMNS} FROM inserted`;
const INSERT_NEW_SQL = { withSegment: INSERT_NEW(true), withoutSegment: INSERT_NEW(false) };

const WITHOUT_PERIOD = `
  SELECT id, contract_id, kpi_id, period, to_char(measured_on, 'YYYY-MM-DD') AS measured_on FROM measurements m
   WHERE NOT EXISTS (SELECT 1 FROM measurement_periods p WHERE p.measurement_id = m.id) ORDER BY id LIMIT $1`;
const INSERT_PERIODS = `
  INSERT INTO measurement_periods (measurement_id, contract_id, kpi_id, measured_on, period_from, period_to)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[], $5::date[], $6::date[])
  ON CONFLICT (measurement_id) DO NOTHING`;
/** The periods, and with migration 41 the version of each contract that got one (status reads the periods: the caches must miss). */
const FILL_PERIODS = { plain: INSERT_PERIODS, versioned: `WITH added AS (${INSERT_PERIODS} RETURNING contract_id) ${BUMP_ADDED_CONTRACTS}` };

const NOT_SUPERSEDED_AS_OF = 'NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = m.id AND s.id <= $3)';

/**
 * See MeasurementStore.statusRows: one statement for all KPIs (a submission's transaction stays at
 * five). Per KPI (a row of the unnest `q`):
 * - `outside`: the rows outside the window by two index ranges on measurement_periods, never the
 *   measurement itself; `grouped` by the baselines (`b`) each matches (bit i of `mask` for baseline
 *   i), with per group the count and the newest row's key (measured_on, id zero-padded: the greatest
 *   key is the newest row, R2);
 * - `picked`: per baseline the newest row matching it, and the newest row matching none — the others
 *   only counted, in `outside_left_out` (a JSON object, the same on every row returned);
 * - per segment arm the newest row that counts: among the series' newest $13 rows (STATUS_WALK_STEPS; a
 *   backward walk of measurements_latest_idx), else among the rows whose period starts in the window
 *   (measurement_periods_from_idx) — coalesce() runs the second only when the first found none, and
 *   it reads nothing unless the series is longer than the walk.
 * The ids are gathered into an array (an InitPlan) so the rows are then read by primary key: as
 * `IN (…)` the planner guessed many ids and hash-joined a full scan of measurements. Exported for the
 * query-plan test.
 */
const COUNTS_IN_WINDOW = `p.period_from >= q.window_from AND p.period_to <= q.window_to
            AND (CASE WHEN q.usable_done THEN m.done IS NOT NULL ELSE m.value IS NOT NULL END)
            AND ${NOT_SUPERSEDED_AS_OF}`;
export const STATUS_ROWS_SQL = `
  WITH q AS (SELECT * FROM unnest($4::text[], $5::date[], $6::date[], $7::boolean[]) AS q(kpi_id, window_from, window_to, usable_done)),
  b AS (SELECT * FROM unnest($8::text[], $9::int[], $10::date[], $11::date[], $12::date[]) AS b(kpi_id, i, period_from, period_to, measured_on)),
  outside AS (
    SELECT q.kpi_id, r.measurement_id, r.measured_on, r.period_from, r.period_to FROM q
      CROSS JOIN LATERAL (
        (SELECT p.measurement_id, p.measured_on, p.period_from, p.period_to FROM measurement_periods p
          WHERE p.contract_id = $1 AND p.kpi_id = q.kpi_id AND p.period_from < q.window_from
            AND p.measured_on <= $2::date AND p.measurement_id <= $3)
        UNION ALL
        (SELECT p.measurement_id, p.measured_on, p.period_from, p.period_to FROM measurement_periods p
          WHERE p.contract_id = $1 AND p.kpi_id = q.kpi_id AND p.period_to > q.window_to AND p.period_from >= q.window_from
            AND p.measured_on <= $2::date AND p.measurement_id <= $3)
      ) r
     -- A subquery, not NOT EXISTS: as an anti-join the planner hashed all of measurements.
     WHERE NOT coalesce((SELECT s.id <= $3 FROM measurements s WHERE s.supersedes_id = r.measurement_id), false)
  ),
  grouped AS MATERIALIZED (
    SELECT kpi_id, mask, count(*) AS rows, max(newest_key) AS newest_key FROM (
      SELECT o.kpi_id, to_char(o.measured_on, 'YYYY-MM-DD') || ' ' || lpad(o.measurement_id::text, ${NEWEST_KEY_ID_DIGITS}, '0') AS newest_key,
             (SELECT coalesce(bit_or(1 << b.i), 0) FROM b
               WHERE b.kpi_id = o.kpi_id AND ((o.period_from >= b.period_from AND o.period_to <= b.period_to) OR o.measured_on = b.measured_on)) AS mask
        FROM outside o) keyed
     GROUP BY kpi_id, mask
  ),
  picked AS (
    SELECT (SELECT max(g.newest_key) FROM grouped g WHERE g.kpi_id = b.kpi_id AND (g.mask & (1 << b.i)) <> 0) AS newest_key FROM b
    UNION ALL
    SELECT newest_key FROM grouped WHERE mask = 0
  )
  SELECT ${COLUMNS}, (SELECT jsonb_object_agg(kpi_id, rows - 1) FROM grouped WHERE mask = 0 AND rows > 1) AS outside_left_out
    FROM measurements WHERE id = ANY(ARRAY(
    SELECT r.id FROM q
    CROSS JOIN LATERAL (${[null, ...segmentSchema.options]
      .map(
        (segment) => `
      (SELECT coalesce(
        (SELECT m.id FROM (SELECT w.id, w.segment, w.measured_on FROM measurements w
                            WHERE w.contract_id = $1 AND w.kpi_id = q.kpi_id AND w.segment ${segment === null ? 'IS NULL' : `= '${segment}'`}
                              AND w.measured_on <= $2::date AND w.id <= $3
                            ORDER BY w.segment DESC, w.measured_on DESC, w.id DESC LIMIT $13) walk
           JOIN measurements m ON m.id = walk.id JOIN measurement_periods p ON p.measurement_id = m.id
          WHERE ${COUNTS_IN_WINDOW}
          ORDER BY walk.segment DESC, walk.measured_on DESC, walk.id DESC LIMIT 1),
        (SELECT m.id FROM measurement_periods p JOIN measurements m ON m.id = p.measurement_id
          WHERE p.contract_id = $1 AND p.kpi_id = q.kpi_id AND p.period_from >= q.window_from AND p.period_from <= q.window_to
            AND m.segment ${segment === null ? 'IS NULL' : `= '${segment}'`} AND m.measured_on <= $2::date AND m.id <= $3 AND ${COUNTS_IN_WINDOW}
            -- Only when the series is longer than the walk (a one-time filter): an empty or short arm reads nothing more.
            AND EXISTS (SELECT 1 FROM measurements b
                         WHERE b.contract_id = $1 AND b.kpi_id = q.kpi_id AND b.segment ${segment === null ? 'IS NULL' : `= '${segment}'`}
                           AND b.measured_on <= $2::date AND b.id <= $3
                         ORDER BY b.segment DESC, b.measured_on DESC, b.id DESC OFFSET $13 - 1 LIMIT 1)
          ORDER BY m.measured_on DESC, m.id DESC LIMIT 1)) AS id)`, // segment literals from the schema's enum
      )
      .join('\n      UNION ALL')}
    ) r
    UNION ALL
    SELECT substring(newest_key FROM ${'YYYY-MM-DD '.length + 1})::bigint FROM picked WHERE newest_key IS NOT NULL
  )) AND NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = measurements.id AND s.id <= $3)
  ORDER BY id`;

const BY_ID = `SELECT ${COLUMNS} FROM measurements WHERE contract_id = $1 AND id = $2`;
/** See MeasurementStore.newestVersionOf: down the chain of corrections on the unique index on supersedes_id. */
const NEWEST_VERSION = newestVersionSql(COLUMNS, ['$1', '$2']);
const BY_SUBMISSION = `SELECT ${COLUMNS} FROM measurements WHERE submission_id = $1`;
const CORRECTED_BY = 'SELECT id FROM measurements WHERE supersedes_id = $1';
// See MeasurementStore.latestMeasurementsAsOf: one index walk per possible segment (none, drift,
// vækst), each stopping at its first match, so the cost does not grow with the KPI's history.
const LATEST_AS_OF =
  [null, ...segmentSchema.options]
    .map(
      (segment) => `
  (SELECT ${COLUMNS} FROM measurements m
    WHERE contract_id = $1 AND kpi_id = $2 AND segment ${segment === null ? 'IS NULL' : `= '${segment}'`}
      AND m.measured_on <= $4::date AND m.id <= $3
      AND (value IS NOT NULL OR done IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM measurements s WHERE s.supersedes_id = m.id AND s.id <= $3)
    ORDER BY m.segment DESC, m.measured_on DESC, m.id DESC LIMIT 1)`, // segment literals come from the schema's enum, never from input
    )
    .join('\n  UNION ALL') + '\n  ORDER BY id';
/**
 * See MeasurementStore.listSeriesPage: one statement per segment form (IS NULL, = $3), so the
 * planner walks measurements_latest_idx backwards from the row value (measured_on, id).
 * Exported for the query-plan test.
 */
export const SERIES_PAGE_SQL = (withSegment: boolean) => `
  SELECT ${COLUMNS} FROM measurements m
   WHERE contract_id = $1 AND kpi_id = $2 AND ${withSegment ? 'segment = $3' : 'segment IS NULL AND $3::text IS NULL'}
     AND (m.measured_on, m.id) < ($4::date, $5::bigint) AND ${NOT_SUPERSEDED}
   ORDER BY m.segment DESC, m.measured_on DESC, m.id DESC LIMIT $6`;
// m.: the DATE column, not COLUMNS' text alias. segment in ORDER BY (one value here): the planner
// does not count `IS NULL` as fixing the column, and would sort instead of walking the index.
const SERIES_PAGE = { withSegment: SERIES_PAGE_SQL(true), withoutSegment: SERIES_PAGE_SQL(false) };
/**
 * See MeasurementStore.historyFirstPage: per KPI and segment arm the count of its rows (index only),
 * its corrections (from the unique index on supersedes_id) and the ids of its newest rows and newest
 * rows with a value (backward index walks; segment in ORDER BY, see SERIES_PAGE). One statement;
 * the rows are then read by id. Exported for the query-plan test.
 */
export const HISTORY_SERIES_SQL = `
  SELECT q.kpi_id, a.segment, a.all_rows, a.corrections, a.ids
    FROM unnest($2::text[]) AS q(kpi_id)
   CROSS JOIN LATERAL (${[null, ...segmentSchema.options]
     .map((segment) => {
       const inSeries = `m.contract_id = $1 AND m.kpi_id = q.kpi_id AND m.segment ${segment === null ? 'IS NULL' : `= '${segment}'`}`;
       const newest = (extra: string, limit: string) =>
         `ARRAY(SELECT m.id FROM measurements m WHERE ${inSeries} ${extra}AND ${NOT_SUPERSEDED} ORDER BY m.segment DESC, m.measured_on DESC, m.id DESC LIMIT ${limit})`;
       return `
     SELECT ${segment === null ? 'NULL::text' : `'${segment}'::text`} AS segment,
            (SELECT count(*) FROM measurements m WHERE ${inSeries}) AS all_rows,
            (SELECT count(*) FROM measurements m WHERE m.supersedes_id IS NOT NULL AND ${inSeries}) AS corrections,
            ${newest('', '$3')} || ${newest('AND m.value IS NOT NULL ', '$4')} AS ids`; // segment literals from the schema's enum
     })
     .join('\n     UNION ALL')}
   ) a
   WHERE a.all_rows > 0`;
const BY_IDS = `SELECT ${COLUMNS} FROM measurements WHERE id = ANY($1::bigint[]) ORDER BY id`;

const LOCK_SERIES = `SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '') || $2))`;

const LIST_ALL = `SELECT ${COLUMNS} FROM measurements WHERE contract_id = $1 ORDER BY id`;

const LIST_SOME = `SELECT ${COLUMNS} FROM measurements WHERE contract_id = $1 AND kpi_id = ANY($2::text[]) ORDER BY id`;

// All sort keys descending so the planner can walk measurements_latest_idx backwards;
// DISTINCT ON treats NULL segments as one group.
const LATEST = `
  SELECT ${COLUMNS} FROM (
    SELECT DISTINCT ON (kpi_id, segment) *
      FROM measurements m
     WHERE contract_id = $1 AND ${NOT_SUPERSEDED}
     ORDER BY kpi_id DESC, segment DESC, measured_on DESC, id DESC
  ) latest
  ORDER BY id`;

function toMeasurement(r: PgRow): Measurement {
  return {
    id: Number(r.id),
    contractId: r.contract_id,
    kpiId: r.kpi_id,
    value: r.value,
    done: r.done,
    // Only values that passed normalizeNewMeasurement are ever written.
    segment: r.segment as Segment | null,
    period: r.period,
    measuredOn: r.measured_on,
    source: r.source,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    demo: r.demo,
    submissionId: r.submission_id,
    supersedesId: r.supersedes_id === null ? null : Number(r.supersedes_id),
    conversationId: r.conversation_id,
    recordedByName: r.recorded_by_name,
    recordedByUpn: r.recorded_by_upn,
    evidence: r.evidence,
    previousId: r.previous_id === null ? null : Number(r.previous_id),
    previousValue: r.previous_value,
    previousDone: r.previous_done,
  };
}

/** $1–$13 of both inserts (INSERT, INSERT_NEW): the row up to its submission id. */
function rowParams(n: NormalizedMeasurement): unknown[] {
  return [n.contractId, n.kpiId, n.value, n.done, n.segment, n.period, n.measuredOn, n.source, n.note, n.recordedAt, n.recordedBy, n.demo, n.submissionId];
}

/** The lock key text of a row's series ("|" occurs in no contract id, KPI id or segment; PostgreSQL text cannot hold NUL). */
function seriesKey(n: Pick<NormalizedMeasurement, 'contractId' | 'kpiId' | 'segment'>): string {
  return `${n.contractId}|${n.kpiId}|${n.segment ?? ''}`;
}

/** A pg error's SQLSTATE and constraint, without importing pg's error class. */
function pgErrorInfo(err: unknown): { code?: string; constraint?: string } {
  return typeof err === 'object' && err !== null ? (err as { code?: string; constraint?: string }) : {};
}

/** For several instances behind a load balancer: one pg Pool, parameterised SQL only. */
export class PostgresMeasurementStore implements MeasurementStore {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly now: () => Date;
  private readonly migrations: readonly Migration[];
  private readonly logger: Logger;
  private readonly ownsPool: boolean;
  private readonly statusWalkSteps: number;
  /** Migration 41 is in this store's list: the contract's version guards the caches below (else no cache). */
  private readonly versioned: boolean;
  private readonly statusCache = new MarkedCache<string, StatusRows>(STATUS_CACHE_LIMIT);
  private readonly historyCache = new MarkedCache<string, HistoryFirstPage>(STATUS_CACHE_LIMIT);
  private ended = false;

  constructor(options: PostgresStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.migrations = options.migrations ?? MIGRATIONS;
    this.logger = options.logger ?? silentLogger;
    this.statusWalkSteps = Math.max(1, Math.trunc(options.statusWalkSteps ?? STATUS_WALK_STEPS));
    this.versioned = this.migrations.some((m) => m.version === MEASUREMENT_VERSIONS_MIGRATION.version);
    ({ pool: this.pool, owned: this.ownsPool } = poolOf(options, 10, this.logger, 'idle PostgreSQL connection failed'));
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool, this.migrations, this.logger);
    if (this.migrations.some((m) => m.version === MEASUREMENT_PERIODS_MIGRATION.version)) await this.fillMissingPeriods();
  }

  /** Rows stored before migration 40 (or by an older build) get their period row; a no-op once all have one. Safe with several instances starting. */
  private async fillMissingPeriods(): Promise<void> {
    let filled = 0;
    for (;;) {
      const rows = (await this.pool.query<{ id: string; contract_id: string; kpi_id: string; period: string; measured_on: string }>(WITHOUT_PERIOD, [PERIOD_BACKFILL_BATCH])).rows;
      if (rows.length === 0) break;
      const periods = rows.map((r) => storedPeriod({ period: r.period, measuredOn: r.measured_on }));
      await this.pool.query(this.versioned ? FILL_PERIODS.versioned : FILL_PERIODS.plain, [rows.map((r) => r.id), rows.map((r) => r.contract_id), rows.map((r) => r.kpi_id), rows.map((r) => r.measured_on), periods.map((p) => p.from), periods.map((p) => p.to)]);
      filled += rows.length;
    }
    if (filled > 0) this.logger.info({ db: 'postgres', rows: filled }, 'stored the period of existing measurements');
  }

  async appendMeasurement(m: NewMeasurement): Promise<Measurement> {
    const n = normalizeNewMeasurement(m, this.now());
    return this.inWriteTransaction([n], async (client) => (await this.writeOne(client, n)).row);
  }

  async appendMeasurements(ms: readonly NewMeasurement[]): Promise<Measurement[]> {
    const now = this.now();
    const rows = ms.map((m) => normalizeNewMeasurement(m, now)); // all checked before anything is written
    if (rows.length === 0) return [];
    return this.inWriteTransaction(rows, async (client) => {
      const out: Measurement[] = [];
      for (const n of rows) out.push((await this.writeOne(client, n)).row);
      return out;
    });
  }

  async appendSubmission(m: NewMeasurement, status: SubmissionStatusQuery): Promise<SubmissionResult> {
    const n = normalizeNewMeasurement(m, this.now());
    // BEGIN, the series lock, the insert, the status rows, COMMIT: five round trips, one commit.
    return this.inWriteTransaction([n], async (client) => {
      const { row, replayed } = await this.writeOne(client, n);
      const statusRows = await this.queryStatusRows(client, status.contractId, status.kpis, { measuredOnOrBefore: status.measuredOnOrBefore, idAtMost: row.id });
      return { row, replayed, statusRows };
    });
  }

  /**
   * One transaction: lock the rows' series in a fixed order (no deadlock between two imports), run
   * `work`, commit. Rolled back on any error; a connection whose rollback failed is destroyed.
   */
  private async inWriteTransaction<T>(rows: readonly NormalizedMeasurement[], work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        for (const key of [...new Set(rows.map(seriesKey))].sort()) await client.query(LOCK_SERIES, [SERIES_LOCK_NAMESPACE, key]);
        const out = await work(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => {
          broken = rollbackErr; // the connection is unusable; release(err) below destroys it
        });
        throw translateConstraintError(err, rows);
      }
    } finally {
      client.release(broken);
    }
  }

  /** Inside a write transaction, under the series lock: a new row (one statement) or a correction (its checks, then the insert). */
  private async writeOne(client: PoolClient, n: NormalizedMeasurement): Promise<{ row: Measurement; replayed: boolean }> {
    const period = storedPeriod(n);
    if (n.supersedesId === null) {
      const sql = n.segment === null ? INSERT_NEW_SQL.withoutSegment : INSERT_NEW_SQL.withSegment;
      const res = await client.query<PgRow>(sql, [...rowParams(n), n.conversationId, n.recordedByName, n.recordedByUpn, n.evidence, period.from, period.to]);
      const row = res.rows[0];
      if (row !== undefined) return { row: toMeasurement(row), replayed: false };
      return { row: await this.storedSubmission(client, n), replayed: true };
    }
    // A correction: a replay must be found before the checks (it corrected the row itself).
    if (n.submissionId !== null) {
      const existing = (await client.query<PgRow>(BY_SUBMISSION, [n.submissionId])).rows[0];
      if (existing !== undefined) return { row: toMeasurement(existing), replayed: true };
    }
    const target = (await client.query<PgRow>(BY_ID, [n.contractId, n.supersedesId])).rows[0];
    if (target === undefined) throw new CorrectionConflictError('unknown-row', n.supersedesId);
    const previous = toMeasurement(target);
    if (previous.kpiId !== n.kpiId || previous.segment !== n.segment) throw new CorrectionConflictError('other-series', n.supersedesId);
    const later = (await client.query<{ id: string }>(CORRECTED_BY, [n.supersedesId])).rows[0];
    if (later !== undefined) throw new CorrectionConflictError('already-corrected', n.supersedesId, Number(later.id));
    const res = await client.query<PgRow>(INSERT_WITH_PERIOD, [
      ...rowParams(n),
      n.supersedesId,
      n.conversationId,
      n.recordedByName,
      n.recordedByUpn,
      n.evidence,
      previous.id,
      previous.value,
      previous.done,
      period.from,
      period.to,
    ]);
    const row = res.rows[0];
    if (row !== undefined) return { row: toMeasurement(row), replayed: false };
    // ON CONFLICT: the same submission committed meanwhile (under another series' lock); return it.
    return { row: await this.storedSubmission(client, n), replayed: true };
  }

  /** After an insert that ON CONFLICT skipped: the row stored under the submission id. */
  private async storedSubmission(client: PoolClient, n: NormalizedMeasurement): Promise<Measurement> {
    const existing = n.submissionId === null ? undefined : (await client.query<PgRow>(BY_SUBMISSION, [n.submissionId])).rows[0];
    if (existing === undefined) throw new Error('INSERT … RETURNING returned no row');
    return toMeasurement(existing);
  }

  async measurementById(contractId: string, id: number): Promise<Measurement | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = (await this.pool.query<PgRow>(BY_ID, [contractId, id])).rows[0];
    return row === undefined ? undefined : toMeasurement(row);
  }

  async newestVersionOf(contractId: string, id: number): Promise<Measurement | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = (await this.pool.query<PgRow>(NEWEST_VERSION, [contractId, id])).rows[0];
    return row === undefined ? undefined : toMeasurement(row);
  }

  async measurementBySubmission(submissionId: string): Promise<Measurement | undefined> {
    const row = (await this.pool.query<PgRow>(BY_SUBMISSION, [submissionId])).rows[0];
    return row === undefined ? undefined : toMeasurement(row);
  }

  async listMeasurements(contractId: string, kpiIds?: readonly string[]): Promise<Measurement[]> {
    if (kpiIds !== undefined && kpiIds.length === 0) return [];
    const res =
      kpiIds === undefined
        ? await this.pool.query<PgRow>(LIST_ALL, [contractId])
        : await this.pool.query<PgRow>(LIST_SOME, [contractId, [...kpiIds]]);
    return res.rows.map(toMeasurement);
  }

  async latestMeasurements(contractId: string): Promise<Measurement[]> {
    const res = await this.pool.query<PgRow>(LATEST, [contractId]);
    return res.rows.map(toMeasurement);
  }

  async listSeriesPage(contractId: string, kpiId: string, segment: string | null, before: { measuredOn: string; id: number } | null, limit: number): Promise<Measurement[]> {
    const from = before ?? { measuredOn: '9999-12-31', id: Number.MAX_SAFE_INTEGER };
    const sql = segment === null ? SERIES_PAGE.withoutSegment : SERIES_PAGE.withSegment;
    const res = await this.pool.query<PgRow>(sql, [contractId, kpiId, segment, from.measuredOn, from.id, Math.max(0, Math.trunc(limit))]);
    return res.rows.map(toMeasurement);
  }

  async latestMeasurementsAsOf(contractId: string, kpiId: string, asOf: { idAtMost: number; measuredOnOrBefore: string }): Promise<Measurement[]> {
    const res = await this.pool.query<PgRow>(LATEST_AS_OF, [contractId, kpiId, asOf.idAtMost, asOf.measuredOnOrBefore]);
    return res.rows.map(toMeasurement);
  }

  async statusRows(contractId: string, kpis: readonly StatusKpiQuery[], asOf: { measuredOnOrBefore: string; idAtMost?: number }): Promise<StatusRows> {
    // Asked on every status question; cached like on SQLite, but on the contract's version
    // (store/measurement-versions.ts), not max(id). The version is read before the statement, so a
    // row committed in between moves it and the next question misses. A hit hands back the same
    // frozen object, so callers can key their own caches on it (core/reply-cache.ts).
    if (!this.versioned) return this.queryStatusRows(this.pool, contractId, kpis, asOf);
    const version = await this.version(contractId);
    const key = statusSelectionKey(contractId, kpis, asOf);
    const cached = this.statusCache.get(key, version);
    if (cached !== undefined) return cached;
    const read = await this.queryStatusRows(this.pool, contractId, kpis, asOf);
    const rows: StatusRows = Object.freeze({ rows: Object.freeze(read.rows.map((r) => Object.freeze(r))), outsideLeftOut: Object.freeze(read.outsideLeftOut) });
    this.statusCache.set(key, version, rows);
    return rows;
  }

  /** The contract's measurement version (text: a BIGINT); '0' before its first row. */
  private async version(contractId: string): Promise<string> {
    return (await this.pool.query<{ version: string }>({ name: 'maalbot-measurement-version', text: MEASUREMENT_VERSION_SQL }, [contractId])).rows[0]?.version ?? '0';
  }

  /** STATUS_ROWS_SQL on the pool or on a transaction's client. */
  private async queryStatusRows(on: Pick<Pool, 'query'> | PoolClient, contractId: string, kpis: readonly StatusKpiQuery[], asOf: { measuredOnOrBefore: string; idAtMost?: number }): Promise<StatusRows> {
    if (kpis.length === 0) return { rows: [], outsideLeftOut: {} };
    if (kpis.some((k) => k.baselines.length > MAX_BASELINES)) throw new RangeError(`a KPI with more than ${MAX_BASELINES} baselines`);
    const baselines = kpis.flatMap((k) => k.baselines.map((b, i) => ({ kpiId: k.kpiId, i, ...b })));
    // A named statement: each connection plans it once (planning this statement cost more than running it for one KPI).
    const res = await on.query<PgRow & { outside_left_out: Record<string, number> | null }>({ name: 'maalbot-status-rows', text: STATUS_ROWS_SQL }, [
      contractId,
      asOf.measuredOnOrBefore,
      asOf.idAtMost ?? Number.MAX_SAFE_INTEGER,
      kpis.map((k) => k.kpiId),
      kpis.map((k) => k.window.from),
      kpis.map((k) => k.window.to),
      kpis.map((k) => k.usable === 'done'),
      baselines.map((b) => b.kpiId),
      baselines.map((b) => b.i),
      baselines.map((b) => b.from),
      baselines.map((b) => b.to),
      baselines.map((b) => b.measuredOn),
      this.statusWalkSteps,
    ]);
    return { rows: res.rows.map(toMeasurement), outsideLeftOut: res.rows[0]?.outside_left_out ?? {} };
  }

  async historyFirstPage(contractId: string, kpiIds: readonly string[], limits: { rows: number; withValue: number }): Promise<HistoryFirstPage> {
    if (kpiIds.length === 0) return { rows: [], seriesRows: [], corrections: 0 };
    if (!this.versioned) return this.readHistoryFirstPage(contractId, kpiIds, limits);
    // Guarded by the contract's version like statusRows; read before both statements.
    const version = await this.version(contractId);
    const key = JSON.stringify([contractId, kpiIds, limits]);
    const cached = this.historyCache.get(key, version);
    if (cached !== undefined) return structuredClone(cached);
    const page = await this.readHistoryFirstPage(contractId, kpiIds, limits);
    this.historyCache.set(key, version, page);
    return structuredClone(page);
  }

  private async readHistoryFirstPage(contractId: string, kpiIds: readonly string[], limits: { rows: number; withValue: number }): Promise<HistoryFirstPage> {
    const series = (
      await this.pool.query<{ kpi_id: string; segment: string | null; all_rows: string; corrections: string; ids: string[] }>(HISTORY_SERIES_SQL, [
        contractId,
        [...kpiIds],
        Math.max(0, Math.trunc(limits.rows)),
        Math.max(0, Math.trunc(limits.withValue)),
      ])
    ).rows;
    const ids = [...new Set(series.flatMap((r) => r.ids))];
    const rows = ids.length === 0 ? [] : (await this.pool.query<PgRow>(BY_IDS, [ids])).rows.map(toMeasurement);
    return {
      rows,
      seriesRows: series.map((r) => ({ kpiId: r.kpi_id, segment: r.segment, rows: Number(r.all_rows) - Number(r.corrections) })),
      corrections: series.reduce((n, r) => n + Number(r.corrections), 0),
    };
  }

  async appliedMigrations(): Promise<number[]> {
    return appliedPostgresMigrations(this.pool);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /**
   * Readiness: would a write go through now? One insert into schema_migrations in a transaction
   * that is rolled back — it fails on a read-only server (a standby after a failover,
   * default_transaction_read_only), a full or read-only data directory the server reports, lost
   * privileges — and needs no table of its own.
   */
  async probeWrite(): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        await client.query("INSERT INTO schema_migrations (version, name) VALUES (-1, 'readiness probe')");
      } finally {
        await client.query('ROLLBACK').catch((err: Error) => {
          broken = err; // the connection is unusable; release(err) destroys it
        });
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.ownsPool) await this.pool.end(); // a shared pool is ended by its owner
  }
}

/**
 * The checks in writeOne run under the series lock, so constraint errors mean a writer that took
 * another series' lock named the same row (a forged correction): report them as the same conflicts.
 */
function translateConstraintError(err: unknown, rows: readonly NormalizedMeasurement[]): unknown {
  const { code, constraint } = pgErrorInfo(err);
  const supersedesId = rows.find((r) => r.supersedesId !== null)?.supersedesId;
  if (supersedesId === undefined || supersedesId === null) return err;
  if (code === '23505' && constraint === 'measurements_supersedes_id_key') return new CorrectionConflictError('already-corrected', supersedesId);
  if (code === '23503' && constraint === 'measurements_supersedes_id_fkey') return new CorrectionConflictError('unknown-row', supersedesId);
  return err;
}
