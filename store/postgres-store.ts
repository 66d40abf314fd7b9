import { Pool, type PoolConfig } from 'pg';
import type { Measurement, NewMeasurement } from '../domain/measurement';
import type { Segment } from '../goals/contract-schema';
import type { MeasurementStore } from './measurement-store';
import { appliedPostgresMigrations, migratePostgres } from './migrate-postgres';
import { MIGRATIONS, type Migration } from './migrations';
import { normalizeNewMeasurement } from './normalize-new-measurement';
import { silentStoreLogger, type StoreLogger } from './store-logger';

export interface PostgresStoreOptions {
  /** postgres:// or postgresql:// URL. */
  connectionString: string;
  /** Most connections this instance opens. Default 10. */
  poolSize?: number;
  /** Further pg pool settings, e.g. `options: '-c search_path=…'` in tests. */
  poolConfig?: Omit<PoolConfig, 'connectionString' | 'max'>;
  /** Clock for recordedAt; injectable for tests. */
  now?: () => Date;
  logger?: StoreLogger;
  /** Override only in tests of the migration runner. */
  migrations?: readonly Migration[];
}

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
}

/**
 * Dates and timestamps are formatted by PostgreSQL, not parsed by pg into a JS Date: pg would
 * read a DATE as local midnight, and a Copenhagen-zoned host would then print the day before.
 */
const COLUMNS = `id, contract_id, kpi_id, value, done, segment, period,
  to_char(measured_on, 'YYYY-MM-DD') AS measured_on,
  source, note,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
  recorded_by, demo`;

const INSERT = `
  INSERT INTO measurements
    (contract_id, kpi_id, value, done, segment, period, measured_on, source, note, recorded_at, recorded_by, demo)
  VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10::timestamptz, $11, $12)
  RETURNING ${COLUMNS}`;

const LIST_ALL = `SELECT ${COLUMNS} FROM measurements WHERE contract_id = $1 ORDER BY id`;

const LIST_SOME = `SELECT ${COLUMNS} FROM measurements WHERE contract_id = $1 AND kpi_id = ANY($2::text[]) ORDER BY id`;

// All sort keys descending so the planner can walk measurements_latest_idx backwards;
// DISTINCT ON treats NULL segments as one group.
const LATEST = `
  SELECT ${COLUMNS} FROM (
    SELECT DISTINCT ON (kpi_id, segment) *
      FROM measurements
     WHERE contract_id = $1
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
  };
}

/** For several instances behind a load balancer: one pg Pool, parameterised SQL only. */
export class PostgresMeasurementStore implements MeasurementStore {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly now: () => Date;
  private readonly migrations: readonly Migration[];
  private readonly logger: StoreLogger;
  private ended = false;

  constructor(options: PostgresStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.migrations = options.migrations ?? MIGRATIONS;
    const logger = (this.logger = options.logger ?? silentStoreLogger);
    this.pool = new Pool({
      connectionTimeoutMillis: 5000,
      ...options.poolConfig,
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
    });
    // An idle client losing its connection emits 'error' on the pool; unhandled, that kills the process.
    this.pool.on('error', (err) => logger.error({ err }, 'idle PostgreSQL connection failed'));
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool, this.migrations, this.logger);
  }

  async appendMeasurement(m: NewMeasurement): Promise<Measurement> {
    const n = normalizeNewMeasurement(m, this.now());
    const res = await this.pool.query<PgRow>(INSERT, [
      n.contractId,
      n.kpiId,
      n.value,
      n.done,
      n.segment,
      n.period,
      n.measuredOn,
      n.source,
      n.note,
      n.recordedAt,
      n.recordedBy,
      n.demo,
    ]);
    const row = res.rows[0];
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return toMeasurement(row);
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

  async appliedMigrations(): Promise<number[]> {
    return appliedPostgresMigrations(this.pool);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}
