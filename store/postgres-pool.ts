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

/**
 * A new pool. A client losing its connection (a server restart, a failover, a network cut) emits
 * 'error' — on the pool while it is idle, on the client itself while a query or transaction has it
 * checked out; unhandled, either kills the process. So the pool listens, and every client gets a
 * listener the moment it connects, for its whole life. The query running on it then rejects, the
 * turn answers with an apology and a reference, the broken client is dropped (release(err)), and the
 * next turn connects anew.
 */
export function createPostgresPool(
  options: { connectionString: string; poolSize?: number; poolConfig?: Omit<PoolConfig, 'connectionString' | 'max'> },
  defaultSize: number,
  logger: Logger,
  errorMessage: string,
): Pool {
  const pool = new Pool({ connectionTimeoutMillis: 5000, ...options.poolConfig, connectionString: options.connectionString, max: options.poolSize ?? defaultSize });
  pool.on('error', (err) => logger.error({ err }, errorMessage));
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.warn({ err, event: 'postgres-connection-lost' }, 'PostgreSQL connection lost; the statement on it fails and the next one reconnects'));
  });
  return pool;
}

/** The pool to use and whether the store owns it (and so ends it on close). */
export function poolOf(connection: PostgresConnection, defaultSize: number, logger: Logger, errorMessage: string): { pool: Pool; owned: boolean } {
  if ('pool' in connection) return { pool: connection.pool, owned: false };
  return { pool: createPostgresPool(connection, defaultSize, logger, errorMessage), owned: true };
}
