import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/**
 * A bot under benchmark in its own process, started from outside the way an operator starts it
 * (`node dist/app/main.js`, stdout to /dev/null) or as one of the reference bots; ready when
 * `readyPath` answers 200. Its memory is read from /proc, as `ps` would.
 */
export interface BotProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** Resident set size now and at its peak (VmRSS, VmHWM), in MiB. */
  rss(): { now: number; peak: number };
  stop(): Promise<void>;
}

/**
 * CPU time a process has used so far (user + system, all its threads), in ms, from /proc/<pid>/stat
 * as `ps` reads it (clock ticks of 10 ms). Per turn over a few thousand turns it is much steadier than
 * turns/s on a machine other work shares.
 */
export function cpuMilliseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state is field 3
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND; // utime, stime (fields 14, 15)
}
const CLOCK_TICKS_PER_SECOND = 100;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startBotProcess(o: { name: string; script: string; args?: string[]; nodeArgs?: string[]; cwd: string; env: NodeJS.ProcessEnv; readyPath?: string; port?: number }): Promise<BotProcess> {
  const port = o.port ?? (await freePort());
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...(o.nodeArgs ?? []), o.script, ...(o.args ?? [])], {
    cwd: o.cwd,
    env: { ...o.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'], // the real logger writes its JSON lines to /dev/null
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`${o.name} exited with ${exited} before it was ready`);
    if (Date.now() > deadline) throw new Error(`${o.name} was not ready within 60 s`);
    if ((await statusOf(port, o.readyPath ?? '/readyz')) === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name: o.name,
    port,
    child,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
    },
    stop: () =>
      new Promise((resolve) => {
        if (exited !== undefined) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function statusOf(port: number, p: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
  });
}

/**
 * POSTs bodies to /api/messages over keep-alive connections, `concurrency` at a time; latencies in
 * ms. A request on a connection the server reset (a bot whose event loop is blocked for longer than
 * the keep-alive timeout closes sockets with the next request already sent) is tried again, up to
 * three times, each on a new connection, and counted in `resets`; its latency includes the tries.
 */
export async function drive(port: number, bodies: () => string, count: number, concurrency: number): Promise<{ latencies: number[]; seconds: number; resets: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let issued = 0;
  let resets = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (issued < count) {
      issued++;
      const body = bodies();
      const began = process.hrtime.bigint();
      try {
        latencies.push(await post(agent, port, body));
      } catch (err) {
        // Up to three more tries, each on a connection of its own (the kept-alive ones may be timing out too).
        for (let attempt = 1; ; attempt++) {
          if ((err as { code?: string }).code !== 'ECONNRESET' || attempt > 3) throw err;
          resets++;
          try {
            await post(false, port, body);
            break;
          } catch (again) {
            err = again;
          }
        }
        latencies.push(Number(process.hrtime.bigint() - began) / 1e6);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9, resets };
}

function post(agent: http.Agent | false, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const percentile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
