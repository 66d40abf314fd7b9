import path from 'node:path';
import type { NewMeasurement } from '../core/measurement';
import { loadContracts } from '../goals/load-contracts';
import { projectRoot, DEFAULT_CONTRACT_FILE } from '../goals/default-contract';
import { openDatabase } from '../store/open-database';

/**
 * `node dist/bench/growth-seed.js FILE|postgres://… N`: a SQLite file (or a PostgreSQL database) with N measurements of the contract in
 * force, as years of monthly and quarterly reporting would leave them — spread over every KPI and
 * segment, periods inside the KPI's window with one in a hundred outside it (a baseline year), a
 * correction now and then — written in one transaction through the store (appendMeasurements: the
 * same rules and side tables as a submission), not through HTTP. Used by bench/growth-scenario.ts.
 */
const MONTHS = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

export function growthRows(contractId: string, kpis: ReadonlyArray<{ id: string; kind: string; segments: readonly string[] }>, n: number, start = 0): NewMeasurement[] {
  const rows: NewMeasurement[] = [];
  for (let i = start; i < start + n; i++) {
    const kpi = kpis[i % kpis.length]!;
    const doneKind = kpi.kind === 'milestone' || kpi.kind === 'duty';
    const month = 1 + (Math.floor(i / kpis.length) % 11); // January to November 2021
    const outside = i % 100 === 99;
    rows.push({
      contractId,
      kpiId: kpi.id,
      value: doneKind ? null : 30 + ((i * 7919) % 600) / 10,
      done: doneKind ? i % 3 !== 0 : null,
      segment: kpi.segments.length === 0 ? null : (kpi.segments[Math.floor(i / kpis.length) % kpi.segments.length] as NewMeasurement['segment']),
      period: outside ? '2020' : `${MONTHS[month - 1]} 2021`,
      measuredOn: outside ? '2020-12-31' : `2021-${String(month).padStart(2, '0')}-28`,
      source: 'Vækstbench',
      note: null,
      recordedBy: 'growth-seed',
      demo: false,
      submissionId: null,
      supersedesId: null,
      conversationId: null,
      recordedByName: null,
      recordedByUpn: null,
      evidence: null,
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const [file, count] = process.argv.slice(2);
  const n = Number(count);
  if (file === undefined || !Number.isInteger(n) || n < 0) throw new Error('usage: growth-seed FILE|postgres://… N');
  const root = projectRoot();
  const contract = loadContracts(path.resolve(root, DEFAULT_CONTRACT_FILE)).inForce('2021-12-31');
  const database = await openDatabase(/^postgres(ql)?:\/\//.test(file) ? file : `sqlite:${path.resolve(file)}`, { baseDir: root });
  try {
    const started = Date.now();
    const kpis = contract.goals.flatMap((g) => g.kpis);
    // Batches of 10 000 rows, each one transaction: bounded memory, and still a bulk insert.
    for (let done = 0; done < n; done += 10_000) {
      await database.measurements.appendMeasurements(growthRows(contract.id, kpis, Math.min(10_000, n - done), done));
    }
    console.log(JSON.stringify({ rows: n, seconds: (Date.now() - started) / 1000 }));
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
