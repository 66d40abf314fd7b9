import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../goals/default-contract';
import { FakeGraphServer } from '../helpers/fake-graph-server';

/**
 * app/main.ts as its own process, for the Graph wiring: it says once whether Graph is on, and
 * with Graph configured creates the directors' meeting series from the schedule file on the
 * (fake) organiser calendar. The Graph client sends no token over http, so no Entra call is made.
 */

const ENTRY = ['--disable-warning=DEP0111', '-r', 'tsx/cjs', 'app/main.ts'];

interface Bot {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line that matches. */
  waitFor(test: (line: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

function startBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ENTRY, {
    cwd: projectRoot(),
    // Only what Node needs: nothing Målbot-related from the developer's shell.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ test: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of waiters.filter((x) => x.test(line))) w.resolve(line);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    waitFor(test, what) {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no log line "${what}" within 25 s; stderr:\n${stderr}`)), 25_000);
        void exited.then(() => reject(new Error(`the bot exited before "${what}"; stderr:\n${stderr}`)));
        waiters.push({ test, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const listening = (l: Record<string, unknown>) => typeof l.msg === 'string' && l.msg.startsWith('Målbot lytter');

describe('the bot process with and without Microsoft Graph', function () {
  this.timeout(60_000);
  let dir: string;
  let bot: Bot | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-graph-process-'));
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('without GRAPH_* variables: starts, and says exactly once that Graph is off', async () => {
    bot = startBot({ DATABASE_URL: `sqlite:${path.join(dir, 'off.sqlite')}` });
    await bot.waitFor(listening, 'Målbot lytter');
    const off = bot.lines.filter((l) => l.graph === 'off');
    assert.equal(off.length, 1);
    assert.match(String(off[0]!.msg), /Microsoft Graph is off/);
    assert.equal(bot.lines.filter((l) => l.graph === 'on').length, 0);
  });

  it('with Graph configured: creates the meeting series from the schedule file on the organiser calendar', async () => {
    const fake = new FakeGraphServer();
    await fake.start();
    try {
      bot = startBot({
        DATABASE_URL: `sqlite:${path.join(dir, 'on.sqlite')}`,
        SCHEDULE_FILE: 'config/schedule.example.yaml',
        GRAPH_TENANT_ID: '11111111-2222-3333-4444-555555555555',
        GRAPH_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
        GRAPH_CLIENT_SECRET: 'not-used-over-http',
        GRAPH_MEETING_ORGANIZER: 'organisator@erhvervshus.test',
        GRAPH_BASE_URL: fake.baseUrl,
      });
      const on = await bot.waitFor((l) => l.graph === 'on', 'Graph is on');
      assert.equal(on.calendar, 'on');
      const synced = await bot.waitFor((l) => /series is in the organiser calendar/.test(String(l.msg)), 'series synced');
      assert.equal(synced.action, 'created');
      const [event] = fake.listEvents();
      // config/schedule.example.yaml: anchor 2026-01-08 (a Thursday) 09:00, 120 minutes, every 14 days.
      assert.deepEqual((event!.recurrence as { pattern: unknown }).pattern, { type: 'weekly', interval: 2, daysOfWeek: ['thursday'], firstDayOfWeek: 'monday' });
      assert.equal(fake.listEvents().length, 1);
      assert.deepEqual(fake.schemaProblems, []);
      assert.ok(fake.calls.every((c) => c.headers.authorization === undefined), 'no token over http');
    } finally {
      await bot?.stop();
      await fake.stop();
    }
  });
});
