import type { Database } from '../core/ports/database';
import type { Logger } from '../core/ports/logger';
import type { MeasurementStore } from '../core/ports/measurement-store';
import type { ReminderStore } from '../core/ports/reminder-store';
import { silentLogger } from '../core/silent-logger';
import { describeDatabaseTarget, parseDatabaseUrl } from './database-url';
import { allMigrationsApplied } from './migrations';
import type { ReportStore } from '../core/ports/report-store';
import { SqliteOpenError } from './sqlite-open-error';
import type { PostgresConnection } from './postgres-pool';
import type { ConversationMemory } from '../core/ports/conversation-memory';

export interface OpenDatabaseOptions {
  /** Directory relative SQLite paths resolve against (the project root). */
  baseDir: string;
  logger?: Logger;
  /** PostgreSQL only: most connections of the one pool both stores share. Default 10. */
  poolSize?: number;
  /** Clock for recordedAt; injectable for tests. */
  now?: () => Date;
  /** PostgreSQL only: further pg pool settings, e.g. `options: '-c search_path=…'` for a test schema. */
  poolConfig?: Extract<PostgresConnection, { connectionString: string }>['poolConfig'];
}

/**
 * Opens the database DATABASE_URL names — both stores on it — and brings its schema up to date,
 * once (one migration list covers both stores). ("sqlite::memory:" gives a private, throw-away
 * database: tests only.)
 */
export async function openDatabase(url: string | undefined, options: OpenDatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(url, options.baseDir);
  const logger = options.logger ?? silentLogger;
  let measurements: MeasurementStore;
  let reminders: ReminderStore;
  let reports: ReportStore;
  let topics: ConversationMemory;
  let endPool = async (): Promise<void> => undefined;
  if (target.kind === 'sqlite') {
    // Two connections on the one file (WAL + busy_timeout make that safe) because the stores want
    // different pragmas: synchronous=FULL for measurements (a confirmed one survives a power loss),
    // NORMAL for the reminders' frequent small writes.
    // Loaded only here: a PostgreSQL deployment never loads the native better-sqlite3 module (and a
    // SQLite one never loads pg), so it needs no native build that works on its host.
    const { SqliteMeasurementStore } = require('./sqlite-store') as typeof import('./sqlite-store');
    const { SqliteReminderStore } = require('./sqlite-reminder-store') as typeof import('./sqlite-reminder-store');
    const { SqliteReportStore } = require('./sqlite-report-store') as typeof import('./sqlite-report-store');
    const { SqliteConversationMemory } = require('./sqlite-conversation-memory') as typeof import('./sqlite-conversation-memory');
    try {
      measurements = new SqliteMeasurementStore(target.file, { logger, now: options.now });
      reminders = new SqliteReminderStore(target.file, { logger });
      reports = new SqliteReportStore(target.file, { logger, now: options.now });
      topics = new SqliteConversationMemory(target.file, { logger });
    } catch (err) {
      throw SqliteOpenError.from(target.file, err) ?? err;
    }
  } else {
    const { createPostgresPool } = require('./postgres-pool') as typeof import('./postgres-pool');
    const { PostgresMeasurementStore } = require('./postgres-store') as typeof import('./postgres-store');
    const { PostgresReminderStore } = require('./postgres-reminder-store') as typeof import('./postgres-reminder-store');
    const { PostgresReportStore } = require('./postgres-report-store') as typeof import('./postgres-report-store');
    const { PostgresConversationMemory } = require('./postgres-conversation-memory') as typeof import('./postgres-conversation-memory');
    const pool = createPostgresPool({ connectionString: target.url, poolSize: options.poolSize, poolConfig: options.poolConfig }, 10, logger, 'idle PostgreSQL connection failed');
    endPool = () => pool.end();
    measurements = new PostgresMeasurementStore({ pool, logger, now: options.now });
    reminders = new PostgresReminderStore({ pool, logger });
    reports = new PostgresReportStore({ pool, logger, now: options.now });
    topics = new PostgresConversationMemory({ pool, logger });
  }
  const close = async (): Promise<void> => {
    await Promise.all([measurements.close(), reminders.close(), reports.close(), topics.close()]);
    await endPool();
  };
  try {
    await measurements.migrate();
    // ':memory:' is a separate database per connection: the reminders' one needs its own run.
    if (target.kind === 'sqlite' && target.file === ':memory:') {
      await reminders.migrate();
      await reports.migrate();
      await topics.migrate();
    }
  } catch (err) {
    await close().catch(() => undefined); // the migrate error is the one worth reporting
    throw (target.kind === 'sqlite' ? SqliteOpenError.from(target.file, err) : undefined) ?? err;
  }
  logger.info({ db: target.kind, target: describeDatabaseTarget(target), migrations: await measurements.appliedMigrations() }, 'store opened');
  let closed: Promise<void> | undefined;
  return {
    kind: target.kind,
    measurements,
    reminders,
    reports,
    topics,
    ping: () => measurements.ping(),
    probeWrite: () => measurements.probeWrite(),
    migrationsCurrent: async () => allMigrationsApplied(await measurements.appliedMigrations()),
    close: () => (closed ??= close()),
  };
}
