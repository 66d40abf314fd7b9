/**
 * `npm run export -- --out maalinger.xlsx` (or `.csv`): every measurement of every loaded contract
 * year from the database DATABASE_URL names. The CSV has exactly the columns `npm run import` reads
 * (the rows that count); the workbook has every row with its audit trail. Exit code 0 = written, 2 = usage/config.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { measurementsCsv, measurementsXlsx } from '../features/measurements/export/export-measurements';
import { runOperatorCommand, whereTyped, withProjectDatabase } from './operator-command';

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
  return withProjectDatabase(async ({ book, database }) => {
    const rows = (await Promise.all(book.contracts.map((c) => database.measurements.listMeasurements(c.id)))).flat();
    const bytes = /\.csv$/i.test(out) ? Buffer.from(measurementsCsv(rows), 'utf8') : await measurementsXlsx(rows);
    const file = whereTyped(out);
    writeFileSync(file, bytes);
    console.log(`${rows.length} målinger skrevet til ${file}.`);
    return 0;
  });
}

runOperatorCommand(() => main(process.argv.slice(2)));
