import type { Migration } from './migration';
import { rowPeriod } from '../core/status-rules';
import type { PeriodRange } from '../core/period';

/**
 * The period each measurement describes (status rules R0: its period text read by core/period.ts,
 * or the day it was measured when the text is not one the reader knows), stored beside the row so
 * that status can find the rows inside and outside a KPI's window with an index instead of reading
 * every row. A table of its own rather than columns: measurements are append-only (triggers refuse
 * UPDATE), and the rows stored before this migration get theirs from backfill at start-up
 * (store/*-store.ts migrate()), never by changing a measurement.
 *
 * The row's contract, KPI and measured_on are copied too, so the rows outside a window are found
 * from this table's indexes alone (a join back to measurements let PostgreSQL pick a hash join over
 * the whole table). No foreign key to measurements: its rows are never deleted, and on PostgreSQL a reference would
 * make TRUNCATE fail on the reference before the append-only trigger could refuse it in its words.
 *
 * Derived data: if core/period.ts ever reads a text differently, a new migration must empty this
 * table so the next start fills it again.
 */
export const MEASUREMENT_PERIODS_MIGRATION: Migration = {
  version: 40,
  name: 'create_measurement_periods',
  sqlite: `
    CREATE TABLE measurement_periods (
      measurement_id INTEGER PRIMARY KEY,
      contract_id    TEXT NOT NULL,
      kpi_id         TEXT NOT NULL,
      measured_on    TEXT NOT NULL,
      period_from    TEXT NOT NULL,
      period_to      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX measurement_periods_from_idx ON measurement_periods (contract_id, kpi_id, period_from);
    CREATE INDEX measurement_periods_to_idx ON measurement_periods (contract_id, kpi_id, period_to);
  `,
  postgres: `
    CREATE TABLE measurement_periods (
      measurement_id BIGINT PRIMARY KEY,
      contract_id    TEXT NOT NULL,
      kpi_id         TEXT NOT NULL,
      measured_on    DATE NOT NULL,
      period_from    DATE NOT NULL,
      period_to      DATE NOT NULL
    );
    CREATE INDEX measurement_periods_from_idx ON measurement_periods (contract_id, kpi_id, period_from);
    CREATE INDEX measurement_periods_to_idx ON measurement_periods (contract_id, kpi_id, period_to);
  `,
};

/**
 * The two period indexes made covering: counting the rows outside a KPI's window (STATUS_OUTSIDE_SQL)
 * reads period_to/period_from and measured_on of every such row, and with the narrow indexes each was
 * a lookup in the table (at 100 000 rows 37 → 22 ms for all KPIs on SQLite). Same names, so the
 * queries' INDEXED BY and older instances keep working. SQLite's indexes carry measurement_id (the
 * rowid) by themselves; PostgreSQL's get it as an INCLUDE column for index-only scans.
 */
export const MEASUREMENT_PERIODS_COVERING_MIGRATION: Migration = {
  version: 42,
  name: 'cover_measurement_period_indexes',
  sqlite: `
    DROP INDEX measurement_periods_from_idx;
    CREATE INDEX measurement_periods_from_idx ON measurement_periods (contract_id, kpi_id, period_from, period_to, measured_on);
    DROP INDEX measurement_periods_to_idx;
    CREATE INDEX measurement_periods_to_idx ON measurement_periods (contract_id, kpi_id, period_to, period_from, measured_on);
  `,
  postgres: `
    DROP INDEX measurement_periods_from_idx;
    CREATE INDEX measurement_periods_from_idx ON measurement_periods (contract_id, kpi_id, period_from) INCLUDE (period_to, measured_on, measurement_id);
    DROP INDEX measurement_periods_to_idx;
    CREATE INDEX measurement_periods_to_idx ON measurement_periods (contract_id, kpi_id, period_to) INCLUDE (period_from, measured_on, measurement_id);
  `,
};

/** The range stored for a row: exactly what the status rules read (rowPeriod), so the index and the rules agree. */
export function storedPeriod(m: { period: string; measuredOn: string }): PeriodRange {
  return rowPeriod(m);
}

/** Rows backfilled per statement (bounded memory on a large table). */
export const PERIOD_BACKFILL_BATCH = 5_000;
