import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../goals/default-contract';
import { openDatabase } from '../../store/open-database';
import { DEMO_CONTRACT_ID, seedDemo } from '../../store/seed-demo-data';
import { openDocx } from '../helpers/docx-text';

const ROOT = projectRoot();

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/report.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
}

describe('npm run report (scripts/report.ts)', function () {
  this.timeout(120_000);
  let dir: string;
  let url: string;

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-report-cli-'));
    url = `sqlite:${path.join(dir, 'demo.sqlite')}`;
    const db = await openDatabase(url, { baseDir: dir });
    await seedDemo(db.measurements, DEMO_CONTRACT_ID);
    await db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report from DATABASE_URL and CONTRACT_FILE for --year and --as-of', function () {
    const out = path.join(dir, 'rapport.docx');
    const year = run(['--out', out, '--year', '2021'], { DATABASE_URL: url, INIT_CWD: dir });
    assert.equal(year.status, 0, year.stderr);
    assert.match(year.stdout, /Endelig resultatopfyldelse 2021 .* skrevet til /);
    assert.ok(openDocx(readFileSync(out)).paragraphs.includes('Endelig resultatopfyldelse 2021'));

    const day = run(['--out', 'pr-oktober.docx', '--as-of', '2021-10-01'], { DATABASE_URL: url, INIT_CWD: dir, CONTRACT_FILE: path.join(ROOT, 'goals/contracts') });
    assert.equal(day.status, 0, day.stderr);
    assert.ok(openDocx(readFileSync(path.join(dir, 'pr-oktober.docx'))).paragraphs.includes('Status pr. 1. oktober 2021'));
  });

  it('refuses bad arguments with exit code 2 and writes nothing', function () {
    for (const args of [[], ['--out', 'x.pdf'], ['--out', 'x.docx', '--year', '21'], ['--out', 'x.docx', '--as-of', '2021-02-30'], ['--out', 'x.docx', '--year', '2021', '--as-of', '2021-10-01'], ['--out', 'x.docx', '--year', '2019'], ['--out', 'x.docx', '--bogus']]) {
      const r = run(args, { DATABASE_URL: url, INIT_CWD: dir });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.trim() !== '', args.join(' '));
      assert.ok(!/at .*\.ts:\d+/.test(r.stderr), 'no stack trace for the operator');
    }
    assert.ok(!existsSync(path.join(dir, 'x.docx')));
  });
});

describe('npm run export (scripts/export-measurements.ts)', function () {
  this.timeout(120_000);

  it('writes the demo rows as CSV in the import columns and as a workbook; refuses other names', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-export-cli-'));
    try {
      const url = `sqlite:${path.join(dir, 'demo.sqlite')}`;
      const db = await openDatabase(url, { baseDir: dir });
      const seeded = await seedDemo(db.measurements, DEMO_CONTRACT_ID);
      await db.close();
      const exec = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/export-measurements.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, INIT_CWD: dir, LOG_LEVEL: 'silent' }, timeout: 60_000 });
      const csv = exec(['--out', 'maalinger.csv']);
      assert.equal(csv.status, 0, csv.stderr);
      const lines = readFileSync(path.join(dir, 'maalinger.csv'), 'utf8').trimEnd().split('\r\n');
      assert.equal(lines[0], '\uFEFFkpi;segment;vaerdi;gennemfoert;periode;maalt_dato;kilde;anden_kilde;dokumentation;kommentar;registreret_af');
      assert.equal(lines.length, seeded.length + 1);
      const xlsx = exec(['--out', 'maalinger.xlsx']);
      assert.equal(xlsx.status, 0, xlsx.stderr);
      assert.equal(readFileSync(path.join(dir, 'maalinger.xlsx')).subarray(0, 2).toString('latin1'), 'PK');
      const bad = exec(['--out', 'maalinger.pdf']);
      assert.equal(bad.status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
