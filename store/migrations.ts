/**
 * Versioned schema migrations, applied in order at startup (see migrate-sqlite.ts and
 * migrate-postgres.ts). To change the schema, append ONE entry with the next version and
 * SQL for both databases; never edit an entry that has shipped — databases in the field
 * already ran it.
 *
 * The bookkeeping table `schema_migrations(version, name, applied_at)` is created by the
 * runners themselves (they must read it before knowing whether version 1 ran).
 * Rows of `measurements` are append-only: no migration or store method updates or deletes them.
 */
import type { Migration } from './migration';
import { REMINDER_TABLES_MIGRATION } from './reminder-migrations';
import { CONVERSATION_TOPICS_MIGRATION } from './conversation-topic-migrations';
import { FILE_OFFER_CONTENT_MIGRATION, REPORT_TABLES_MIGRATION } from './report-migrations';
import { MEASUREMENT_PERIODS_COVERING_MIGRATION, MEASUREMENT_PERIODS_MIGRATION } from './measurement-periods';
import { MEASUREMENT_VERSIONS_MIGRATION } from './measurement-versions';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_measurements',
    // STRICT makes SQLite refuse a string in `value`; dates are TEXT 'YYYY-MM-DD', times TEXT ISO UTC.
    sqlite: `
      CREATE TABLE measurements (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        contract_id TEXT    NOT NULL,
        kpi_id      TEXT    NOT NULL,
        value       REAL,
        done        INTEGER CHECK (done IN (0, 1)),
        segment     TEXT,
        period      TEXT    NOT NULL,
        measured_on TEXT    NOT NULL CHECK (measured_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        source      TEXT    NOT NULL,
        note        TEXT,
        recorded_at TEXT    NOT NULL,
        recorded_by TEXT    NOT NULL,
        demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
      ) STRICT;
      CREATE INDEX measurements_latest_idx
        ON measurements (contract_id, kpi_id, segment, measured_on, id);
    `,
    // double precision so pg hands back JS numbers (numeric would come back as strings).
    postgres: `
      CREATE TABLE measurements (
        id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        contract_id TEXT             NOT NULL,
        kpi_id      TEXT             NOT NULL,
        value       DOUBLE PRECISION,
        done        BOOLEAN,
        segment     TEXT,
        period      TEXT             NOT NULL,
        measured_on DATE             NOT NULL,
        source      TEXT             NOT NULL,
        note        TEXT,
        recorded_at TIMESTAMPTZ      NOT NULL,
        recorded_by TEXT             NOT NULL,
        demo        BOOLEAN          NOT NULL DEFAULT FALSE
      );
      CREATE INDEX measurements_latest_idx
        ON measurements (contract_id, kpi_id, segment, measured_on, id);
    `,
  },
  {
    version: 2,
    name: 'add_measurement_audit',
    // Forms (issue 3): idempotency (a unique submission id), corrections (a unique supersedes id:
    // a row is corrected at most once, so corrections form a chain, never a fork) and the audit trail.
    sqlite: `
      ALTER TABLE measurements ADD COLUMN submission_id    TEXT;
      ALTER TABLE measurements ADD COLUMN supersedes_id    INTEGER REFERENCES measurements (id);
      ALTER TABLE measurements ADD COLUMN conversation_id  TEXT;
      ALTER TABLE measurements ADD COLUMN recorded_by_name TEXT;
      ALTER TABLE measurements ADD COLUMN recorded_by_upn  TEXT;
      ALTER TABLE measurements ADD COLUMN evidence         TEXT;
      ALTER TABLE measurements ADD COLUMN previous_id      INTEGER;
      ALTER TABLE measurements ADD COLUMN previous_value   REAL;
      ALTER TABLE measurements ADD COLUMN previous_done    INTEGER CHECK (previous_done IN (0, 1));
      CREATE UNIQUE INDEX measurements_submission_uq ON measurements (submission_id);
      CREATE UNIQUE INDEX measurements_supersedes_uq ON measurements (supersedes_id);
    `,
    // Plain UNIQUE constraints (NULLs are distinct), so INSERT … ON CONFLICT (submission_id) can name it.
    postgres: `
      ALTER TABLE measurements
        ADD COLUMN submission_id    TEXT UNIQUE,
        ADD COLUMN supersedes_id    BIGINT UNIQUE REFERENCES measurements (id),
        ADD COLUMN conversation_id  TEXT,
        ADD COLUMN recorded_by_name TEXT,
        ADD COLUMN recorded_by_upn  TEXT,
        ADD COLUMN evidence         TEXT,
        ADD COLUMN previous_id      BIGINT,
        ADD COLUMN previous_value   DOUBLE PRECISION,
        ADD COLUMN previous_done    BOOLEAN;
    `,
  },
  {
    version: 3,
    name: 'measurements_append_only',
    // The audit trail must hold even against a hand-written UPDATE: the database refuses it.
    sqlite: `
      CREATE TRIGGER measurements_no_update BEFORE UPDATE ON measurements
      BEGIN SELECT RAISE(ABORT, 'measurements are append-only: add a correcting row instead'); END;
      CREATE TRIGGER measurements_no_delete BEFORE DELETE ON measurements
      BEGIN SELECT RAISE(ABORT, 'measurements are append-only: add a correcting row instead'); END;
    `,
    postgres: `
      CREATE FUNCTION measurements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'measurements are append-only: add a correcting row instead';
      END $$;
      CREATE TRIGGER measurements_no_update_or_delete BEFORE UPDATE OR DELETE ON measurements
        FOR EACH ROW EXECUTE FUNCTION measurements_refuse_change();
      CREATE TRIGGER measurements_no_truncate BEFORE TRUNCATE ON measurements
        FOR EACH STATEMENT EXECUTE FUNCTION measurements_refuse_change();
    `,
  },
  // Reminders (issue 4) own versions 10–19; keep entries in version order (forms 4–9 go above this line).
  REMINDER_TABLES_MIGRATION,
  // The KKR report (issue 12) owns versions 20–29.
  REPORT_TABLES_MIGRATION,
  FILE_OFFER_CONTENT_MIGRATION,
  // Follow-up context (issue 11) owns versions 30–39.
  CONVERSATION_TOPICS_MIGRATION,
  // Status reads (issue 15) own versions 40–49.
  MEASUREMENT_PERIODS_MIGRATION,
  MEASUREMENT_VERSIONS_MIGRATION,
  MEASUREMENT_PERIODS_COVERING_MIGRATION,
];

/** What this build expects the database to have; readiness checks compare it with appliedMigrations(). */
export const KNOWN_MIGRATION_VERSIONS: readonly number[] = MIGRATIONS.map((m) => m.version);

/**
 * The migrations not yet in `applied`, in order. Throws when the list itself is malformed,
 * so a bad new entry fails the first start (and the migrations test), not silently later.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  applied: readonly number[],
): Migration[] {
  // Strictly increasing; gaps are allowed so that work in parallel can reserve ranges
  // (forms 2–9, reminders 10–19, …) without renumbering when it lands.
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`Migration list is malformed: entry ${i} has version ${m.version}, which must be an integer greater than ${previous}`);
    }
  });
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version));
}

/** Readiness: every known migration is in `applied`; versions this build does not know (a newer instance's, in a rolling upgrade) are fine. */
export function allMigrationsApplied(applied: readonly number[]): boolean {
  const done = new Set(applied);
  return KNOWN_MIGRATION_VERSIONS.every((v) => done.has(v));
}
