import Database from 'better-sqlite3';

/**
 * Opens the file as the crash left it (SQLite replays or discards the WAL on open) and runs
 * `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: "ok" and no violations when healthy.
 */
export function sqliteHealth(file: string): { integrity: string; foreignKeyViolations: number } {
  const db = new Database(file);
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    return { integrity, foreignKeyViolations };
  } finally {
    db.close();
  }
}

/** Runs one read-only query on the file (for counting what a crash left behind). */
export function sqliteQuery<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
