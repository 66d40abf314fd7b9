import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { pendingMigrations } from './migrations';
import type { Logger } from '../core/ports/logger';

const CREATE_BOOKKEEPING = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
  ) STRICT`;

/** Versions recorded in schema_migrations, ascending; [] before the first migrate. */
export function appliedSqliteMigrations(db: Database): number[] {
  const table = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get();
  if (table === undefined) return [];
  const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{
    version: number;
  }>;
  return rows.map((r) => r.version);
}

/**
 * Applies the pending migrations in ONE immediate transaction: either all of them or none.
 * BEGIN IMMEDIATE takes the write lock before reading what is applied, so two processes
 * starting on the same file (with busy_timeout) apply each version once.
 * Returns the versions it applied.
 */
export function migrateSqlite(
  db: Database,
  migrations: readonly Migration[],
  now: () => Date,
  logger: Logger,
): number[] {
  const run = db.transaction((): number[] => {
    db.exec(CREATE_BOOKKEEPING);
    const pending = pendingMigrations(migrations, appliedSqliteMigrations(db));
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sqlite);
      record.run(m.version, m.name, now().toISOString());
    }
    return pending.map((m) => m.version);
  });
  const applied = run.immediate();
  for (const version of applied) {
    const m = migrations.find((x) => x.version === version); // versions may have gaps
    logger.info({ db: 'sqlite', version, name: m?.name }, 'applied migration');
  }
  return applied;
}
