import { OperatorError } from '../goals/operator-error';

/** File-system and SQLite codes that mean "this file or its directory cannot be used", not a bug. */
const REASONS: Record<string, string> = {
  EACCES: 'Målbot må ikke skrive i mappen',
  EPERM: 'Målbot må ikke skrive i mappen',
  EROFS: 'mappen ligger på et skrivebeskyttet filsystem',
  ENOSPC: 'disken er fuld',
  ENOENT: 'mappen findes ikke og kan ikke oprettes',
  ENOTDIR: 'en del af stien er en fil, ikke en mappe',
  SQLITE_CANTOPEN: 'filen kan ikke oprettes eller åbnes (findes mappen, og må Målbot skrive i den?)',
  SQLITE_READONLY: 'filen eller mappen er skrivebeskyttet',
  SQLITE_READONLY_DIRECTORY: 'mappen er skrivebeskyttet',
  SQLITE_FULL: 'disken er fuld',
  SQLITE_IOERR: 'disken svarer med en I/O-fejl',
  SQLITE_NOTADB: 'filen er ikke en SQLite-database',
  SQLITE_CORRUPT: 'filen er beskadiget',
};

/**
 * The SQLite file (or its data directory) cannot be opened for writing at startup. Printed as
 * one plain sentence for the operator — which file, why, what to do — instead of a stack trace.
 */
export class SqliteOpenError extends OperatorError {
  readonly code = 'SQLITE_UNUSABLE';
  constructor(file: string, reason: string) {
    super(`Databasen ${file} kan ikke bruges: ${reason}. Ret rettighederne eller pladsen, eller peg DATABASE_URL på en anden fil.`);
    this.name = 'SqliteOpenError';
  }

  /** The operator's version of an error from opening or migrating the file; undefined when it is not a file fault. */
  static from(file: string, err: unknown): SqliteOpenError | undefined {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
    const reason = REASONS[code] ?? REASONS[code.replace(/_[A-Z]+$/, '')];
    return reason === undefined ? undefined : new SqliteOpenError(file, reason);
  }
}
