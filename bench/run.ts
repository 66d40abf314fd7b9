import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeConnector } from '../test/helpers/fake-connector';
import { teamsMessage } from '../test/helpers/teams-activity';
import { openDatabase } from '../store/open-database';
import { seedDemo } from '../store/seed-demo-data';
import { projectRoot } from '../goals/default-contract';
import { cpuMilliseconds, drive, median, percentile, startBotProcess, type BotProcess } from './bot-process';
import { printSubmitScenario, runSubmitScenario } from './submit-scenario';
import { printFanoutResult, runFanoutScenario } from './fanout-scenario';
import { printMixedScenario, runMixedScenario } from './mixed-scenario';
import { printGrowthScenario, runGrowthScenario } from './growth-scenario';
import { printReportScenario, runReportScenario } from './report-scenario';

/**
 * `npm run bench`: "status mål 4?" turns over loopback against three bots, each in its own process,
 * alternating A B C for BENCH_ROUNDS rounds (default 3):
 *   A  Målbot exactly as `npm start` runs it — `node dist/app/main.js`, default config (reminder
 *      store on, logger at info to /dev/null), on a SQLite file with the demo rows;
 *   B  a bare botbuilder echo bot on the same stack;
 *   C  the same bare bot sending the very reply Målbot sent (its card): the stack's own cost for it.
 * With BENCH_BASELINE_DIR (a checkout of an older commit, built), its Målbot runs as D in the same
 * alternation (A B C D), on its own copy of the database, and A/D and D/C are reported too.
 * Every request is Teams-shaped with a fresh activity id, in a fixed set of channel threads and
 * personal chats. Reported: per bot the medians over rounds, and the medians of the per-round ratios
 * A/B and A/C with their spread (min–max) — no best-of. Then the director's questions of issue 11
 * (a fact, several goals, a list by status) against the same Målbot, its RSS over BENCH_MEMORY_TURNS,
 * the submit scenario, the reminder fan-out, the mixed load, the KKR report (bench/report-scenario.ts)
 * and the growth scenario.
 */

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP_TURNS = Number(process.env.BENCH_WARMUP ?? 1_000);
const MEASURED_TURNS = Number(process.env.BENCH_TURNS ?? 3_000);
const MEMORY_TURNS = Number(process.env.BENCH_MEMORY_TURNS ?? 20_000);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
/** BENCH_ONLY=status: the "status mål 4?" side by side alone (A B C [D]), nothing after it. */
const ONLY_STATUS = process.env.BENCH_ONLY === 'status';
const QUESTION = 'status mål 4?';
/** Issue 11's kinds of question, each driven like "status mål 4?". */
const DIRECTOR_QUESTIONS = ['hvad er målet for NPS?', 'status mål 3 og 4', 'hvilke mål er i risiko?'];

interface Reference {
  port: number;
  child: ChildProcess;
}

/** A reference bot (bench/bench-server.ts) in its own process. */
async function startReference(which: 'echo' | 'card-echo', replyFile?: string): Promise<Reference> {
  const child = fork(path.join(__dirname, 'bench-server.js'), [which, ...(replyFile ? [replyFile] : [])], { execArgv: ['--disable-warning=DEP0111'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('no port'))));
    child.once('exit', (code) => reject(new Error(`${which} exited with ${code}`)));
  });
  return { port, child };
}

interface RunResult {
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** The bot process's CPU time per turn (all threads, user + system), ms. */
  cpuPerTurn: number;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  const connector = new FakeConnector();
  await connector.start();
  const serviceUrl = connector.serviceUrl;
  console.log(`Målbot bench: ${MEASURED_TURNS} turns × ${ROUNDS} rounds per bot (A B C alternating), concurrency ${CONCURRENCY}, warm-up ${WARMUP_TURNS}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-bench-'));
  const file = path.join(dir, 'maalbot.sqlite');
  const seeded = await openDatabase(`sqlite:${file}`, { baseDir: dir });
  await seedDemo(seeded.measurements);
  await seeded.close();
  const root = projectRoot();
  const baselineFile = path.join(dir, 'baseline.sqlite');
  if (BASELINE_DIR !== undefined) copyFileSync(file, baselineFile);
  const maalbot: BotProcess = await startBotProcess({ name: 'Målbot', script: 'dist/app/main.js', cwd: root, env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'info' } });
  const baseline: BotProcess | undefined =
    BASELINE_DIR === undefined ? undefined : await startBotProcess({ name: 'Målbot (baseline)', script: 'dist/app/main.js', cwd: path.resolve(BASELINE_DIR), env: { ...process.env, DATABASE_URL: `sqlite:${baselineFile}`, LOG_LEVEL: 'info' } });

  // Fresh ids on every activity (teamsMessage), as Teams sends them; 16 conversations reused.
  let n = 0;
  const threads = Array.from({ length: CONCURRENCY }, (_, i) => i);
  const body = () => {
    const i = threads[n++ % threads.length]!;
    const a = teamsMessage({ text: QUESTION, serviceUrl, kind: i % 2 === 0 ? 'channel' : 'personal', mention: i % 2 === 0 });
    const conversation = a.conversation as Record<string, unknown>;
    conversation.id = i % 2 === 0 ? `19:bench-channel-${i}@thread.tacv2;messageid=${Date.now()}` : `a:1bench-personal-${i}`;
    if (i % 2 === 0) a.channelData = { ...(a.channelData as object), teamsChannelId: `19:bench-channel-${i}@thread.tacv2`, channel: { id: `19:bench-channel-${i}@thread.tacv2` } };
    return JSON.stringify(a);
  };

  // The card-echo bot sends what Målbot sent for the question.
  await drive(maalbot.port, body, 1, 1);
  const sent = connector.calls[0]!.body as { text?: string; attachments?: unknown[] };
  const replyFile = path.join(dir, 'reply.json');
  writeFileSync(replyFile, JSON.stringify({ text: sent.text, attachments: sent.attachments }));
  const replyBytes = Buffer.byteLength(readFileSync(replyFile));
  const bots = { maalbot: { port: maalbot.port, child: maalbot.child }, echo: await startReference('echo'), cardEcho: await startReference('card-echo', replyFile), baseline: { port: baseline?.port ?? 0, child: baseline?.child } };
  const names = { maalbot: 'Målbot (A)', echo: 'echo bot (B)', cardEcho: 'card-echo bot (C)', baseline: 'baseline (D)' } as const;
  type Bot = keyof typeof bots;
  const order: readonly Bot[] = baseline === undefined ? ['maalbot', 'echo', 'cardEcho'] : ['maalbot', 'echo', 'cardEcho', 'baseline'];

  const run = async (bot: { port: number; child?: ChildProcess }, turns: number): Promise<RunResult> => {
    connector.reset();
    const cpuBefore = cpuMilliseconds(bot.child!.pid!);
    const { latencies, seconds } = await drive(bot.port, body, turns, CONCURRENCY);
    const cpu = cpuMilliseconds(bot.child!.pid!) - cpuBefore;
    if (connector.calls.length !== turns) throw new Error(`expected ${turns} replies, connector saw ${connector.calls.length}`);
    return { turnsPerSecond: turns / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), cpuPerTurn: cpu / turns };
  };
  for (const which of order) await run(bots[which], WARMUP_TURNS);
  const results: Record<Bot, RunResult[]> = { maalbot: [], echo: [], cardEcho: [], baseline: [] };
  for (let round = 0; round < ROUNDS; round++) for (const which of order) results[which].push(await run(bots[which], MEASURED_TURNS));

  console.log(`\nscenario: "${QUESTION}" (medians over ${ROUNDS} rounds; the reply card is ${replyBytes} bytes)`);
  console.log('                     turns/s   p50 (ms)   p99 (ms)   CPU/turn (ms)');
  for (const which of order) {
    const rs = results[which];
    console.log(`${names[which].padEnd(18)} ${fmt(median(rs.map((r) => r.turnsPerSecond)))} ${fmt(median(rs.map((r) => r.p50)), 2)}  ${fmt(median(rs.map((r) => r.p99)), 2)}  ${fmt(median(rs.map((r) => r.cpuPerTurn)), 3)}`);
  }
  const paired = (against: Bot, key: keyof RunResult, of: Bot = 'maalbot') => results[of].map((r, i) => r[key] / results[against][i]![key]);
  const spread = (xs: number[]) => `${median(xs).toFixed(2)}x [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
  for (const against of ['echo', 'cardEcho'] as const) {
    console.log(`A / ${against === 'echo' ? 'B' : 'C'} (median of per-round ratios [min–max]): turns/s ${spread(paired(against, 'turnsPerSecond'))}, p50 ${spread(paired(against, 'p50'))}, p99 ${spread(paired(against, 'p99'))}, CPU/turn ${spread(paired(against, 'cpuPerTurn'))}`);
  }
  if (baseline !== undefined) {
    for (const [of, against, label] of [['maalbot', 'baseline', 'A / D'], ['baseline', 'cardEcho', 'D / C'], ['baseline', 'echo', 'D / B']] as const) {
      console.log(`${label} (median of per-round ratios [min–max]): turns/s ${spread(paired(against, 'turnsPerSecond', of))}, p50 ${spread(paired(against, 'p50', of))}, p99 ${spread(paired(against, 'p99', of))}, CPU/turn ${spread(paired(against, 'cpuPerTurn', of))}`);
    }
  }
  const vsCard = median(paired('cardEcho', 'turnsPerSecond'));
  const p99VsCard = median(paired('cardEcho', 'p99'));
  console.log(`targets: throughput ≥ 0.90x card-echo → ${vsCard >= 0.9 ? 'met' : 'NOT met'}; p99 ≤ 1.20x card-echo → ${p99VsCard <= 1.2 ? 'met' : 'NOT met'}`);
  if (ONLY_STATUS) {
    await maalbot.stop();
    await baseline?.stop();
    for (const which of ['echo', 'cardEcho'] as const) bots[which].child.kill();
    rmSync(dir, { recursive: true, force: true });
    await connector.stop();
    return;
  }

  // The director's questions (issue 11): a focused fact, several goals on one card, a list by status.
  console.log(`\nscenarios: questions beyond one goal (Målbot, medians over ${ROUNDS} rounds)`);
  console.log('                                   turns/s   p50 (ms)   p99 (ms)   CPU/turn (ms)');
  for (const text of DIRECTOR_QUESTIONS) {
    const ask = () => {
      const a = teamsMessage({ text, serviceUrl, kind: 'personal' });
      (a.conversation as Record<string, unknown>).id = `a:1bench-personal-${n++ % CONCURRENCY}`;
      return JSON.stringify(a);
    };
    const rounds: RunResult[] = [];
    await drive(maalbot.port, ask, WARMUP_TURNS / 4, CONCURRENCY);
    for (let round = 0; round < ROUNDS; round++) {
      connector.reset();
      const cpuBefore = cpuMilliseconds(maalbot.child.pid!);
      const { latencies, seconds } = await drive(maalbot.port, ask, MEASURED_TURNS / 2, CONCURRENCY);
      if (connector.calls.length !== MEASURED_TURNS / 2) throw new Error(`"${text}": expected ${MEASURED_TURNS / 2} replies, connector saw ${connector.calls.length}`);
      rounds.push({ turnsPerSecond: MEASURED_TURNS / 2 / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), cpuPerTurn: (cpuMilliseconds(maalbot.child.pid!) - cpuBefore) / (MEASURED_TURNS / 2) });
    }
    console.log(`${JSON.stringify(text).padEnd(32)} ${fmt(median(rounds.map((r) => r.turnsPerSecond)))} ${fmt(median(rounds.map((r) => r.p50)), 2)}  ${fmt(median(rounds.map((r) => r.p99)), 2)}  ${fmt(median(rounds.map((r) => r.cpuPerTurn)), 3)}`);
  }

  // Memory from outside: RSS as turns accumulate. Growth that keeps rising is a leak.
  console.log(`\nMålbot RSS over ${MEMORY_TURNS} turns (from /proc, as ps sees it):`);
  const step = MEMORY_TURNS / 5;
  const samples = [maalbot.rss().now];
  for (let done = 0; done < MEMORY_TURNS; done += step) {
    connector.reset();
    await drive(maalbot.port, body, step, CONCURRENCY);
    samples.push(maalbot.rss().now);
  }
  samples.forEach((mib, i) => console.log(`  after ${String(i * step).padStart(6)} turns: ${mib.toFixed(1)} MiB`));
  const growth = samples.at(-1)! - samples[1]!;
  console.log(`  growth from ${step} to ${MEMORY_TURNS} turns: ${growth.toFixed(1)} MiB → ${growth < 15 ? 'no growth beyond noise' : 'GROWING'}`);

  await maalbot.stop();
  await baseline?.stop();
  for (const which of ['echo', 'cardEcho'] as const) bots[which].child.kill();
  rmSync(dir, { recursive: true, force: true });
  printSubmitScenario(await runSubmitScenario(serviceUrl));
  await connector.stop();

  // Reminders (issue 4): 1 000 conversations against a connector that enforces Teams' limits.
  printFanoutResult(await runFanoutScenario());

  // Questions, submissions and reminders at once, at a steady rate, for a minute (issue 6).
  printMixedScenario(await runMixedScenario());

  // The KKR report (issue 12): the 2021 demo report, and one from 100 000 rows (time and heap).
  printReportScenario(await runReportScenario());
  // Status, history and submissions at 10, 10 000 and 100 000 rows (issue 15).
  printGrowthScenario(await runGrowthScenario());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
