import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTempSchema, requirePostgresOrSkip } from '../helpers/postgres';

/** Opens a database in a fresh Node process and says which database drivers that process loaded. */
function driversLoadedFor(url: string, poolOptions?: string): { sqlite: boolean; pg: boolean } {
  const script = `
    const { openDatabase } = require(${JSON.stringify(path.resolve(__dirname, '../../store/open-database'))});
    openDatabase(process.env.URL, { baseDir: process.env.DIR, poolConfig: process.env.POOL_OPTIONS ? { options: process.env.POOL_OPTIONS } : undefined })
      .then(async (db) => {
        await db.close();
        const loaded = Object.keys(require.cache);
        console.log(JSON.stringify({ sqlite: loaded.some((f) => f.includes('/node_modules/better-sqlite3/')), pg: loaded.some((f) => f.includes('/node_modules/pg/')) }));
      })
      .catch((err) => { console.error(err); process.exit(1); });`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-lazy-'));
  try {
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { env: { ...process.env, URL: url, DIR: dir, POOL_OPTIONS: poolOptions ?? '' }, encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').at(-1)!) as { sqlite: boolean; pg: boolean };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('database drivers are loaded only for the database in use', function () {
  this.timeout(60_000);

  it('SQLite: better-sqlite3, not pg', function () {
    assert.deepEqual(driversLoadedFor('sqlite:./bot.sqlite'), { sqlite: true, pg: false });
  });

  describe('on PostgreSQL', function () {
    before(async function () {
      await requirePostgresOrSkip(this);
    });
    it('PostgreSQL: pg, never the native better-sqlite3', async function () {
      const schema = await createTempSchema();
      try {
        assert.deepEqual(driversLoadedFor(schema.connectionString, schema.poolConfig.options as string), { sqlite: false, pg: true });
      } finally {
        await schema.drop();
      }
    });
  });
});
