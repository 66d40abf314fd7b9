import type { Pool } from 'pg';
import type { Migration } from './migration';
import { pendingMigrations } from './migrations';
import type { Logger } from '../core/ports/logger';

/** First half of the advisory lock key: "maal" in ASCII, so other apps' locks do not collide. */
const LOCK_NAMESPACE = 0x6d61616c;

const CREATE_BOOKKEEPING = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER     PRIMARY KEY,
    name       TEXT        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`;

/** Versions recorded in schema_migrations (of the current search_path), ascending; [] before the first migrate. */
export async function appliedPostgresMigrations(pool: Pool): Promise<number[]> {
  const exists = await pool.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (exists.rows[0]?.t == null) return [];
  const res = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return res.rows.map((r) => r.version);
}

/**
 * Applies the pending migrations in ONE transaction: all or none. Several instances may start
 * at once, so the transaction first takes a transaction-scoped advisory lock (released at
 * COMMIT/ROLLBACK, also if the connection dies) and only then reads what is applied.
 * The lock key includes the schema, so separate schemas (tests, tenants) do not wait on each other.
 * Returns the versions it applied.
 */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<number[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))`, [
        LOCK_NAMESPACE,
      ]);
      await client.query(CREATE_BOOKKEEPING);
      const res = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const pending = pendingMigrations(
        migrations,
        res.rows.map((r) => r.version),
      );
      for (const m of pending) {
        await client.query(m.postgres);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await client.query('COMMIT');
      for (const m of pending) logger.info({ db: 'postgres', version: m.version, name: m.name }, 'applied migration');
      return pending.map((m) => m.version);
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: Error) => {
        broken = rollbackErr; // the connection is unusable; release(err) below destroys it
      });
      throw err;
    }
  } finally {
    client.release(broken);
  }
}
