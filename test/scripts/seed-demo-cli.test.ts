import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../goals/default-contract';
import { openDatabase } from '../../store/open-database';
import { DEMO_CONTRACT_ID } from '../../store/seed-demo-data';
import { DEFAULT_DEMO_DATABASE_URL, demoDatabaseUrl } from '../../scripts/demo-database';

const ROOT = projectRoot();

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/seed-demo.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
}

describe('npm run seed:demo (scripts/seed-demo.ts): demo data in its own database', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-seed-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to ./data/demo.sqlite, whatever DATABASE_URL says', function () {
    assert.equal(demoDatabaseUrl({ DATABASE_URL: 'postgres://x@h/db' }), DEFAULT_DEMO_DATABASE_URL);
    assert.equal(DEFAULT_DEMO_DATABASE_URL, 'sqlite:data/demo.sqlite');
    assert.equal(demoDatabaseUrl({ DEMO_DATABASE_URL: ' sqlite:/tmp/d.sqlite ' }), 'sqlite:/tmp/d.sqlite');
  });

  it('writes demo rows to DEMO_DATABASE_URL, in Danish, and leaves the real database untouched', async function () {
    const real = path.join(dir, 'maalbot.sqlite');
    const demo = path.join(dir, 'demo.sqlite');
    const r = run({ DATABASE_URL: `sqlite:${real}`, DEMO_DATABASE_URL: `sqlite:${demo}` });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+ demomålinger for kkr-syddanmark-sydjylland-2021 skrevet til sqlite:/);
    assert.match(r.stdout, /: 77,5 \(/, 'decimal comma');
    assert.match(r.stdout, /målt \d+\. [a-zæøå]+ 2021\)/);
    assert.match(r.stdout, /npm run start:demo/);
    assert.doesNotMatch(r.stdout, /Inserted|measured|not done/);
    assert.ok(!existsSync(real), 'the real database is not even created');
    const db = await openDatabase(`sqlite:${demo}`, { baseDir: dir });
    assert.ok((await db.measurements.listMeasurements(DEMO_CONTRACT_ID)).every((m) => m.demo));
    await db.close();

    const again = run({ DEMO_DATABASE_URL: `sqlite:${demo}` });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /har allerede \d+ demomålinger; intet er tilføjet/);
  });

  it('refuses a demo database that is the real one', function () {
    const real = `sqlite:${path.join(dir, 'maalbot.sqlite')}`;
    const r = run({ DATABASE_URL: real, DEMO_DATABASE_URL: real });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /samme database som DATABASE_URL/);
  });
});
