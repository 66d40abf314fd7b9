import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../goals/default-contract';
import { FakeConnector } from '../test/helpers/fake-connector';
import { teamsMessage } from '../test/helpers/teams-activity';
import { teamsCardInvoke } from '../test/helpers/teams-invoke';
import { drive, median, percentile, startBotProcess, type BotProcess } from './bot-process';

/**
 * The growth scenario of `npm run bench` (alone: `npm run bench:growth`): one Målbot per database
 * size (default 10, 10 000 and 100 000 measurements, BENCH_GROWTH_SIZES), each started from outside
 * exactly as `npm start` does (`node dist/app/main.js`, default config, reminder store on, logger to
 * /dev/null), seeded beforehand by bench/growth-seed.ts. Every round drives each of them in turn
 * (A B C A B C …) with "status mål 3" (10 connections), "historik mål 3" and form submissions, all
 * Teams-shaped with a fresh activity id, in ten conversations; then reports per size the medians over
 * rounds and, against the 10-row bot, the medians of the per-round ratios with their spread.
 * BENCH_APP_DIR measures another build (a checkout with its own dist/); BENCH_BASELINE_DIR adds a
 * second build (D) to the same alternation, each size on its own copy of the data (A D for 10 rows,
 * A D for 10 000 …), and reports A/D per size as the median of the per-round ratios.
 * BENCH_GROWTH_POSTGRES=postgres://user@host:port/db (a database to connect to for CREATE DATABASE)
 * runs every bot on a PostgreSQL database of its own instead, created and seeded (by this build's
 * growth-seed) for the run and dropped after it.
 * "status after a write" is a status question sent right after a submission (one at a time,
 * AFTER_WRITE times a round): the turn that reads the status rows afresh.
 */

const SIZES = (process.env.BENCH_GROWTH_SIZES ?? '10,10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_GROWTH_ROUNDS ?? 3);
const STATUS_TURNS = Number(process.env.BENCH_GROWTH_STATUS_TURNS ?? 400);
const HISTORY_TURNS = Number(process.env.BENCH_GROWTH_HISTORY_TURNS ?? 150);
const SUBMITS = Number(process.env.BENCH_GROWTH_SUBMITS ?? 100);
const AFTER_WRITE = Number(process.env.BENCH_GROWTH_AFTER_WRITE ?? 20);
const POSTGRES = process.env.BENCH_GROWTH_POSTGRES;

/** CREATE DATABASE `name` on the server of `adminUrl`; its URL (noted in `created` for the drop). */
async function createPostgresDatabase(adminUrl: string, name: string, created: string[]): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`); // name: letters, digits and _ only, made above
    created.push(name);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
const CONNECTIONS = 10;
const STAFF = '00000000-0000-4000-8000-00000000beef';

interface Sample {
  statusP50: number;
  statusP99: number;
  statusTurnsPerSecond: number;
  historyP50: number;
  submitP50: number;
  /** Median of the status questions asked right after a submission. */
  statusAfterWriteP50: number;
  rss: number;
  /** Connections the bot reset under load (retried once). */
  resets: number;
}

export interface GrowthResult {
  sizes: number[];
  rounds: number;
  /** Per size, per round. */
  samples: Sample[][];
  peakRss: number[];
  seedSeconds: number[];
  /** The same for BENCH_BASELINE_DIR's build, when given. */
  baseline?: { dir: string; samples: Sample[][]; peakRss: number[] };
}

const METRICS: Array<{ key: keyof Sample; label: string; unit: string; higherIsBetter?: boolean }> = [
  { key: 'statusP50', label: '"status mål 3" p50', unit: 'ms' },
  { key: 'statusP99', label: '"status mål 3" p99', unit: 'ms' },
  { key: 'statusTurnsPerSecond', label: 'status, 10 connections', unit: 'turns/s', higherIsBetter: true },
  { key: 'historyP50', label: '"historik mål 3" p50', unit: 'ms' },
  { key: 'submitP50', label: 'submission p50', unit: 'ms' },
  { key: 'statusAfterWriteP50', label: 'status after a write p50', unit: 'ms' },
  { key: 'rss', label: 'RSS after the round', unit: 'MiB' },
];

export async function runGrowthScenario(): Promise<GrowthResult> {
  const appDir = path.resolve(process.env.BENCH_APP_DIR ?? projectRoot());
  const baselineDir = process.env.BENCH_BASELINE_DIR === undefined ? undefined : path.resolve(process.env.BENCH_BASELINE_DIR);
  const appDirs = baselineDir === undefined ? [appDir] : [appDir, baselineDir];
  const connector = new FakeConnector();
  await connector.start();
  const dirs: string[] = [];
  const databases: string[] = [];
  // bots[app][size]
  const bots: BotProcess[][] = appDirs.map(() => []);
  const seedSeconds: number[] = [];
  try {
    for (const size of SIZES) {
      for (const [a, dir_] of appDirs.entries()) {
        let databaseUrl: string;
        let seedTarget: string;
        if (POSTGRES === undefined) {
          const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-growth-'));
          dirs.push(dir);
          seedTarget = path.join(dir, 'maalbot.sqlite');
          databaseUrl = `sqlite:${seedTarget}`;
        } else {
          seedTarget = databaseUrl = await createPostgresDatabase(POSTGRES, `maalbot_growth_${process.pid}_${size}_${a}`, databases);
        }
        // Seeded by this build (a PostgreSQL database by any build's store would hold the same rows).
        const seeder = POSTGRES === undefined ? dir_ : projectRoot();
        const out = execFileSync(process.execPath, [path.join(seeder, 'dist/bench/growth-seed.js'), seedTarget, String(size)], { cwd: seeder, encoding: 'utf8' });
        if (a === 0) seedSeconds.push((JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number }).seconds);
        bots[a]!.push(await startBotProcess({ name: `Målbot${a === 0 ? '' : ' (baseline)'} ${size} rows`, script: 'dist/app/main.js', cwd: dir_, env: { ...process.env, DATABASE_URL: databaseUrl, STAFF_USERS: STAFF, LOG_LEVEL: 'info' } }));
      }
    }
    const serviceUrl = connector.serviceUrl;
    const conversations = Array.from({ length: CONNECTIONS }, (_, i) => `a:1growth-bench-${i}`);
    let n = 0;
    const message = (text: string) => () => {
      const a = teamsMessage({ text, serviceUrl, kind: 'personal', fromAadObjectId: STAFF });
      (a.conversation as Record<string, unknown>).id = conversations[n++ % conversations.length];
      return JSON.stringify(a); // teamsMessage gives every activity a fresh id, as Teams does
    };
    const submission = () =>
      JSON.stringify(
        teamsCardInvoke({
          serviceUrl,
          verb: 'submitMeasurement',
          conversationId: conversations[n++ % conversations.length],
          fromAadObjectId: STAFF,
          data: { goalId: '3', submissionId: randomUUID(), kpiId: '3a', segment: 'drift', value: '82', period: '2021', measuredOn: '2021-11-30', source: 'brugerevaluering', sourceOther: '', comment: 'Vækstbench' },
        }),
      );
    for (const bot of bots.flat()) {
      await drive(bot.port, message('status mål 3'), 100, CONNECTIONS);
      await drive(bot.port, message('historik mål 3'), 20, 2);
      await drive(bot.port, submission, 5, 1);
      connector.reset();
    }
    const samples: Sample[][][] = appDirs.map(() => SIZES.map(() => []));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, size] of SIZES.entries()) {
        for (const [a, appBots] of bots.entries()) {
          const bot = appBots[i]!;
          process.stderr.write(`  growth: round ${round + 1}/${ROUNDS}, ${size} rows${a === 0 ? '' : ' (baseline)'}\n`);
          const status = await drive(bot.port, message('status mål 3'), STATUS_TURNS, CONNECTIONS);
          connector.reset();
          const history = await drive(bot.port, message('historik mål 3'), HISTORY_TURNS, 2);
          connector.reset();
          const submit = await drive(bot.port, submission, SUBMITS, 1);
          connector.reset();
          const afterWrite: number[] = [];
          for (let k = 0; k < AFTER_WRITE; k++) {
            await drive(bot.port, submission, 1, 1);
            afterWrite.push(...(await drive(bot.port, message('status mål 3'), 1, 1)).latencies);
          }
          connector.reset();
          samples[a]![i]!.push({
            statusP50: percentile(status.latencies, 0.5),
            statusP99: percentile(status.latencies, 0.99),
            statusTurnsPerSecond: STATUS_TURNS / status.seconds,
            historyP50: percentile(history.latencies, 0.5),
            submitP50: percentile(submit.latencies, 0.5),
            statusAfterWriteP50: percentile(afterWrite, 0.5),
            rss: bot.rss().now,
            resets: status.resets + history.resets + submit.resets,
          });
        }
      }
    }
    const peak = (appBots: BotProcess[]) => appBots.map((b) => b.rss().peak);
    return {
      sizes: SIZES,
      rounds: ROUNDS,
      samples: samples[0]!,
      peakRss: peak(bots[0]!),
      seedSeconds,
      ...(baselineDir === undefined ? {} : { baseline: { dir: baselineDir, samples: samples[1]!, peakRss: peak(bots[1]!) } }),
    };
  } finally {
    for (const bot of bots.flat()) await bot.stop();
    await connector.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (POSTGRES !== undefined) await dropPostgresDatabases(POSTGRES, databases);
  }
}

const num = (v: number, digits: number) => v.toFixed(digits).padStart(9);

export function printGrowthScenario(r: GrowthResult): void {
  console.log(`\nscenario: growth — Målbot as \`npm start\` runs it, ${POSTGRES === undefined ? 'SQLite' : 'PostgreSQL'} with ${r.sizes.join(' / ')} measurements; ${r.rounds} rounds, A B C alternating${r.baseline ? `, each beside the baseline build ${r.baseline.dir}` : ''}`);
  printGrowthTable(r);
  if (r.baseline === undefined) return;
  console.log(`\n  baseline build (D), the same rounds:`);
  printGrowthTable({ ...r, samples: r.baseline.samples, peakRss: r.baseline.peakRss });
  console.log(`\n  A/D per size, median of the per-round ratios [min–max]:`);
  for (const m of METRICS) {
    const ratios = r.samples.map((rounds, i) => {
      const paired = rounds.map((s, round) => s[m.key] / r.baseline!.samples[i]![round]![m.key]);
      return `${r.sizes[i]}: ${median(paired).toFixed(2)}x [${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}]`;
    });
    console.log(`  ${m.label.padEnd(26)} ${ratios.join('  ')}`);
  }
}

function printGrowthTable(r: GrowthResult): void {
  console.log(`  seeded in ${r.seedSeconds.map((s) => `${s.toFixed(1)} s`).join(' / ')} (bulk insert through the store)`);
  console.log(`  medians over rounds (${r.sizes.map((s) => `${s} rows`).join(' | ')}), then each size against 10 rows: median of the per-round ratios [min–max]`);
  for (const m of METRICS) {
    const perSize = r.samples.map((rounds) => median(rounds.map((s) => s[m.key])));
    const ratios = r.samples.slice(1).map((rounds, i) => {
      const paired = rounds.map((s, round) => s[m.key] / r.samples[0]![round]![m.key]);
      return `${r.sizes[i + 1]}: ${median(paired).toFixed(2)}x [${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}]`;
    });
    console.log(`  ${m.label.padEnd(26)} ${perSize.map((v) => num(v, m.unit === 'ms' ? 2 : 0)).join(' ')} ${m.unit.padEnd(8)} ${ratios.join('  ')}`);
  }
  const resets = r.samples.map((rounds) => rounds.reduce((n, s) => n + s.resets, 0));
  if (resets.some((x) => x > 0)) console.log(`  connections reset by the bot (retried): ${resets.join(' / ')}`);
  console.log(`  peak RSS (VmHWM)           ${r.peakRss.map((v) => num(v, 0)).join(' ')} MiB`);
  const status = r.samples.at(-1)!.map((s, round) => s.statusP50 / r.samples[0]![round]!.statusP50);
  const history = r.samples.at(-1)!.map((s, round) => s.historyP50 / r.samples[0]![round]!.historyP50);
  const target = (ratios: number[]) => (median(ratios) <= 1.5 ? 'met' : 'NOT met');
  console.log(`  target: ${r.sizes.at(-1)} rows within 1.5x of 10 rows → status ${target(status)}, history ${target(history)}`);
}

if (require.main === module) {
  runGrowthScenario()
    .then(printGrowthScenario)
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
