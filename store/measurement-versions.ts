import type { Migration } from './migration';

/**
 * PostgreSQL's mark for the status and history caches (store/postgres-store.ts): one row per
 * contract whose `version` moves on every statement that adds measurements or their periods.
 *
 * Why not max(id), as on SQLite: on PostgreSQL ids are taken at insert, not at commit. Two
 * transactions take ids 100 and 101, 101 commits first, a reader caches at max = 101, then 100
 * commits and max is still 101: that cache would stay stale for good. Here every inserting
 * statement bumps its contract's row with `version = version + 1`; the row lock makes the bumps
 * queue behind each other, each commit leaves a version no earlier commit had, and a reader sees
 * only the versions of committed data. Read before the status statement, an unchanged version
 * means no row was committed in between.
 *
 * A statement trigger, not a statement of the store: it runs inside the inserting statement (a
 * submission stays at five round trips), it cannot be forgotten by a new write path (import,
 * correction, seed, period backfill), and instances of an older build bump it too. It runs
 * after the inserted rows exist (AFTER … FOR EACH STATEMENT, transition table), once per statement,
 * contracts in a fixed order so two multi-contract imports do not deadlock.
 *
 * SQLite keeps max(id) (one writer, ids in commit order) and has nothing to create.
 */
export const MEASUREMENT_VERSIONS_MIGRATION: Migration = {
  version: 41,
  name: 'create_measurement_versions',
  sqlite: `SELECT 1;`,
  postgres: `
    CREATE TABLE measurement_versions (
      contract_id TEXT   PRIMARY KEY,
      version     BIGINT NOT NULL
    );
    CREATE FUNCTION measurement_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO measurement_versions AS v (contract_id, version)
      SELECT DISTINCT contract_id, 1 FROM added ORDER BY contract_id
      ON CONFLICT (contract_id) DO UPDATE SET version = v.version + 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER measurements_bump_version AFTER INSERT ON measurements
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION measurement_versions_bump();
    CREATE TRIGGER measurement_periods_bump_version AFTER INSERT ON measurement_periods
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION measurement_versions_bump();
  `,
};

/** The contract's version (one primary-key lookup); 0 before its first row. */
export const MEASUREMENT_VERSION_SQL = 'SELECT version FROM measurement_versions WHERE contract_id = $1';
