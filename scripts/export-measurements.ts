/**
 * `npm run export -- --out maalinger.xlsx` (or `.csv`): every measurement of every loaded contract
 * year from the database DATABASE_URL names. The CSV has exactly the columns `npm run import` reads
 * (the rows that count); the workbook has every row with its audit trail. Exit code 0 = written, 2 = usage/config.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config/read-config';
import { loadDotEnv } from '../config/load-dot-env';
import { loadContracts } from '../goals/load-contracts';
import { OperatorError } from '../goals/operator-error';
import { projectRoot } from '../goals/default-contract';
import { openDatabase } from '../store/open-database';
import { measurementsCsv, measurementsXlsx } from '../features/measurements/export/export-measurements';

const USAGE = 'Brug: npm run export -- --out maalinger.xlsx   (eller maalinger.csv)';

async function main(argv: readonly string[]): Promise<number> {
  let out: string | undefined;
  try {
    ({ values: { out } } = parseArgs({ args: [...argv], options: { out: { type: 'string' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (out === undefined || !/\.(xlsx|csv)$/i.test(out)) {
    console.error(`--out skal være en .xlsx- eller .csv-fil.\n${USAGE}`);
    return 2;
  }
  loadDotEnv(projectRoot());
  const config = readConfig(process.env);
  const root = projectRoot();
  const book = loadContracts(path.resolve(root, config.contractFile));
  const database = await openDatabase(config.databaseUrl, { baseDir: root });
  try {
    const rows = (await Promise.all(book.contracts.map((c) => database.measurements.listMeasurements(c.id)))).flat();
    const bytes = /\.csv$/i.test(out) ? Buffer.from(measurementsCsv(rows), 'utf8') : await measurementsXlsx(rows);
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), out);
    writeFileSync(file, bytes);
    console.log(`${rows.length} målinger skrevet til ${file}.`);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof OperatorError ? err.message : err);
    process.exitCode = 2;
  },
);
