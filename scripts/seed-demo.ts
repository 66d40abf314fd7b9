/**
 * `npm run seed:demo`: a demo database with measurements marked as demo everywhere, in its own
 * file (./data/demo.sqlite, or DEMO_DATABASE_URL) — never in the database DATABASE_URL names.
 * Start the bot on it with `npm run start:demo`. Refuses to seed a contract that already has demo rows.
 */
import { parseDatabaseUrl, describeDatabaseTarget } from '../store/database-url';
import { openDatabase } from '../store/open-database';
import { DEMO_CONTRACT_ID, DemoAlreadySeededError, seedDemo } from '../store/seed-demo-data';
import { loadDotEnv } from '../config/load-dot-env';
import { projectRoot } from '../goals/default-contract';
import { formatDate, formatNumber } from '../core/danish-format';
import { OperatorError } from '../goals/operator-error';
import { demoDatabaseUrl } from './demo-database';

async function main(): Promise<number> {
  const root = projectRoot();
  loadDotEnv(root);
  const url = demoDatabaseUrl(process.env);
  const target = parseDatabaseUrl(url, root);
  const real = parseDatabaseUrl(process.env.DATABASE_URL, root);
  if (JSON.stringify(target) === JSON.stringify(real)) {
    console.error('DEMO_DATABASE_URL peger på samme database som DATABASE_URL. Demodata skal i sin egen database – vælg en anden fil.');
    return 2;
  }
  const database = await openDatabase(url, { baseDir: root });
  try {
    const rows = await seedDemo(database.measurements, DEMO_CONTRACT_ID);
    console.log(`${rows.length} demomålinger for ${DEMO_CONTRACT_ID} skrevet til ${describeDatabaseTarget(target)}:`);
    for (const m of rows) {
      const shown = m.value !== null ? formatNumber(m.value) : m.done ? 'nået' : 'ikke nået';
      const segment = m.segment ? ` ${m.segment}` : '';
      console.log(`  nr. ${m.id} ${m.kpiId}${segment}: ${shown} (${m.period}, målt ${formatDate(m.measuredOn)})`);
    }
    console.log(`Start botten på demodatabasen med: npm run start:demo  (eller DATABASE_URL=${url} npm start)`);
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
    console.error(err instanceof OperatorError || err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
