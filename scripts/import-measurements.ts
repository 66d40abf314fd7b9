/**
 * `npm run import -- FILE.csv`: imports historical measurements (e.g. the 2020 baselines) into the
 * database DATABASE_URL names, for the contract CONTRACT_FILE names. Columns: README "Import af
 * målinger". The same validation as the form; every bad line is reported with its line number and
 * then nothing is stored (all or nothing). Exit code 0 = stored, 1 = bad lines, 2 = usage/file/config.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl, describeDatabaseTarget } from '../store/database-url';
import { systemClock } from '../core/time/clock';
import { localDate } from '../core/time/zoned-time';
import { formatImportReport, importMeasurementsCsv } from '../features/measurements/import/import-measurements';
import { runOperatorCommand, whereTyped, withProjectDatabase } from './operator-command';

/** Why a file could not be read, in a sentence for the person who typed its name (not "ENOENT"). */
function unreadableFile(file: string, code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return `Filen ${file} findes ikke. Tjek navnet og mappen (stien læses fra den mappe, du står i).`;
    case 'EACCES':
    case 'EPERM':
      return `Du har ikke adgang til at læse ${file}. Tjek filens rettigheder.`;
    case 'EISDIR':
      return `${file} er en mappe, ikke en CSV-fil.`;
    default:
      return `Filen ${file} kunne ikke læses${code === undefined ? '' : ` (${code})`}.`;
  }
}

async function main(args: readonly string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('-'));
  if (file === undefined || args.length !== 1) {
    console.error('Brug: npm run import -- FIL.csv   (kolonner: se README, afsnittet "Import af målinger")');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(whereTyped(file), 'utf8');
  } catch (err) {
    console.error(unreadableFile(file, (err as NodeJS.ErrnoException).code));
    return 2;
  }
  return withProjectDatabase(async ({ config, root, book: contracts, database }) => {
    const today = localDate(systemClock(), config.timeZone);
    const contract = contracts.inForce(today);
    const store = database.measurements;
    const result = await importMeasurementsCsv(text, { contract, contracts, store, today, fileName: path.basename(file) });
    const report = formatImportReport(result, path.basename(file));
    if (!result.ok) {
      console.error(report);
      return 1;
    }
    const years = [...new Set(result.stored.map((m) => m.contractId))].join(', ');
    console.log(`${report}\nKontrakt ${years}, database ${describeDatabaseTarget(parseDatabaseUrl(config.databaseUrl, root))}.`);
    return 0;
  });
}

runOperatorCommand(() => main(process.argv.slice(2)));
