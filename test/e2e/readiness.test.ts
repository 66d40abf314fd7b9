import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startRunningApp } from '../helpers/running-app';
import { openDatabase } from '../../store/open-database';
import { allMigrationsApplied } from '../../store/migrations';
import type { Database, DatabaseHealth } from '../../core/ports/database';
import { failingReadinessChecks, type ReadinessCheck } from '../../http/readiness';

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The real database's health with the migrations check answered from `applied` instead. */
function healthWith(database: Database, applied: () => Promise<number[]>): DatabaseHealth {
  return { kind: database.kind, ping: () => database.ping(), probeWrite: () => database.probeWrite(), migrationsCurrent: async () => allMigrationsApplied(await applied()) };
}

describe('GET /readyz', () => {
  let dir: string;
  let database: Database;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-readyz-'));
    database = await openDatabase(`sqlite:${path.join(dir, 'r.sqlite')}`, { baseDir: dir });
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200 ready when the store answers, every known migration is applied and the contract is loaded', async () => {
    const running = await startRunningApp({ database });
    try {
      const { status, body } = await getJson(`${running.baseUrl}/readyz`);
      assert.equal(status, 200);
      assert.deepEqual(body, { status: 'ready', failing: [] });
    } finally {
      await running.close();
    }
  });

  it('answers 503 naming "store" once the database is gone — and says nothing about why', async () => {
    const running = await startRunningApp({ database });
    try {
      await database.close(); // the SQLite handles are closed: every query now throws
      const { status, body } = await getJson(`${running.baseUrl}/readyz`);
      assert.equal(status, 503);
      assert.equal(body.status, 'not ready');
      assert.ok((body.failing as string[]).includes('store'));
      assert.deepEqual(Object.keys(body).sort(), ['failing', 'status'], 'no error text or internals');
      assert.ok(running.logs.some((l) => l.event === 'not-ready' && l.check === 'store'), 'the reason goes to the log');
      // liveness is a different question: the process still answers
      assert.equal((await fetch(`${running.baseUrl}/healthz`)).status, 200);
    } finally {
      await running.close();
    }
  });

  it('answers 503 naming "migrations" when a known migration is missing', async () => {
    const running = await startRunningApp({ database, health: healthWith(database, async () => []) });
    try {
      const { status, body } = await getJson(`${running.baseUrl}/readyz`);
      assert.equal(status, 503);
      assert.deepEqual(body, { status: 'not ready', failing: ['migrations'] });
    } finally {
      await running.close();
    }
  });

  it('stays ready when a newer instance has applied a migration this build does not know (rolling upgrade)', async () => {
    const applied = await database.measurements.appliedMigrations();
    const running = await startRunningApp({ database, health: healthWith(database, async () => [...applied, 9999]) });
    try {
      assert.equal((await fetch(`${running.baseUrl}/readyz`)).status, 200);
    } finally {
      await running.close();
    }
  });
});

describe('readiness checks (http/readiness.ts)', () => {
  const silent = pino({ level: 'silent' });

  it('a check that never answers counts as failing after the timeout', async () => {
    const checks: ReadinessCheck[] = [
      { name: 'fast', ready: async () => true },
      { name: 'hangs', ready: () => new Promise<boolean>(() => undefined) },
      { name: 'throws', ready: async () => Promise.reject(new Error('boom')) },
      { name: 'false', ready: async () => false },
    ];
    assert.deepEqual(await failingReadinessChecks(checks, silent, 50), ['hangs', 'throws', 'false']);
  });
});
