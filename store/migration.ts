/**
 * One versioned schema change, SQL for both databases. Its own file so that the migration
 * list (migrations.ts) and the entries kept beside it (reminder-migrations.ts) both import it
 * without importing each other.
 */
export interface Migration {
  /** 1, 2, 3 … strictly increasing (gaps allowed, see pendingMigrations). */
  readonly version: number;
  /** snake_case, says what changes. */
  readonly name: string;
  /** Runs inside a transaction, so no PRAGMA or VACUUM here. */
  readonly sqlite: string;
  /** Runs inside a transaction, so no CREATE INDEX CONCURRENTLY here. */
  readonly postgres: string;
}
