import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../goals/default-contract';
import { FakeConnector } from '../test/helpers/fake-connector';
import { teamsCardInvoke } from '../test/helpers/teams-invoke';
import { drive, median, percentile, startBotProcess, type BotProcess } from './bot-process';
import { FORMS, submitter } from './submit-scenario';

/**
 * `npm run bench:submit-main`: form submissions to Målbot started exactly as `npm start` starts it
 * (`node dist/app/main.js`, default configuration, reminder store on, the real logger at info to
 * /dev/null) on a SQLite file seeded by bench/growth-seed.ts — SUBMITTERS staff at once, every tenth
 * submission sent twice (a Teams retry), the forms and staff of bench/submit-scenario.ts. With
 * BENCH_BASELINE_DIR (a built checkout of another commit) its Målbot (D) runs beside this one (A) on
 * its own copy of the data, driven in turn A D A D … for BENCH_ROUNDS rounds; the report gives per
 * bot the medians over rounds and, for A/D, the median of the per-round ratios with their spread.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each bot there when it stops.
 */

const SUBMITTERS = Number(process.env.BENCH_SUBMITTERS ?? 20);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 2_000);
const WARMUP = Number(process.env.BENCH_SUBMIT_WARMUP ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEED_ROWS = Number(process.env.BENCH_SUBMIT_SEED_ROWS ?? 200);

interface Sample {
  p50: number;
  p99: number;
  perSecond: number;
  /** The bot's CPU time (user + system) per invoke, ms. */
  cpuPerInvoke: number;
}

const METRICS: Array<{ key: keyof Sample; label: string; unit: string }> = [
  { key: 'p50', label: 'p50', unit: 'ms' },
  { key: 'p99', label: 'p99', unit: 'ms' },
  { key: 'perSecond', label: 'invokes/s', unit: '/s' },
  { key: 'cpuPerInvoke', label: 'CPU per invoke', unit: 'ms' },
];

/** utime + stime of a process in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function runSubmitMainScenario(): Promise<{ labels: string[]; samples: Sample[][] }> {
  const dirs = [path.resolve(process.env.BENCH_APP_DIR ?? projectRoot()), ...(process.env.BENCH_BASELINE_DIR ? [path.resolve(process.env.BENCH_BASELINE_DIR)] : [])];
  const labels = dirs.map((d, i) => (i === 0 ? `A ${d}` : `D ${d}`));
  const connector = new FakeConnector();
  await connector.start();
  const temp: string[] = [];
  const bots: BotProcess[] = [];
  const profile = process.env.BENCH_CPU_PROF;
  try {
    for (const dir of dirs) {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'maalbot-submit-main-'));
      temp.push(tmp);
      const file = path.join(tmp, 'maalbot.sqlite');
      execFileSync(process.execPath, [path.join(dir, 'dist/bench/growth-seed.js'), file, String(SEED_ROWS)], { cwd: dir });
      const env = { ...process.env, DATABASE_URL: `sqlite:${file}`, STAFF_USERS: Array.from({ length: SUBMITTERS }, (_, i) => submitter(i).fromAadObjectId).join(','), LOG_LEVEL: 'info' };
      const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
      bots.push(await startBotProcess({ name: `Målbot ${dir}`, script: 'dist/app/main.js', nodeArgs, cwd: dir, env }));
    }
    const serviceUrl = connector.serviceUrl;
    let n = 0;
    let pending: string | undefined; // every tenth body is sent again right after it
    const body = () => {
      if (pending !== undefined) {
        const again = pending;
        pending = undefined;
        return again;
      }
      const i = n++;
      const form = FORMS[i % FORMS.length]!;
      const w = i % SUBMITTERS;
      const data = { goalId: form.goalId, submissionId: randomUUID(), period: '2021', measuredOn: '2021-09-30', source: 'brugerevaluering', sourceOther: '', comment: `Bench ${i}`, ...form.inputs };
      const b = JSON.stringify(teamsCardInvoke({ serviceUrl, verb: 'submitMeasurement', data, kind: 'channel', ...submitter(w) }));
      if (i % 10 === 0) pending = b;
      return b;
    };
    for (const bot of bots) {
      // drive() checks the status only: one submission first that must come back confirmed.
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
      const text = await res.text();
      if (res.status !== 200 || !text.includes('er gemt')) throw new Error(`${bot.name}: a submission was not confirmed: ${res.status} ${text.slice(0, 300)}`);
      await drive(bot.port, body, WARMUP, SUBMITTERS);
      connector.reset();
    }
    const samples: Sample[][] = bots.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, bot] of bots.entries()) {
        process.stderr.write(`  submit (main.js): round ${round + 1}/${ROUNDS}, ${labels[i]}\n`);
        const before = cpuMs(bot.child.pid!);
        const r = await drive(bot.port, body, SUBMITS, SUBMITTERS);
        connector.reset();
        samples[i]!.push({ p50: percentile(r.latencies, 0.5), p99: percentile(r.latencies, 0.99), perSecond: r.latencies.length / r.seconds, cpuPerInvoke: (cpuMs(bot.child.pid!) - before) / r.latencies.length });
      }
    }
    return { labels, samples };
  } finally {
    for (const bot of bots) await bot.stop();
    await connector.stop();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  }
}

export function printSubmitMainScenario(r: { labels: string[]; samples: Sample[][] }): void {
  console.log(`\nscenario: form submissions to \`node dist/app/main.js\` (${SUBMITTERS} at once, every 10th sent twice, ${SUBMITS} × ${ROUNDS} rounds, medians over rounds)`);
  for (const [i, label] of r.labels.entries()) {
    console.log(`  ${label}: ${METRICS.map((m) => `${m.label} ${median(r.samples[i]!.map((s) => s[m.key])).toFixed(2)} ${m.unit}`).join(', ')}`);
  }
  if (r.samples.length < 2) return;
  const paired = (key: keyof Sample) => r.samples[0]!.map((s, round) => s[key] / r.samples[1]![round]![key]);
  console.log(`  A/D, median of the per-round ratios [min–max]: ${METRICS.map((m) => `${m.label} ${median(paired(m.key)).toFixed(2)}x [${Math.min(...paired(m.key)).toFixed(2)}–${Math.max(...paired(m.key)).toFixed(2)}]`).join(', ')}`);
}

if (require.main === module) {
  runSubmitMainScenario()
    .then(printSubmitMainScenario)
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
