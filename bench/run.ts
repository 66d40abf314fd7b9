import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { FakeConnector } from '../test/helpers/fake-connector';
import { teamsMessage } from '../test/helpers/teams-activity';
import { printSubmitScenario, runSubmitScenario } from './submit-scenario';
import { printFanoutResult, runFanoutScenario } from './fanout-scenario';
import { printMixedScenario, runMixedScenario } from './mixed-scenario';
import { printReportScenario, runReportScenario } from './report-scenario';

/**
 * `npm run bench`: drives POST /api/messages over loopback with "status mål 4?" turns against
 * Målbot and, in the same run, against a bare botbuilder echo bot on the same stack; prints
 * turns/s, p50 and p99 for both and the ratios, then Målbot's memory over 20 000 turns.
 * Each bot runs in its own process; this process is the load generator and the fake connector.
 * Then the director's questions of issue 11 (a fact, several goals, a list by status) the same way,
 * the form-submission scenario (bench/submit-scenario.ts: 20 concurrent staff on SQLite), the
 * reminder fan-out (bench/fanout-scenario.ts), the mixed load (bench/mixed-scenario.ts) and the KKR
 * report (bench/report-scenario.ts).
 */

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP_TURNS = Number(process.env.BENCH_WARMUP ?? 1_000);
const MEASURED_TURNS = Number(process.env.BENCH_TURNS ?? 5_000);
const MEMORY_TURNS = Number(process.env.BENCH_MEMORY_TURNS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** Issue 11's kinds of question, each driven like "status mål 4?". */
const DIRECTOR_QUESTIONS = ['hvad er målet for NPS?', 'status mål 3 og 4', 'hvilke mål er i risiko?'];

interface BotProcess {
  port: number;
  child: ChildProcess;
  memory(): Promise<NodeJS.MemoryUsage>;
}

async function startBot(which: 'echo' | 'maalbot'): Promise<BotProcess> {
  const child = fork(path.join(__dirname, 'bench-server.js'), [which], { execArgv: ['--expose-gc', '--disable-warning=DEP0111'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('no port'))));
    child.once('exit', (code) => reject(new Error(`${which} exited with ${code}`)));
  });
  return {
    port,
    child,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m: { memory: NodeJS.MemoryUsage }) => resolve(m.memory));
        child.send('memory');
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function postActivity(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface RunResult {
  turnsPerSecond: number;
  p50: number;
  p99: number;
}

async function drive(port: number, serviceUrl: string, turns: number, text = 'status mål 4?'): Promise<RunResult> {
  const latencies: number[] = [];
  let issued = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (issued < turns) {
      issued++;
      const body = JSON.stringify(teamsMessage({ text, serviceUrl, kind: 'channel', mention: true }));
      latencies.push(await postActivity(port, body));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { turnsPerSecond: turns / seconds, p50: at(0.5), p99: at(0.99) };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  const connector = new FakeConnector();
  await connector.start();
  const results: Record<'echo' | 'maalbot', RunResult[]> = { echo: [], maalbot: [] };
  console.log(`Målbot bench: ${MEASURED_TURNS} turns × ${ROUNDS} rounds per bot, concurrency ${CONCURRENCY}, warm-up ${WARMUP_TURNS}`);

  const bots = { echo: await startBot('echo'), maalbot: await startBot('maalbot') };
  for (const which of ['echo', 'maalbot'] as const) await drive(bots[which].port, connector.serviceUrl, WARMUP_TURNS);
  // Alternate the two so drift on the machine (other load, thermal) hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const which of ['echo', 'maalbot'] as const) {
      connector.reset();
      results[which].push(await drive(bots[which].port, connector.serviceUrl, MEASURED_TURNS));
      if (connector.calls.length !== MEASURED_TURNS) throw new Error(`${which}: expected ${MEASURED_TURNS} replies, connector saw ${connector.calls.length}`);
    }
  }
  const best = (rs: RunResult[]): RunResult => ({
    turnsPerSecond: Math.max(...rs.map((r) => r.turnsPerSecond)),
    p50: Math.min(...rs.map((r) => r.p50)),
    p99: Math.min(...rs.map((r) => r.p99)),
  });
  const echo = best(results.echo);
  const maalbot = best(results.maalbot);
  console.log('\nscenario: "status mål 4?" (best of rounds)');
  console.log('              turns/s   p50 (ms)   p99 (ms)');
  console.log(`echo bot    ${fmt(echo.turnsPerSecond)} ${fmt(echo.p50, 2)}  ${fmt(echo.p99, 2)}`);
  console.log(`Målbot      ${fmt(maalbot.turnsPerSecond)} ${fmt(maalbot.p50, 2)}  ${fmt(maalbot.p99, 2)}`);
  const throughputRatio = maalbot.turnsPerSecond / echo.turnsPerSecond;
  const p99Ratio = maalbot.p99 / echo.p99;
  console.log(`ratio       ${fmt(throughputRatio, 2)}x ${fmt(maalbot.p50 / echo.p50, 2)}x  ${fmt(p99Ratio, 2)}x`);
  console.log(`targets: throughput ≥ 0.80x echo → ${throughputRatio >= 0.8 ? 'met' : 'NOT met'}; p99 ≤ 1.50x echo → ${p99Ratio <= 1.5 ? 'met' : 'NOT met'}`);

  // The director's questions (issue 11): a focused fact, several goals on one card, a list by status.
  console.log('\nscenarios: questions beyond one goal (Målbot, best of rounds)');
  console.log('                                   turns/s   p50 (ms)   p99 (ms)');
  for (const text of DIRECTOR_QUESTIONS) {
    const rounds: RunResult[] = [];
    await drive(bots.maalbot.port, connector.serviceUrl, WARMUP_TURNS / 4, text);
    for (let round = 0; round < ROUNDS; round++) {
      connector.reset();
      rounds.push(await drive(bots.maalbot.port, connector.serviceUrl, MEASURED_TURNS / 2, text));
      if (connector.calls.length !== MEASURED_TURNS / 2) throw new Error(`"${text}": expected ${MEASURED_TURNS / 2} replies, connector saw ${connector.calls.length}`);
    }
    const r = best(rounds);
    console.log(`${JSON.stringify(text).padEnd(32)} ${fmt(r.turnsPerSecond)} ${fmt(r.p50, 2)}  ${fmt(r.p99, 2)}`);
  }

  // Memory: heap after a forced GC, sampled as turns accumulate. Growth that keeps rising is a leak.
  console.log(`\nMålbot memory over ${MEMORY_TURNS} turns (heapUsed after GC):`);
  const samples: number[] = [];
  const step = MEMORY_TURNS / 5;
  samples.push((await bots.maalbot.memory()).heapUsed);
  for (let done = 0; done < MEMORY_TURNS; done += step) {
    connector.reset();
    await drive(bots.maalbot.port, connector.serviceUrl, step);
    samples.push((await bots.maalbot.memory()).heapUsed);
  }
  samples.forEach((bytes, i) => console.log(`  after ${String(i * step).padStart(6)} turns: ${(bytes / 1048576).toFixed(1)} MiB`));
  const growth = (samples[samples.length - 1]! - samples[1]!) / 1048576;
  console.log(`  growth from ${step} to ${MEMORY_TURNS} turns: ${growth.toFixed(2)} MiB → ${growth < 5 ? 'no growth beyond noise' : 'GROWING'}`);

  for (const bot of Object.values(bots)) bot.child.kill();
  printSubmitScenario(await runSubmitScenario(connector.serviceUrl));
  await connector.stop();
  agent.destroy();

  // Reminders (issue 4): 1 000 conversations against a connector that enforces Teams' limits.
  printFanoutResult(await runFanoutScenario());

  // Questions, submissions and reminders at once, at a steady rate, for a minute (issue 6).
  printMixedScenario(await runMixedScenario());

  // The KKR report (issue 12): the 2021 demo report, and one from 100 000 rows (time and heap).
  printReportScenario(await runReportScenario());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
