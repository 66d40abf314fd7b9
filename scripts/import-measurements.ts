/**
 * `npm run import -- FILE.csv`: imports historical measurements (e.g. the 2020 baselines) into the
 * database DATABASE_URL names, for the contract CONTRACT_FILE names. Columns: README "Import af
 * målinger". The same validation as the form; every bad line is reported with its line number and
 * then nothing is stored (all or nothing). Exit code 0 = stored, 1 = bad lines, 2 = usage/file/config.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config/read-config';
import { loadContracts } from '../goals/load-contracts';
import { OperatorError } from '../goals/operator-error';
import { projectRoot } from '../goals/default-contract';
import { parseDatabaseUrl, describeDatabaseTarget } from '../store/database-url';
import { openDatabase } from '../store/open-database';
import { systemClock } from '../core/time/clock';
import { localDate } from '../core/time/zoned-time';
import { formatImportReport, importMeasurementsCsv } from '../features/measurements/import/import-measurements';
import { loadDotEnv } from '../config/load-dot-env';

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
    // npm runs scripts in the project root; INIT_CWD is where the user typed the command.
    text = readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
  } catch (err) {
    console.error(unreadableFile(file, (err as NodeJS.ErrnoException).code));
    return 2;
  }
  loadDotEnv(projectRoot());
  const config = readConfig(process.env);
  const root = projectRoot();
  const contracts = loadContracts(path.resolve(root, config.contractFile));
  const today = localDate(systemClock(), config.timeZone);
  const contract = contracts.inForce(today);
  const database = await openDatabase(config.databaseUrl, { baseDir: root });
  const store = database.measurements;
  try {
    const result = await importMeasurementsCsv(text, { contract, contracts, store, today, fileName: path.basename(file) });
    const report = formatImportReport(result, path.basename(file));
    if (!result.ok) {
      console.error(report);
      return 1;
    }
    const years = [...new Set(result.stored.map((m) => m.contractId))].join(', ');
    console.log(`${report}\nKontrakt ${years}, database ${describeDatabaseTarget(parseDatabaseUrl(config.databaseUrl, root))}.`);
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
    // Operator errors (config, contract file, database URL …) are written for a person: print them plainly, no stack.
    console.error(err instanceof OperatorError ? err.message : err);
    process.exitCode = 2;
  },
);
