import { Pool, type PoolConfig } from 'pg';
import type { Logger } from '../core/ports/logger';

/**
 * How a PostgreSQL store reaches the server: a pool its owner shares and ends
 * (store/open-database.ts: one pool for both stores), or a URL the store opens a pool of its own from
 * (tests that run several "instances" in one process).
 */
export type PostgresConnection =
  | { pool: Pool }
  | {
      /** postgres:// or postgresql:// URL. */
      connectionString: string;
      /** Most connections this pool opens. */
      poolSize?: number;
      /** Further pg pool settings, e.g. `options: '-c search_path=…'` in tests. */
      poolConfig?: Omit<PoolConfig, 'connectionString' | 'max'>;
    };

/** A new pool; an idle client losing its connection emits 'error' on it, which unhandled kills the process. */
export function createPostgresPool(
  options: { connectionString: string; poolSize?: number; poolConfig?: Omit<PoolConfig, 'connectionString' | 'max'> },
  defaultSize: number,
  logger: Logger,
  errorMessage: string,
): Pool {
  const pool = new Pool({ connectionTimeoutMillis: 5000, ...options.poolConfig, connectionString: options.connectionString, max: options.poolSize ?? defaultSize });
  pool.on('error', (err) => logger.error({ err }, errorMessage));
  return pool;
}

/** The pool to use and whether the store owns it (and so ends it on close). */
export function poolOf(connection: PostgresConnection, defaultSize: number, logger: Logger, errorMessage: string): { pool: Pool; owned: boolean } {
  if ('pool' in connection) return { pool: connection.pool, owned: false };
  return { pool: createPostgresPool(connection, defaultSize, logger, errorMessage), owned: true };
}
