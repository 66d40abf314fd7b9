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
 * A trigger, not a statement of the store: it runs inside the transaction's own round trips (a
 * submission stays at five), no new write path (import, correction, seed) can forget it, and
 * instances of an older build bump it too. It is a deferred constraint trigger: it runs at COMMIT, so
 * the version row's lock is held only for the commit itself, not across a submission's status
 * statement (an immediate trigger made every other writer of the contract wait for that). Once per
 * transaction and contract (a transaction-local setting remembers it): an import of 10 000 rows
 * updates the row once, not 10 000 times. The period backfill, which adds periods without rows,
 * bumps in its own statement (FILL_PERIODS in postgres-store.ts).
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
    DECLARE
      done_key text := 'maalbot.version_bumped_' || md5(NEW.contract_id);
    BEGIN
      IF current_setting(done_key, true) IS DISTINCT FROM 'yes' THEN
        INSERT INTO measurement_versions AS v (contract_id, version) VALUES (NEW.contract_id, 1)
        ON CONFLICT (contract_id) DO UPDATE SET version = v.version + 1;
        PERFORM set_config(done_key, 'yes', true);
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER measurements_bump_version AFTER INSERT ON measurements
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION measurement_versions_bump();
  `,
};

/** The contract's version (one primary-key lookup); none before its first row. */
export const MEASUREMENT_VERSION_SQL = 'SELECT version FROM measurement_versions WHERE contract_id = $1';

/** After a statement that adds periods (RETURNING their contract_id as `contract_id` in CTE `added`): bump each contract once. */
export const BUMP_ADDED_CONTRACTS = `
  INSERT INTO measurement_versions AS v (contract_id, version)
  SELECT DISTINCT contract_id, 1 FROM added ORDER BY contract_id
  ON CONFLICT (contract_id) DO UPDATE SET version = v.version + 1`;
