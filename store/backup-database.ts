import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { OperatorError } from '../goals/operator-error';
import type { DatabaseTarget } from './database-url';

export interface BackupResult {
  file: string;
  bytes: number;
  /** Rows in the measurements table of the copy (read back from it, not from the source). */
  measurements: number;
  /** The highest applied migration in the copy. */
  schemaVersion: number;
}

/** A backup that could not be made; the message says why in Danish, for the operator. */
export class BackupError extends OperatorError {
  readonly code = 'BACKUP_FAILED';
}

/**
 * Reads a finished copy back: integrity, row count and schema version. A copy that fails this is
 * not a backup, so it is deleted rather than left to be trusted.
 */
function verifySqliteCopy(file: string): Omit<BackupResult, 'file' | 'bytes'> {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    // The copy inherits WAL mode; as a rollback-journal file it is one self-contained file (no -wal, -shm).
    db.pragma('journal_mode = DELETE');
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`Kopien ${file} er ikke hel (integrity_check: ${String(integrity)}).`);
    const measurements = (db.prepare('SELECT COUNT(*) AS n FROM measurements').get() as { n: number }).n;
    const schemaVersion = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    return { measurements, schemaVersion };
  } finally {
    db.close();
  }
}

/**
 * SQLite: better-sqlite3's online backup API (SQLite's own), safe while the bot runs and writes
 * (WAL): the copy is one consistent snapshot. Written next to the target and renamed at the end,
 * so a cut-off backup never looks like a finished one.
 */
export async function backupSqlite(source: string, out: string): Promise<BackupResult> {
  if (source === ':memory:') throw new BackupError('En database i hukommelsen (sqlite::memory:) kan ikke sikkerhedskopieres.');
  if (!existsSync(source)) throw new BackupError(`Databasen ${source} findes ikke – tjek DATABASE_URL.`);
  if (path.resolve(source) === path.resolve(out)) throw new BackupError('--out må ikke være selve databasefilen.');
  if (existsSync(out)) throw new BackupError(`${out} findes allerede – vælg et nyt filnavn (en sikkerhedskopi overskriver aldrig en fil).`);
  const partial = `${out}.partial-${process.pid}`;
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`Sikkerhedskopien kunne ikke skrives til ${out}: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  try {
    const facts = verifySqliteCopy(partial);
    renameSync(partial, out);
    return { file: out, bytes: statSync(out).size, ...facts };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * PostgreSQL: `pg_dump --format=custom` (restore with `pg_restore`), run when it is on PATH; the
 * URL goes to pg_dump as its argument, never into a log line or message.
 */
export async function backupPostgres(url: string, out: string, pgDump = 'pg_dump'): Promise<{ file: string; bytes: number }> {
  if (existsSync(out)) throw new BackupError(`${out} findes allerede – vælg et nyt filnavn (en sikkerhedskopi overskriver aldrig en fil).`);
  const partial = `${out}.partial-${process.pid}`;
  const stderr: string[] = [];
  const code = await new Promise<number | 'missing'>((resolve) => {
    const child = spawn(pgDump, ['--format=custom', '--no-owner', `--file=${partial}`, url], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (c: Buffer) => stderr.push(c.toString()));
    child.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ENOENT' ? 'missing' : 1));
    child.once('exit', (c) => resolve(c ?? 1));
  });
  if (code === 'missing') {
    throw new BackupError('pg_dump findes ikke på denne maskine. Installér PostgreSQL-klienten (fx apt-get install postgresql-client) og kør igen, eller kør selv: pg_dump --format=custom --file=maalbot.dump "$DATABASE_URL".');
  }
  if (code !== 0) {
    rmSync(partial, { force: true });
    // pg_dump's own words say what failed (connection, permission); they do not contain the password.
    throw new BackupError(`pg_dump fejlede (kode ${code}): ${stderr.join('').trim().slice(0, 500)}`);
  }
  renameSync(partial, out);
  return { file: out, bytes: statSync(out).size };
}

export async function backupDatabase(target: DatabaseTarget, out: string): Promise<BackupResult | { file: string; bytes: number }> {
  return target.kind === 'sqlite' ? backupSqlite(target.file, out) : backupPostgres(target.url, out);
}
