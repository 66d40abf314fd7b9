/**
 * `npm run backup -- --out FILE`: a consistent copy of the database DATABASE_URL names, safe while
 * the bot runs. SQLite: SQLite's online backup API through better-sqlite3 (no sqlite3 CLI), read
 * back and checked before it is kept; restore by stopping the bot and putting the file where
 * DATABASE_URL points. PostgreSQL: pg_dump's custom format (restore with pg_restore).
 * Exit code 0 = written, 2 = usage/config/backup failed.
 */
import { parseArgs } from 'node:util';
import { parseDatabaseUrl } from '../store/database-url';
import { backupDatabase } from '../store/backup-database';
import { runOperatorCommand, whereTyped, operatorConfig } from './operator-command';

const USAGE = 'Brug: npm run backup -- --out FIL (fx --out backup/maalbot-2026-12-03.sqlite, eller .dump for PostgreSQL)';

async function main(argv: readonly string[]): Promise<number> {
  let out: string | undefined;
  try {
    ({ values: { out } } = parseArgs({ args: [...argv], options: { out: { type: 'string' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (out === undefined || out.trim() === '') {
    console.error(`--out mangler.\n${USAGE}`);
    return 2;
  }
  const { config, root } = operatorConfig();
  const target = parseDatabaseUrl(config.databaseUrl, root);
  const file = whereTyped(out);
  const result = await backupDatabase(target, file);
  const details = 'measurements' in result ? `, ${result.measurements} målinger, skemaversion ${result.schemaVersion}` : ' (pg_dump, custom-format; gendan med pg_restore)';
  console.log(`Sikkerhedskopi skrevet til ${result.file} (${result.bytes} bytes${details}).`);
  return 0;
}

runOperatorCommand(() => main(process.argv.slice(2)));
