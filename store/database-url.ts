import path from 'node:path';
import { OperatorError } from '../goals/operator-error';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Where the SQLite file goes when DATABASE_URL is unset, relative to the base dir. */
export const DEFAULT_SQLITE_FILE = path.join('data', 'maalbot.sqlite');

const ACCEPTED_FORMS =
  'Accepted forms: unset (SQLite file ./data/maalbot.sqlite), "sqlite:PATH", "sqlite://PATH", ' +
  '"sqlite::memory:" (tests only), "postgres://USER:PASSWORD@HOST:5432/DB" or "postgresql://…".';

/** DATABASE_URL could not be understood. The message never contains the URL (it may hold a password). */
export class DatabaseUrlError extends OperatorError {
  readonly code = 'DATABASE_URL_INVALID';
  constructor(problem: string) {
    super(`DATABASE_URL ${problem}. ${ACCEPTED_FORMS}`);
    this.name = 'DatabaseUrlError';
  }
}

/**
 * Reads DATABASE_URL's value. Relative SQLite paths (and the default) resolve against `baseDir`,
 * so the file lands in the same place whatever directory the process was started from.
 */
export function parseDatabaseUrl(url: string | undefined, baseDir: string = process.cwd()): DatabaseTarget {
  const value = url?.trim() ?? '';
  if (value === '') return { kind: 'sqlite', file: path.resolve(baseDir, DEFAULT_SQLITE_FILE) };

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DatabaseUrlError('starts with postgres:// but is not a valid URL');
    }
    if (!value.slice(scheme.length + 1).startsWith('//') || parsed.hostname === '') {
      throw new DatabaseUrlError('is a PostgreSQL URL without a host');
    }
    return { kind: 'postgres', url: value };
  }
  if (scheme === 'sqlite') {
    const rest = value.slice('sqlite:'.length);
    const file = rest.startsWith('//') ? rest.slice(2) : rest; // sqlite:///abs/path → /abs/path
    if (file === ':memory:') return { kind: 'sqlite', file: ':memory:' };
    if (file === '') throw new DatabaseUrlError('is "sqlite:" without a file path');
    return { kind: 'sqlite', file: path.resolve(baseDir, file) };
  }
  throw new DatabaseUrlError(
    scheme === undefined ? 'has no scheme' : `has the unsupported scheme "${scheme}:"`,
  );
}

/** Host, port and database of a PostgreSQL URL, for logs: never the user or password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `sqlite:${target.file}`;
  const u = new URL(target.url);
  return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}
