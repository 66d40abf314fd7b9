import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../goals/default-contract';
import { openDatabase } from '../../store/open-database';
import { DEMO_CONTRACT_ID, seedDemo } from '../../store/seed-demo-data';
import { requirePostgresOrSkip } from '../helpers/postgres';

const ROOT = projectRoot();

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/backup.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
}

async function rowsOf(url: string, baseDir: string): Promise<unknown[]> {
  const db = await openDatabase(url, { baseDir });
  try {
    return await db.measurements.listMeasurements(DEMO_CONTRACT_ID);
  } finally {
    await db.close();
  }
}

describe('npm run backup (scripts/backup.ts)', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-backup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite: a checked copy through the online backup API, taken while the bot holds the file open; restoring it brings every row back', async function () {
    const live = path.join(dir, 'maalbot.sqlite');
    const url = `sqlite:${live}`;
    const db = await openDatabase(url, { baseDir: dir });
    await seedDemo(db.measurements, DEMO_CONTRACT_ID);
    const before = await db.measurements.listMeasurements(DEMO_CONTRACT_ID);
    // The bot keeps its connections (WAL) open: the backup must still be one consistent snapshot.
    const r = run(['--out', 'kopi.sqlite'], { DATABASE_URL: url, INIT_CWD: dir });
    await db.close();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Sikkerhedskopi skrevet til .*kopi\\.sqlite \\(\\d+ bytes, ${before.length} målinger, skemaversion \\d+\\)\\.`));
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('partial')), [], 'no half-written file left');

    // Restore: the bot is stopped, the copy replaces the file DATABASE_URL points at.
    rmSync(live);
    for (const f of readdirSync(dir).filter((f) => f.startsWith('maalbot.sqlite-'))) rmSync(path.join(dir, f));
    copyFileSync(path.join(dir, 'kopi.sqlite'), live);
    assert.deepEqual(await rowsOf(url, dir), before);
  });

  it('refuses what would lose data or is not a backup, with exit code 2 and a Danish sentence', async function () {
    const url = `sqlite:${path.join(dir, 'maalbot.sqlite')}`;
    (await openDatabase(url, { baseDir: dir })).close();
    writeFileSync(path.join(dir, 'findes.sqlite'), 'mine vigtige data');
    for (const [args, env, expected] of [
      [[], { DATABASE_URL: url }, /--out mangler/],
      [['--out', 'findes.sqlite'], { DATABASE_URL: url }, /findes allerede – vælg et nyt filnavn/],
      [['--out', 'maalbot.sqlite'], { DATABASE_URL: url }, /må ikke være selve databasefilen/],
      [['--out', 'x.sqlite'], { DATABASE_URL: `sqlite:${path.join(dir, 'mangler.sqlite')}` }, /findes ikke – tjek DATABASE_URL/],
      [['--out', path.join(dir, 'ingen-mappe', 'x.sqlite')], { DATABASE_URL: url }, /kunne ikke skrives til/],
    ] as const) {
      const r = run([...args], { ...env, INIT_CWD: dir });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, expected);
      assert.ok(!/at .*\.ts:\d+/.test(r.stderr), 'no stack trace for the operator');
    }
    assert.equal(readFileSync(path.join(dir, 'findes.sqlite'), 'utf8'), 'mine vigtige data', 'an existing file is never overwritten');
    assert.ok(!existsSync(path.join(dir, 'mangler.sqlite')), 'a missing database is not created by a backup');
  });

  describe('PostgreSQL', function () {
    const created: string[] = [];
    let adminUrl: string;

    before(async function () {
      await requirePostgresOrSkip(this);
      adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    });
    after(async function () {
      if (created.length === 0) return;
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });

    async function newDatabase(): Promise<string> {
      const name = `maalbot_backup_${crypto.randomBytes(5).toString('hex')}`;
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      created.push(name);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    }

    it('pg_dump (custom format) of a whole bot database; pg_restore into an empty one brings every row back', async function () {
      const url = await newDatabase();
      const db = await openDatabase(url, { baseDir: dir });
      await seedDemo(db.measurements, DEMO_CONTRACT_ID);
      const before = await db.measurements.listMeasurements(DEMO_CONTRACT_ID);
      await db.close();
      const r = run(['--out', 'maalbot.dump'], { DATABASE_URL: url, INIT_CWD: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Sikkerhedskopi skrevet til .*maalbot\.dump .*gendan med pg_restore/);
      assert.ok(!r.stdout.includes(url) && !r.stderr.includes(url), 'the URL is not echoed');
      assert.equal(readFileSync(path.join(dir, 'maalbot.dump')).subarray(0, 5).toString(), 'PGDMP');

      const restored = await newDatabase();
      const restore = spawnSync('pg_restore', ['--no-owner', `--dbname=${restored}`, path.join(dir, 'maalbot.dump')], { encoding: 'utf8' });
      assert.equal(restore.status, 0, restore.stderr);
      assert.deepEqual(await rowsOf(restored, dir), before);
    });
  });
});
