import { contractBook } from '../../../../goals/contract-book';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseCsv, CsvSyntaxError } from '../../../../features/measurements/import/parse-csv';
import { formatImportReport, importMeasurementsCsv } from '../../../../features/measurements/import/import-measurements';
import { loadContract } from '../../../../goals/load-contract';
import { defaultContractPath, projectRoot } from '../../../../goals/default-contract';
import { SqliteMeasurementStore } from '../../../../store/sqlite-store';
import { openDatabase } from '../../../../store/open-database';

const contract = loadContract(defaultContractPath());
const TODAY = '2021-10-15';

/** What Danish Excel saves as "CSV (semikolonsepareret)": a BOM, ";" and decimal commas, CRLF. */
const DANISH_EXCEL =
  '\uFEFFkpi;segment;værdi;gennemført;periode;målt dato;kilde;anden kilde;dokumentation;kommentar\r\n' +
  '1a;;32;;september 2020;30-09-2020;Erhvervsstyrelsen-undersøgelse;;;Baseline for Sydjylland\r\n' +
  '3a;drift;81,5;;2020;31-12-2020;brugerevaluering;;;\r\n' +
  '3a;vækst;77;;2020;31-12-2020;brugerevaluering;;;"Tal fra ""Brugerevaluering 2020""; side 4"\r\n' +
  '9b;;;ja;2020;15-03-2021;erhvervshuset;;"Udpeget på direktørmøde,\r\nreferat pkt. 3";\r\n' +
  '\r\n';

describe('bulk import of measurements (npm run import)', function () {
  describe('parseCsv', function () {
    it('reads Danish Excel: BOM, ";" separators, quoted fields with ";", "" and line breaks; line numbers are file lines', function () {
      const csv = parseCsv(DANISH_EXCEL);
      assert.equal(csv.separator, ';');
      assert.equal(csv.header[0], 'kpi', 'the BOM is gone');
      assert.deepEqual(csv.records.map((r) => r.line), [2, 3, 4, 5]);
      assert.equal(csv.records[2]!.fields[9], 'Tal fra "Brugerevaluering 2020"; side 4');
      assert.equal(csv.records[3]!.fields[8], 'Udpeget på direktørmøde,\r\nreferat pkt. 3');
      for (const r of csv.records) assert.equal(r.fields.length, 10);
    });

    it('reads "," separated files with quoted decimal commas, LF line ends, blank lines', function () {
      const csv = parseCsv('kpi,værdi,periode\n\n4a,"47,5",2021\n   \n4a,48,"2021, Q4"\n');
      assert.equal(csv.separator, ',');
      assert.deepEqual(csv.records, [
        { line: 3, fields: ['4a', '47,5', '2021'] },
        { line: 5, fields: ['4a', '48', '2021, Q4'] },
      ]);
    });

    it('refuses an unterminated quote and an empty file with the line', function () {
      assert.throws(() => parseCsv('kpi;periode\n4a;"2021\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /aldrig lukket/.test(e.message));
      assert.throws(() => parseCsv('\uFEFF'), (e: unknown) => e instanceof CsvSyntaxError && /tom/.test(e.message));
      assert.throws(() => parseCsv('kpi;periode\n4a;20"21\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2);
    });
  });

  describe('importMeasurementsCsv', function () {
    let store: SqliteMeasurementStore;
    beforeEach(async function () {
      store = new SqliteMeasurementStore(':memory:', { now: () => new Date('2021-10-15T10:00:00Z') });
      await store.migrate();
    });
    afterEach(async function () {
      await store.close();
    });

    const run = (text: string) => importMeasurementsCsv(text, { contract, contracts: contractBook([contract]), store, today: TODAY, fileName: 'baselines-2020.csv' });

    it('stores every line of a valid file with the form\'s rules, marked as imported', async function () {
      const result = await run(DANISH_EXCEL);
      assert.deepEqual(result.problems, []);
      assert.equal(result.ok, true);
      const rows = await store.listMeasurements(contract.id);
      assert.deepEqual(
        rows.map((r) => [r.kpiId, r.segment, r.value, r.done, r.period, r.measuredOn, r.source, r.note, r.evidence]),
        [
          ['1a', null, 32, null, 'september 2020', '2020-09-30', 'Erhvervsstyrelsen (spørgeskemaundersøgelse)', 'Baseline for Sydjylland', null],
          ['3a', 'drift', 81.5, null, '2020', '2020-12-31', 'Erhvervsstyrelsen (brugerevaluering)', null, null],
          ['3a', 'vækst', 77, null, '2020', '2020-12-31', 'Erhvervsstyrelsen (brugerevaluering)', 'Tal fra "Brugerevaluering 2020"; side 4', null],
          ['9b', null, null, true, '2020', '2021-03-15', 'Erhvervshusets egen dokumentation', null, 'Udpeget på direktørmøde, referat pkt. 3'],
        ],
      );
      assert.ok(rows.every((r) => r.recordedBy === 'import' && r.recordedByName === 'CSV-import (baselines-2020.csv)' && /^import:[0-9a-f]{16}:\d+$/.test(r.submissionId ?? '')));
      assert.equal(formatImportReport(result, 'baselines-2020.csv'), 'baselines-2020.csv: 4 linjer læst, 4 målinger gemt.');
    });

    it('imports the example in the README as documented', async function () {
      const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('### Import af målinger'));
      const example = /Example:\n\n```\n([\s\S]*?)```/.exec(section)?.[1];
      assert.ok(example, 'the README has an example');
      const result = await run(example);
      assert.deepEqual(result.problems, []);
      assert.equal(result.stored.length, example.trim().split('\n').length - 1);
    });

    it('importing the same file again stores nothing new and says so', async function () {
      await run(DANISH_EXCEL);
      const again = await run(DANISH_EXCEL);
      assert.equal(again.ok, true);
      assert.equal(again.alreadyImported, 4);
      assert.equal((await store.listMeasurements(contract.id)).length, 4);
      assert.match(formatImportReport(again, 'b.csv'), /0 målinger gemt \(4 fandtes allerede fra en tidligere import af samme fil\)/);
    });

    it('reports every bad line with its line number, then stores nothing (all or nothing)', async function () {
      const text = [
        'kpi;segment;vaerdi;gennemfoert;periode;maalt_dato;kilde;kommentar',
        '1a;;32;;2020;30-09-2020;crm;ok',
        '4a;;abc;;2021;30-09-2021;brugerevaluering;',
        '4a;;150;;2021;30-09-2021;brugerevaluering;',
        '3b;;-200;;2021;30-09-2021;brugerevaluering;',
        '99z;;1;;2021;30-09-2021;crm;',
        '1a;;37;;2021;16-10-2021;crm;',
        `1a;;37;;2021;30-09-2021;crm;${'x'.repeat(1001)}`,
        '1a;;37;;2021;30-09-2021;crm',
        '1c;;54;;2021;31-12-2020;Facebook;',
      ].join('\n');
      const result = await run(text);
      assert.equal(result.ok, false);
      assert.deepEqual(
        result.problems.map((p) => `${p.line}: ${p.message}`),
        [
          '3: vaerdi: «abc» er ikke et tal. Skriv fx 37 eller 37,5.',
          '4: vaerdi: En andel skal ligge mellem 0 og 100 % – 150 er for meget.',
          '5: segment: Vælg segment for 3b: drift eller vækst.',
          '5: vaerdi: NPS ligger mellem −100 og 100 – −200 er uden for skalaen.',
          '6: kpi: «99z» findes ikke i kontrakten.',
          '7: maalt_dato: 16. oktober 2021 ligger efter i dag (15. oktober 2021) – en måling kan ikke være fra fremtiden.',
          '8: kommentar: Kommentaren er for lang (1.001 tegn) – højst 1.000 tegn.',
          '9: 7 felter, men overskriften har 8 – tjek skilletegn (;) og anførselstegn.',
          '10: kilde: «Facebook» er ikke en af kilderne på listen – vælg «Andet» og skriv kilden.',
        ],
      );
      assert.deepEqual(await store.listMeasurements(contract.id), [], 'the valid line 2 is not stored either');
      const report = formatImportReport(result, 'fejl.csv');
      assert.match(report, /^fejl\.csv: 8 linjer med fejl – intet er gemt\./);
      assert.match(report, /  Linje 6: kpi: «99z» findes ikke i kontrakten\./);
    });

    it('names a wrong field by the file\'s own header ("Værdi", "Målt dato"), reads "vaekst" as vækst, and says "1 linje"', async function () {
      const bad = await run('KPI;Segment;Værdi;Periode;Målt dato;Kilde\n3a;vaekst;abc;2021;16-10-2021;brugerevaluering\n');
      assert.deepEqual(
        bad.problems.map((p) => p.message),
        ['Værdi: «abc» er ikke et tal. Skriv fx 37 eller 37,5.', 'Målt dato: 16. oktober 2021 ligger efter i dag (15. oktober 2021) – en måling kan ikke være fra fremtiden.'],
      );
      const ok = await run('KPI;Segment;Værdi;Periode;Målt dato;Kilde\n3a;vaekst;81;2021;30-09-2021;brugerevaluering\n');
      assert.equal(ok.ok, true, JSON.stringify(ok.problems));
      assert.equal(ok.stored[0]!.segment, 'vækst');
      assert.match(formatImportReport(ok, 'en.csv'), /^en\.csv: 1 linje læst, 1 måling gemt\.$/);
    });

    it('refuses a file with unknown or missing columns before reading any line', async function () {
      const result = await run('kpi;værdi;farve\n1a;32;rød\n');
      assert.equal(result.ok, false);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]!.line, 1);
      assert.match(result.problems[0]!.message, /ukendte kolonner: «farve»; mangler kolonnerne periode, målt_dato, kilde/);
    });

    it('refuses a CSV syntax error with its line, and a file without data lines', async function () {
      assert.deepEqual((await run('kpi;periode;maalt_dato;kilde;vaerdi\n1a;"2020;30-09-2020;crm;32\n')).problems, [{ line: 2, message: 'et anførselstegn bliver aldrig lukket' }]);
      assert.match((await run('kpi;periode;maalt_dato;kilde;vaerdi\n')).problems[0]!.message, /ingen datalinjer/);
    });
  });

  describe('npm run import (the script)', function () {
    this.timeout(30_000);
    const exec = promisify(execFile);
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-import-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    async function runScript(file: string, databaseUrl = `sqlite:${path.join(dir, 'db.sqlite')}`): Promise<{ code: number; stdout: string; stderr: string }> {
      const env = { ...process.env, DATABASE_URL: databaseUrl, INIT_CWD: dir, LOG_LEVEL: 'silent' };
      try {
        const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'scripts', 'import-measurements.ts'), file], { env, cwd: projectRoot() });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    }

    it('imports a file named relative to where the command was typed, and exits 0', async function () {
      writeFileSync(path.join(dir, 'ok.csv'), DANISH_EXCEL.replace('15-03-2021', '15-03-2020'));
      const { code, stdout } = await runScript('ok.csv');
      assert.equal(code, 0);
      assert.match(stdout, /ok\.csv: 4 linjer læst, 4 målinger gemt\./);
      const database = await openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`, { baseDir: dir });
      try {
        assert.equal((await database.measurements.listMeasurements(contract.id)).length, 4);
      } finally {
        await database.close();
      }
    });

    it('prints every bad line, stores nothing and exits 1; exits 2 without a file', async function () {
      writeFileSync(path.join(dir, 'bad.csv'), 'kpi;vaerdi;periode;maalt_dato;kilde\n4a;abc;2021;30-09-2021;crm\n4a;47;2021;30-09-2021;crm\n');
      const bad = await runScript('bad.csv');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /bad\.csv: én linje med fejl – intet er gemt\.\n  Linje 2: vaerdi: «abc» er ikke et tal/);
      const missing = await runScript('missing.csv');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^Filen missing\.csv findes ikke\. Tjek navnet og mappen/);
      assert.doesNotMatch(missing.stderr, /ENOENT/);
    });

    it('says what is wrong with DATABASE_URL plainly (no stack) and exits 2', async function () {
      writeFileSync(path.join(dir, 'ok.csv'), DANISH_EXCEL);
      const { code, stderr } = await runScript('ok.csv', 'mysql://localhost/x');
      assert.equal(code, 2);
      assert.match(stderr, /^DATABASE_URL /);
      assert.doesNotMatch(stderr, /\n\s+at /);
    });
  });
});
