import { parseDatabaseUrl } from './open-store';
import { PostgresReminderStore } from './postgres-reminder-store';
import type { ReminderStore } from '../core/ports/reminder-store';
import { SqliteReminderStore } from './sqlite-reminder-store';
import { silentLogger } from '../core/silent-logger';
import type { Logger } from '../core/ports/logger';

export interface OpenReminderStoreOptions {
  /** Directory relative SQLite paths resolve against (the project root). */
  baseDir: string;
  logger?: Logger;
}

/**
 * Opens the reminder store on the database DATABASE_URL names — the same file or server as the
 * measurement store, through its own connection — and brings the schema up to date.
 * ("sqlite::memory:" gives a private, throw-away database: tests only.)
 */
export async function openReminderStore(url: string | undefined, options: OpenReminderStoreOptions): Promise<ReminderStore> {
  const target = parseDatabaseUrl(url, options.baseDir);
  const logger = options.logger ?? silentLogger;
  const store: ReminderStore =
    target.kind === 'sqlite' ? new SqliteReminderStore(target.file, { logger }) : new PostgresReminderStore({ connectionString: target.url, logger });
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
