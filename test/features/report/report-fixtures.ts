import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../store/open-database';
import type { Database } from '../../../core/ports/database';
import { loadContracts } from '../../../goals/load-contracts';
import { DEFAULT_CONTRACTS_FOLDER, projectRoot } from '../../../goals/default-contract';
import type { ContractBook } from '../../../goals/contract-book';
import { generateReport, type GeneratedReport } from '../../../features/report/generate-report';
import type { StatusTime } from '../../../features/status/status-point';

export const CONTRACT_ID = 'kkr-syddanmark-sydjylland-2021';
export const TIME_ZONE = 'Europe/Copenhagen';

export function contractBook(): ContractBook {
  return loadContracts(path.resolve(projectRoot(), DEFAULT_CONTRACTS_FOLDER));
}

/** A fresh SQLite database in a temporary folder. */
export async function tempDatabase(): Promise<{ database: Database; file: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-report-'));
  const file = path.join(dir, 'report.sqlite');
  const database = await openDatabase(`sqlite:${file}`, { baseDir: dir });
  return {
    database,
    file,
    async cleanup() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function reportOf(database: Database, now: string, at?: StatusTime): Promise<Extract<GeneratedReport, { ok: true }>> {
  const report = await generateReport(
    { book: contractBook(), measurements: database.measurements, explanations: database.reports, now: () => new Date(now), timeZone: TIME_ZONE },
    { at, generatedBy: 'Lene Holm' },
  );
  if (!report.ok) throw new Error(report.text);
  return report;
}
