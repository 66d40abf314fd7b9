import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../goals/default-contract';

/**
 * The real entry point, app/main.ts, as its own process (through tsx, like `npx tsx app/main.ts`:
 * about 2–3 s to start, no build step), so a test can SIGKILL it the way a crash, an OOM kill or a
 * pulled plug would and start it again on the same database.
 */

const ENTRY = ['--disable-warning=DEP0111', '-r', 'tsx/cjs', 'app/main.ts'];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Every JSON log line so far. */
  readonly lines: Array<Record<string, unknown>>;
  readonly exited: Promise<Exit>;
  /** POST /api/messages; rejects when the process dies before answering. */
  post(activity: Record<string, unknown>): Promise<HttpAnswer>;
  /** SIGKILL: no shutdown step runs, nothing is flushed or released. Resolves once it is gone. */
  crash(): Promise<Exit>;
  /** SIGTERM (graceful) and wait; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<Exit>;
}

/** Only what Node needs: no Målbot variable from the developer's shell leaks in. */
function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...extra };
}

/** Starts app/main.ts (PORT=0 unless given) and resolves once it logs the port it listens on. */
export async function startBotProcess(env: Record<string, string>, startTimeoutMs = 30_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ENTRY, { cwd: projectRoot(), env: processEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start within ${startTimeoutMs} ms:\n${stderr}`));
    }, startTimeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code ?? signal}) before listening:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line
      }
      lines.push(entry);
      // main.ts logs the real port when PORT=0.
      if (typeof entry.msg === 'string' && entry.msg.startsWith('Målbot lytter') && typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
  });
  const url = `http://127.0.0.1:${port}/api/messages`;

  return {
    child,
    pid: child.pid!,
    port,
    lines,
    exited,
    async post(activity) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, body: await res.text() };
    },
    async crash() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
