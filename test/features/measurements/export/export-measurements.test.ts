import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { importMeasurementsCsv } from '../../../../features/measurements/import/import-measurements';
import { measurementsCsv, measurementsXlsx } from '../../../../features/measurements/export/export-measurements';
import { IMPORT_COLUMNS } from '../../../../features/measurements/import/import-columns';
import type { Measurement } from '../../../../core/measurement';
import type { Database } from '../../../../core/ports/database';
import { contractBook, CONTRACT_ID, tempDatabase } from '../../report/report-fixtures';

const SOURCE_FILE = [
  'kpi;segment;værdi;gennemført;periode;målt_dato;kilde;anden_kilde;dokumentation;kommentar;registreret_af',
  '1a;;32;;september 2020;30-09-2020;Erhvervsstyrelsen-undersøgelse;;;Baseline for Sydjylland;Ib Holm',
  '3a;drift;81,5;;2021;30-11-2021;brugerevaluering;;;"Kommentar med ; semikolon, ""citat"" og',
  'linjeskift";',
  '3a;vækst;78,25;;2021;30-11-2021;brugerevaluering;;;;',
  '9b;;;ja;2021;15-03-2021;Erhvervshusets egen dokumentation;;Udpeget på direktørmødet;;',
  '7a;;12;;2021;31-12-2021;andet;Egen opgørelse i regneark;;  mellemrum  ;',
].join('\r\n');

/** A row's content without what the store assigns (id, times, submission ids). */
function content(m: Measurement) {
  return { kpiId: m.kpiId, segment: m.segment, value: m.value, done: m.done, period: m.period, measuredOn: m.measuredOn, source: m.source, note: m.note, evidence: m.evidence, recordedByName: m.recordedByName, demo: m.demo };
}

async function importInto(database: Database, text: string, fileName: string) {
  const book = contractBook();
  const result = await importMeasurementsCsv(text, { contract: book.forYear(2021)!, contracts: book, store: database.measurements, today: '2022-02-01', fileName });
  assert.ok(result.ok, JSON.stringify(result.problems));
}

describe('export of measurements (CSV and Excel)', function () {
  this.timeout(30_000);

  it('import → export → import stores the same rows, and exporting again gives the same file', async function () {
    const one = await tempDatabase();
    const two = await tempDatabase();
    try {
      await importInto(one.database, SOURCE_FILE, 'historik.csv');
      const first = await one.database.measurements.listMeasurements(CONTRACT_ID);
      const csv = measurementsCsv(first);
      assert.ok(csv.startsWith(`\uFEFF${IMPORT_COLUMNS.map((c) => c.name).join(';')}\r\n`));
      assert.match(csv, /\r\n3a;vækst;78,25;;2021;2021-11-30;/);
      await importInto(two.database, csv, 'eksport.csv');
      const second = await two.database.measurements.listMeasurements(CONTRACT_ID);
      assert.deepEqual(second.map(content), first.map(content));
      assert.equal(measurementsCsv(second), csv);
    } finally {
      await one.cleanup();
      await two.cleanup();
    }
  });

  it('leaves out what a correction replaced in the CSV, and keeps it, marked, in the workbook', async function () {
    const db = await tempDatabase();
    try {
      await importInto(db.database, SOURCE_FILE, 'historik.csv');
      const rows = await db.database.measurements.listMeasurements(CONTRACT_ID);
      const old = rows.find((r) => r.kpiId === '7a')!;
      const corrected = await db.database.measurements.appendMeasurement({ ...old, value: 13, supersedesId: old.id, submissionId: 'fix-7a', recordedBy: 'aad-1', recordedByName: 'Lene Holm' });
      const all = await db.database.measurements.listMeasurements(CONTRACT_ID);
      const csv = measurementsCsv(all);
      assert.equal(csv.split('\r\n').filter((l) => l.startsWith('7a;')).length, 1);
      assert.match(csv, /\r\n7a;;13;/);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await measurementsXlsx(all)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet('Målinger')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(header.slice(0, IMPORT_COLUMNS.length), IMPORT_COLUMNS.map((c) => c.name));
      assert.equal(sheet.rowCount, all.length + 1);
      const col = (name: string) => header.indexOf(name) + 1;
      const rowOf = (id: number) => [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(col('nr')).value === id)!;
      assert.equal(rowOf(old.id).getCell(col('rettet')).value, 'ja');
      assert.equal(rowOf(corrected.id).getCell(col('retter_nr')).value, old.id);
      assert.equal(rowOf(corrected.id).getCell(col('vaerdi')).value, 13, 'numbers stay numbers');
      assert.equal(rowOf(corrected.id).getCell(col('registreret_af')).value, 'Lene Holm');
    } finally {
      await db.cleanup();
    }
  });
});
