/**
 * `npm run report -- --out rapport.docx [--year 2021] [--as-of 2021-10-01]`: writes the KKR report
 * (the same document the bot sends in Teams) from the database DATABASE_URL names and the
 * contracts CONTRACT_FILE names. Without --year/--as-of: status today under the contract in force.
 * Exit code 0 = written, 2 = usage/config/file.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/time/clock';
import { generateReport } from '../features/report/generate-report';
import { parseReportTimeArgs } from './report-args';
import { runOperatorCommand, whereTyped, withProjectDatabase } from './operator-command';

const USAGE = 'Brug: npm run report -- --out rapport.docx [--year 2021] [--as-of 2021-10-01]';

async function main(argv: readonly string[]): Promise<number> {
  let values: { out?: string; year?: string; 'as-of'?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.out === undefined || !values.out.endsWith('.docx')) {
    console.error(`--out skal være en .docx-fil.\n${USAGE}`);
    return 2;
  }
  const at = parseReportTimeArgs(values.year, values['as-of']);
  if (!at.ok) {
    console.error(`${at.text}\n${USAGE}`);
    return 2;
  }
  return withProjectDatabase(async ({ config, book, database }) => {
    const report = await generateReport(
      { book, measurements: database.measurements, explanations: database.reports, now: systemClock, timeZone: config.timeZone },
      { at: at.time, generatedBy: `${os.userInfo().username} (kommandolinjen)` },
    );
    if (!report.ok) {
      console.error(report.text);
      return 2;
    }
    const out = whereTyped(values.out!);
    writeFileSync(out, report.bytes);
    console.log(`${report.model.title} (${report.model.contractTitle}) skrevet til ${out} (${report.bytes.length} bytes).`);
    return 0;
  });
}

runOperatorCommand(() => main(process.argv.slice(2)));
