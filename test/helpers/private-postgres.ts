import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own — initdb + pg_ctl on a free loopback port in a temp
 * directory — so a test can stop it (`-m fast`, `-m immediate`) and start it again without
 * touching the shared server on 5432. initdb refuses to run as root, so as root it runs as the
 * `postgres` user. Without the binaries the caller skips (or fails on CI): see privatePostgresOrSkip.
 */
export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  start(): Promise<void>;
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops it (immediate) and removes its directory. */
  destroy(): Promise<void>;
}

/** The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl, or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

export const PRIVATE_POSTGRES_SKIP_MESSAGE = 'initdb/pg_ctl not found under /usr/lib/postgresql/*/bin — skipping the PostgreSQL restart tests (install postgresql to run them)';

/** Skips the mocha suite without the binaries — except on CI (CI=true), where that fails it. */
export function privatePostgresOrSkip(ctx: Mocha.Context): string {
  const bin = postgresBinDir();
  if (bin !== undefined) return bin;
  if (process.env.CI === 'true') throw new Error(`${PRIVATE_POSTGRES_SKIP_MESSAGE} — mandatory on CI`);
  console.warn(PRIVATE_POSTGRES_SKIP_MESSAGE);
  ctx.skip();
}

export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args));
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const pgCtl = (args: string[]) => as('pg_ctl', ['-D', data, ...args]);
  let running = false;
  const server: PrivatePostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pgCtl(['-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start']);
      running = true;
    },
    async stop(mode) {
      await pgCtl(['-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await server.stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
