/**
 * `npm run seed:demo` (or `npx tsx scripts/seed-demo.ts`): fills the database DATABASE_URL names
 * (default: SQLite at ./data/maalbot.sqlite) with demo measurements, marked as demo everywhere.
 * Refuses to seed a contract that already has demo rows.
 */
import path from 'node:path';
import { parseDatabaseUrl, describeDatabaseTarget } from '../store/database-url';
import { openDatabase } from '../store/open-database';
import { DEMO_CONTRACT_ID, DemoAlreadySeededError, seedDemo } from '../store/seed-demo-data';
import { loadDotEnv } from '../config/load-dot-env';

async function main(): Promise<number> {
  const projectRoot = path.resolve(__dirname, '..');
  loadDotEnv(projectRoot);
  const url = process.env.DATABASE_URL;
  const target = parseDatabaseUrl(url, projectRoot);
  const database = await openDatabase(url, { baseDir: projectRoot });
  const store = database.measurements;
  try {
    const rows = await seedDemo(store, DEMO_CONTRACT_ID);
    console.log(`Inserted ${rows.length} demo measurements for ${DEMO_CONTRACT_ID} into ${describeDatabaseTarget(target)}:`);
    for (const m of rows) {
      const shown = m.value !== null ? String(m.value) : m.done ? 'done' : 'not done';
      const segment = m.segment ? ` ${m.segment}` : '';
      console.log(`  #${m.id} ${m.kpiId}${segment}: ${shown} (${m.period}, measured ${m.measuredOn})`);
    }
    return 0;
  } catch (err) {
    if (err instanceof DemoAlreadySeededError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
