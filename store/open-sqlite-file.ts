import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * One connection to the bot's SQLite file as every store opens it: the folder made if missing, WAL
 * (several connections on one file), a busy timeout, and the store's own durability — FULL where a
 * confirmed write must survive a power loss, NORMAL for frequent bookkeeping. Closed again if a
 * pragma fails, so a refused file leaves no handle open.
 */
export function openSqliteFile(file: string, options: { busyTimeoutMs?: number; synchronous: 'FULL' | 'NORMAL' }): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma(`synchronous = ${options.synchronous}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
