import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenDatabaseOptions } from '../../store/open-database';
import type { Database } from '../../core/ports/database';
import { createTempSchema, requirePostgresOrSkip } from './postgres';

/** A fresh database for one test and how to throw it away. */
export type TestDatabaseFactory = () => Promise<{ database: Database; cleanup(): Promise<void> }>;

/**
 * Runs `suite` twice: on a fresh SQLite file per test, and on a fresh PostgreSQL schema per test
 * (skipped with a message where no server answers; mandatory on CI, see requirePostgresOrSkip).
 */
export function describeOnEveryDatabase(suite: (label: string, makeDatabase: TestDatabaseFactory) => void, options: Pick<OpenDatabaseOptions, 'now'> = {}): void {
  suite('SQLite', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-e2e-db-'));
    const database = await openDatabase(`sqlite:${path.join(dir, 'e2e.sqlite')}`, { baseDir: dir, ...options });
    return {
      database,
      async cleanup() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
  describe('on PostgreSQL', function () {
    before(async function () {
      await requirePostgresOrSkip(this);
    });
    suite('PostgreSQL', async () => {
      const schema = await createTempSchema();
      const database = await openDatabase(schema.connectionString, { baseDir: os.tmpdir(), poolConfig: schema.poolConfig, poolSize: 4, ...options });
      return {
        database,
        async cleanup() {
          await database.close();
          await schema.drop();
        },
      };
    });
  });
}
