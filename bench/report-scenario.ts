import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../store/open-database';
import { DEMO_CONTRACT_ID, seedDemo } from '../store/seed-demo-data';
import { loadContracts } from '../goals/load-contracts';
import { DEFAULT_CONTRACTS_FOLDER, projectRoot } from '../goals/default-contract';
import { generateReport } from '../features/report/generate-report';
import type { NewMeasurement } from '../core/measurement';
import type { Database } from '../core/ports/database';

/**
 * The KKR report scenario of `npm run bench` (also alone: `npm run bench:report`): the 2021 Word
 * report generated from the demo data (target: well under a second), then from a database of
 * BENCH_REPORT_ROWS rows (default 100 000) — time, and the heap the generation needs on top of what
 * was in use before (target: bounded, about the same as for the demo data: the report reads one
 * page of each series at a time, not every row).
 */
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);
const BIG_ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 100_000);
const NOW = () => new Date('2022-02-01T10:00:00Z');

export interface ReportScenarioResult {
  demo: { p50: number; max: number; bytes: number };
  big: { rows: number; ms: number; bytes: number; peakHeapMiB: number; demoPeakHeapMiB: number };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Time of one report, and the highest heap seen while it was made (sampled every 2 ms) above the heap before. */
async function measured(database: Database): Promise<{ ms: number; bytes: number; peakHeapMiB: number }> {
  const book = loadContracts(path.resolve(projectRoot(), DEFAULT_CONTRACTS_FOLDER));
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
  const started = process.hrtime.bigint();
  const report = await generateReport({ book, measurements: database.measurements, explanations: database.reports, now: NOW, timeZone: 'Europe/Copenhagen' }, { at: { year: 2021 }, generatedBy: 'bench' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (!report.ok) throw new Error(report.text);
  return { ms, bytes: report.bytes.length, peakHeapMiB: (peak - base) / 1048576 };
}

function bigRows(n: number): NewMeasurement[] {
  const kpis: Array<{ kpiId: string; segment: 'drift' | 'vækst' | null; base: number }> = [
    { kpiId: '1a', segment: null, base: 30 },
    { kpiId: '3a', segment: 'drift', base: 75 },
    { kpiId: '3a', segment: 'vækst', base: 72 },
    { kpiId: '3b', segment: 'drift', base: 60 },
    { kpiId: '4a', segment: null, base: 40 },
    { kpiId: '6a', segment: null, base: 50 },
  ];
  return Array.from({ length: n }, (_, i) => {
    const k = kpis[i % kpis.length]!;
    const day = new Date(Date.UTC(2021, 0, 1) + Math.floor((i / n) * 364) * 86_400_000).toISOString().slice(0, 10);
    return {
      contractId: DEMO_CONTRACT_ID,
      kpiId: k.kpiId,
      value: k.base + (i % 13),
      done: null,
      segment: k.segment,
      period: k.kpiId === '1a' ? 'efterår 2021' : '2021',
      measuredOn: day,
      source: 'Bench',
      note: null,
      recordedBy: 'bench',
      demo: false,
      submissionId: `bench-${i}`,
    };
  });
}

export async function runReportScenario(): Promise<ReportScenarioResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-bench-report-'));
  try {
    const demoDb = await openDatabase(`sqlite:${path.join(dir, 'demo.sqlite')}`, { baseDir: dir });
    await seedDemo(demoDb.measurements, DEMO_CONTRACT_ID);
    await measured(demoDb); // warm-up: module loading, font, first render
    const times: number[] = [];
    let demoBytes = 0;
    let demoPeak = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await measured(demoDb);
      times.push(r.ms);
      demoBytes = r.bytes;
      demoPeak = Math.max(demoPeak, r.peakHeapMiB);
    }
    await demoDb.close();
    times.sort((a, b) => a - b);

    const bigDb = await openDatabase(`sqlite:${path.join(dir, 'big.sqlite')}`, { baseDir: dir });
    const rows = bigRows(BIG_ROWS);
    for (let i = 0; i < rows.length; i += 5_000) await bigDb.measurements.appendMeasurements(rows.slice(i, i + 5_000));
    rows.length = 0;
    await measured(bigDb);
    const big = await measured(bigDb);
    await bigDb.close();
    return {
      demo: { p50: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]!, bytes: demoBytes },
      big: { rows: BIG_ROWS, ms: big.ms, bytes: big.bytes, peakHeapMiB: big.peakHeapMiB, demoPeakHeapMiB: demoPeak },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printReportScenario(r: ReportScenarioResult): void {
  console.log(`\nscenario: KKR report (Word), "afrapportering 2021"`);
  console.log(`  demo data (2021):    p50 ${r.demo.p50.toFixed(0)} ms, max ${r.demo.max.toFixed(0)} ms over ${RUNS} runs, ${(r.demo.bytes / 1024).toFixed(0)} KiB → ${r.demo.max < 1000 ? 'well under a second' : 'NOT under a second'}`);
  console.log(`  ${r.big.rows.toLocaleString('en-US').replace(/,/g, '.')} rows:        ${r.big.ms.toFixed(0)} ms, ${(r.big.bytes / 1024).toFixed(0)} KiB`);
  const bounded = r.big.peakHeapMiB < Math.max(64, r.demo.max > 0 ? r.big.demoPeakHeapMiB * 4 : 64);
  console.log(`  heap while generating (peak above before): demo ${r.big.demoPeakHeapMiB.toFixed(1)} MiB, ${r.big.rows} rows ${r.big.peakHeapMiB.toFixed(1)} MiB → ${bounded ? 'bounded' : 'NOT bounded'}`);
}

if (require.main === module) {
  runReportScenario().then(printReportScenario, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
