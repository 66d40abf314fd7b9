import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../goals/default-contract';
import { FakeConnector } from '../helpers/fake-connector';
import { teamsMessage } from '../helpers/teams-activity';

/**
 * The real entry point (app/main.ts, run through tsx like `npx tsx app/main.ts`) as its own
 * process: refusing to start in production without credentials, and stopping gracefully.
 */

/** Only what Node needs: no MicrosoftAppId or other Målbot variable from the developer's shell. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...extra };
}

const ENTRY = ['--disable-warning=DEP0111', '-r', 'tsx/cjs', 'app/main.ts'];

interface RunningBot {
  child: ChildProcess;
  port: number;
  lines: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts app/main.ts on a free port and resolves once it logs that it listens. */
async function startBot(env: Record<string, string>): Promise<RunningBot> {
  const child = spawn(process.execPath, ENTRY, { cwd: projectRoot(), env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 20 s:\n${stderr}`)), 20_000);
    void exited.then(({ code }) => reject(new Error(`the bot exited with ${code} before listening:\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line
      }
      lines.push(entry);
      if (typeof entry.msg === 'string' && entry.msg.startsWith('Målbot lytter') && typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
  });
  return { child, port, lines, exited };
}

describe('the bot process (app/main.ts)', function () {
  this.timeout(40_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-process-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start in production mode without bot credentials: exit code ≠ 0 and a message naming MicrosoftAppId', () => {
    const result = spawnSync(process.execPath, ENTRY, {
      cwd: projectRoot(),
      env: baseEnv({ MAALBOT_MODE: 'production', DATABASE_URL: `sqlite:${path.join(dir, 'p.sqlite')}` }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.notEqual(result.status, 0);
    assert.equal(result.signal, null, 'it exited by itself');
    assert.match(result.stderr, /Målbot kan ikke starte: konfigurationen er ugyldig/);
    assert.match(result.stderr, /MicrosoftAppId: produktionstilstand kræver bot-legitimation/);
    assert.doesNotMatch(result.stdout, /lytter/, 'it never listened');
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace for a configuration error');
  });

  // Each start costs seconds (the whole app is loaded): one case per kind of error main.ts reports.
  const misconfigurations: Array<[string, Record<string, string>, RegExp]> = [
    ['an unsupported DATABASE_URL (without echoing it)', { DATABASE_URL: 'mysql://bruger:hemmelig@db/maalbot' }, /DATABASE_URL has the unsupported scheme "mysql:"/],
  ];
  for (const [name, env, message] of misconfigurations) {
    it(`stops at once on ${name}: exit code 1, a message naming it, no stack trace`, () => {
      const result = spawnSync(process.execPath, ENTRY, {
        cwd: projectRoot(),
        env: baseEnv({ DATABASE_URL: `sqlite:${path.join(dir, 'm.sqlite')}`, ...env }),
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.doesNotMatch(result.stderr, /hemmelig/, 'no password echoed');
    });
  }

  it('on SIGTERM finishes the turn in flight, closes the store and exits 0', async () => {
    const connector = new FakeConnector();
    await connector.start();
    connector.responseDelayMs = 1500; // the reply takes a while: the turn is in flight when SIGTERM comes
    const bot = await startBot({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${path.join(dir, 'b.sqlite')}` });
    try {
      const activity = teamsMessage({ text: 'status mål 4', serviceUrl: connector.serviceUrl });
      const turn = fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await connector.waitForCalls(1, 10_000);
      bot.child.kill('SIGTERM');

      const res = await turn;
      assert.equal(res.status, 200, 'the turn in flight was answered');
      const { code, signal } = await bot.exited;
      assert.equal(signal, null);
      assert.equal(code, 0);

      assert.equal(connector.calls.length, 1, 'its reply reached the connector');
      const msgs = bot.lines.map((l) => l.msg);
      assert.ok(bot.lines.some((l) => l.event === 'turn' && l.intent === 'goal-status'), 'the turn completed and was logged');
      const order = ['stopping', 'stopped: stop taking requests and finish the turns in flight', 'stopped: close the store', 'stopped cleanly'];
      const at = order.map((m) => msgs.indexOf(m));
      assert.ok(at.every((i) => i >= 0), `shutdown log lines: ${JSON.stringify(msgs)}`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, 'steps in order');
      assert.ok(msgs.indexOf('turn') < at[1]!, 'the turn finished before the requests step did');
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await connector.stop();
    }
  });

  it('on SIGINT (Ctrl+C) with nothing in flight exits 0 and stops listening', async () => {
    const bot = await startBot({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${path.join(dir, 'c.sqlite')}` });
    try {
      assert.equal((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status, 200);
      bot.child.kill('SIGINT');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
      await assert.rejects(fetch(`http://127.0.0.1:${bot.port}/healthz`));
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });
});
