import assert from 'node:assert/strict';
import type { Database } from '../../../core/ports/database';
import { DEMO_CONTRACT_ID, seedDemo } from '../../../store/seed-demo-data';
import { judgeGoal } from '../../../features/status/goal-status-view';
import { kpiStatus } from '../../../core/status-rules';
import { DEMO_HEADER } from '../../../features/report/report-document';
import { needsExplanation } from '../../../features/report/report-model';
import { openDocx, docxTables, sectionParagraphs, type OpenedDocx } from '../../helpers/docx-text';
import { newMeasurement } from '../../store/store-contract';
import { CONTRACT_ID, contractBook, reportOf, tempDatabase } from './report-fixtures';

const MONTH = '(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)';
const AFTER_YEAR_END = '2022-02-01T10:00:00Z';

function explanation(goalId: string, text: string, n: number, at: string) {
  return { contractId: CONTRACT_ID, goalId, text, recordedBy: 'aad-lene', recordedByName: 'Lene Holm', submissionId: `expl-${goalId}-${n}`, recordedAt: at };
}

describe('KKR report document (features/report)', function () {
  this.timeout(30_000);

  describe('demo data, final account 2021', function () {
    let db: { database: Database; cleanup(): Promise<void> };
    let doc: OpenedDocx;
    let fileName: string;

    before(async function () {
      db = await tempDatabase();
      await seedDemo(db.database.measurements, DEMO_CONTRACT_ID);
      await db.database.reports.appendExplanation(explanation('3', 'Første udkast om tilfredshed.', 1, '2021-12-01T09:00:00Z'));
      await db.database.reports.appendExplanation(explanation('3', 'Vækstsegmentet fik nye konsulenter midt i året; NPS 66 ligger 4 point under målet.', 2, '2022-01-10T09:30:00Z'));
      await db.database.reports.appendExplanation(explanation('2', 'Dokumentationen for geografisk spredning blev ikke registreret i Målbot.', 1, '2022-01-11T08:00:00Z'));
      const report = await reportOf(db.database, AFTER_YEAR_END, { year: 2021 });
      fileName = report.fileName;
      doc = openDocx(report.bytes);
    });

    after(async () => db.cleanup());

    it('names the contract, the house, KKR Syddanmark, the final account and who generated it when', function () {
      const first = sectionParagraphs(doc.documentXml)[0]!;
      assert.ok(first.includes('Afrapportering til KKR Syddanmark'), first.join('\n'));
      assert.ok(first.includes('Endelig resultatopfyldelse 2021'));
      assert.ok(first.includes('Resultatkontrakt 2021 mellem KKR Syddanmark og Erhvervshus Sydjylland'));
      assert.ok(first.includes('Erhvervshus Sydjylland'));
      assert.ok(first.includes('Dannet af Lene Holm 1. februar 2022 kl. 11.00 med Målbot'));
      assert.equal(fileName, 'KKR-rapport-2021-endelig.docx');
    });

    it('has a summary row for every goal, sub-goal and KPI with the verdict the status cards give', async function () {
      const contract = contractBook().forYear(2021)!;
      const rows = await db.database.measurements.listMeasurements(contract.id);
      const today = '2022-02-01';
      const summary = docxTables(doc.documentXml)[0]!;
      assert.deepEqual(summary[0], ['Mål / målepunkt', 'Målværdi', 'Baseline', 'Resultat (periode, kilde)', 'Vurdering']);
      const body = summary.slice(1);
      const expected: Array<[string, string]> = [];
      for (const goal of contract.goals) {
        const prefix = goal.parentId === undefined ? 'Mål' : 'Delmål';
        expected.push([`${prefix} ${goal.id} – ${goal.title}`, judgeGoal(contract, goal, rows, today).status]);
        for (const kpi of goal.kpis) expected.push([`${kpi.id} – ${kpi.label}`, kpiStatus(kpi, rows, today).status]);
      }
      for (const [title, verdict] of expected) {
        const row = body.find((r) => r[0] === title);
        assert.ok(row, `no summary row "${title}"`);
        assert.equal(row[4], verdict, title);
      }
      assert.equal(body.length, expected.length);
      assert.equal(expected.length, contract.goals.length + contract.goals.reduce((n, g) => n + g.kpis.length, 0));
    });

    it('shows target, baseline and result with period and source in the summary', function () {
      const row = docxTables(doc.documentXml)[0]!.find((r) => r[0]!.startsWith('1a – '))!;
      assert.equal(row[1], 'mindst 37 %');
      assert.equal(row[2], '32 % i september 2020 (Sydjylland); 33 % i september 2020 (landsplan)');
      assert.equal(row[3], '35 % – efterår 2021, målt 30. september 2021. Kilde: Erhvervsstyrelsen (spørgeskemaundersøgelse) (demodata)');
      assert.equal(row[4], 'ikke opfyldt');
      const segmented = docxTables(doc.documentXml)[0]!.find((r) => r[0]!.startsWith('3b – '))!;
      assert.match(segmented[3]!, /^Drift: 72 – 2021, målt 30\. november 2021\. .*\nVækst: 66 – 2021/);
    });

    it('has a section per top-level goal, in order, with its verdict and each KPI', function () {
      const contract = contractBook().forYear(2021)!;
      const sections = sectionParagraphs(doc.documentXml);
      const tops = contract.goals.filter((g) => g.parentId === undefined);
      const goalSections = sections.slice(2, 2 + tops.length);
      tops.forEach((g, i) => {
        const s = goalSections[i]!;
        assert.equal(s[0], `Mål ${g.id} – ${g.title}`);
        assert.ok(s.some((p) => p.startsWith('Vurdering: ')), `Mål ${g.id} has no verdict`);
        for (const kpi of [...g.kpis, ...contract.goals.filter((c) => c.parentId === g.id).flatMap((c) => c.kpis)]) {
          assert.ok(s.includes(`${kpi.id} – ${kpi.label}`), `Mål ${g.id} misses KPI ${kpi.id}`);
          assert.ok(s.includes(`Målemetode: ${kpi.method}`), `KPI ${kpi.id} misses its method`);
        }
      });
      assert.equal(sections.at(-1)![0], 'Bilag: Revisionsspor');
    });

    it('gives the newest explanation of each goal that needs one, with who wrote it and its history, and says where one is missing', async function () {
      const contract = contractBook().forYear(2021)!;
      const rows = await db.database.measurements.listMeasurements(contract.id);
      const sections = sectionParagraphs(doc.documentXml);
      const sectionOf = (id: string) => sections.find((s) => s[0]!.startsWith(`Mål ${id} – `))!;
      const three = sectionOf('3');
      assert.ok(three.includes('Forklaring'));
      assert.ok(three.includes('Vækstsegmentet fik nye konsulenter midt i året; NPS 66 ligger 4 point under målet.'));
      assert.ok(!three.join('\n').includes('Første udkast'), 'an older explanation is not the explanation');
      assert.ok(three.includes('Skrevet af Lene Holm 10. januar 2022 kl. 10.30 (1 tidligere version i historikken).'), three.join('\n'));
      assert.ok(sectionOf('2').includes('Dokumentationen for geografisk spredning blev ikke registreret i Målbot.'));
      for (const goal of contract.goals.filter((g) => g.parentId === undefined)) {
        const family = [goal, ...contract.goals.filter((c) => c.parentId === goal.id)];
        const unexplained = family.filter((g) => needsExplanation(judgeGoal(contract, g, rows, '2022-02-01').status) && !['2', '3'].includes(g.id));
        const text = sectionOf(goal.id).join('\n');
        for (const g of unexplained) assert.ok(text.includes(`Mål ${g.id} – ${g.title}: Der er endnu ikke skrevet en forklaring.`), `Mål ${g.id} should say its explanation is missing`);
        if (family.every((g) => !needsExplanation(judgeGoal(contract, g, rows, '2022-02-01').status))) assert.ok(!text.includes('Forklaring'), `Mål ${goal.id} is met: no explanation asked`);
      }
    });

    it('marks demo data in the header of every section that shows it, and in the rows', function () {
      const sections = sectionParagraphs(doc.documentXml);
      assert.equal(doc.sectionHeaders.length, sections.length);
      sections.forEach((s, i) => {
        const shows = s.some((p) => /demodata/i.test(p));
        const header = doc.sectionHeaders[i];
        if (shows) assert.equal(doc.headers.get(header ?? ''), DEMO_HEADER, `section ${i} ("${s[0]}") shows demo data without the header`);
        else assert.equal(header, undefined, `section ${i} ("${s[0]}") has a demo header but no demo data`);
      });
      assert.ok(doc.sectionHeaders.filter((h) => h !== undefined).length >= 5);
    });

    it('writes Danish formats: dates in words, "37 %", no ISO dates, no decimal points', function () {
      const all = doc.paragraphs.join('\n');
      assert.match(all, new RegExp(`30\\. september 2021`));
      assert.ok(!/\d%/.test(all), 'a per cent sign without a space');
      assert.ok(!/\b20\d\d-\d\d-\d\d\b/.test(all), 'an ISO date in the text');
      const decimalPoint = /.{0,30}\d\.\d{1,2}(?![\d.]).{0,10}/.exec(all.replace(new RegExp(`\\d{1,2}\\. ${MONTH}`, 'g'), '').replace(/kl\. \d\d\.\d\d/g, ''));
      assert.equal(decimalPoint, null, 'a decimal point');
      assert.ok(doc.documentXml.includes('w:lang w:val="da-DK"'));
    });

    it('draws a chart image for KPIs with two or more readings, and a table otherwise', function () {
      const pngs = [...doc.parts.keys()].filter((n) => n.startsWith('word/media/') && n.endsWith('.png'));
      assert.ok(pngs.length >= 1, 'no chart image');
      const drawings = doc.documentXml.match(/<w:drawing>/g) ?? [];
      assert.equal(drawings.length, pngs.length);
      const milestoneTable = docxTables(doc.documentXml).find((t) => t[0]!.join('|') === 'Målt|Værdi|Periode|Kilde');
      assert.ok(milestoneTable, 'no reading table for a KPI without a chart');
    });

    it('lists every figure in the audit trail with who recorded it and when', async function () {
      const audit = docxTables(doc.documentXml).at(-1)!;
      assert.deepEqual(audit[0], ['Nr.', 'Målepunkt', 'Værdi', 'Periode', 'Målt', 'Kilde', 'Registreret af', 'Registreret', 'Rettelse']);
      const rows = await db.database.measurements.listMeasurements(CONTRACT_ID);
      assert.equal(audit.length - 1, rows.length, 'every demo row is shown somewhere in the report');
      for (const r of audit.slice(1)) {
        assert.equal(r[6], 'demo-seed');
        assert.match(r[7]!, new RegExp(`^\\d{1,2}\\. ${MONTH} \\d{4} kl\\. \\d\\d\\.\\d\\d$`));
      }
    });
  });

  describe('status on a past day', function () {
    let db: { database: Database; cleanup(): Promise<void> };
    after(async () => db.cleanup());

    it('"pr. 1. oktober 2021" counts only what was measured by then', async function () {
      db = await tempDatabase();
      await seedDemo(db.database.measurements, DEMO_CONTRACT_ID);
      const report = await reportOf(db.database, AFTER_YEAR_END, { asOf: '2021-10-01' });
      assert.equal(report.fileName, 'KKR-rapport-2021-status-2021-10-01.docx');
      const doc = openDocx(report.bytes);
      assert.ok(doc.paragraphs.includes('Status pr. 1. oktober 2021'));
      const row1c = docxTables(doc.documentXml)[0]!.find((r) => r[0]!.startsWith('1c – '))!;
      assert.match(row1c[3]!, /^Ingen måling/);
      assert.equal(row1c[4], 'afventer måling');
      assert.ok(!doc.paragraphs.join('\n').includes('31. december 2021. Kilde'), 'a row measured after the day is not in the report');
    });
  });

  describe('real data with a correction', function () {
    let db: { database: Database; cleanup(): Promise<void> };
    let doc: OpenedDocx;
    before(async function () {
      db = await tempDatabase();
      const store = db.database.measurements;
      const first = await store.appendMeasurement(newMeasurement({ kpiId: '1a', value: 35, recordedByName: 'Ib Holm', submissionId: 's1' }));
      await store.appendMeasurement(newMeasurement({ kpiId: '1a', value: 37.5, supersedesId: first.id, recordedByName: 'Lene Holm', submissionId: 's2', note: 'Rettet efter Erhvervsstyrelsens endelige tal' }));
      await store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 40, period: '2021', measuredOn: '2021-11-30', source: 'Erhvervsstyrelsen (brugerevaluering)', submissionId: 's3' }));
      doc = openDocx((await reportOf(db.database, AFTER_YEAR_END, { year: 2021 })).bytes);
    });
    after(async () => db.cleanup());

    it('has no demo marking at all', function () {
      assert.ok(doc.sectionHeaders.every((h) => h === undefined));
      assert.ok(!doc.paragraphs.join('\n').includes('DEMODATA'));
      assert.ok(!doc.paragraphs.join('\n').includes('demodata'));
    });

    it('uses the corrected figure with a decimal comma, and the audit trail shows the correction', function () {
      const row1a = docxTables(doc.documentXml)[0]!.find((r) => r[0]!.startsWith('1a – '))!;
      assert.match(row1a[3]!, /^37,5 % – efterår 2021/);
      assert.equal(row1a[4], 'opfyldt');
      const audit = docxTables(doc.documentXml).at(-1)!;
      const correction = audit.find((r) => r[5] !== undefined && r[8]!.startsWith('Retter'))!;
      assert.deepEqual([correction[1], correction[2], correction[6], correction[8]], ['1a', '37,5 %', 'Lene Holm', 'Retter nr. 1 (før: 35 %)']);
      assert.ok(!audit.some((r) => r[0] === '1'), 'the corrected row no longer counts and is not listed as a figure');
    });

    it('says the explanation of a goal not met is missing', function () {
      const four = sectionParagraphs(doc.documentXml).find((s) => s[0]!.startsWith('Mål 4 – '))!;
      assert.ok(four.includes('Mål 4 – Erhvervshusenes knudepunktsfunktion: Der er endnu ikke skrevet en forklaring.'), four.join('\n'));
    });
  });
});
