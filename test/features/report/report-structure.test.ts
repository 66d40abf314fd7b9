import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_CONTRACT_ID, seedDemo } from '../../../store/seed-demo-data';
import { openDocx, docxTables, sectionParagraphs } from '../../helpers/docx-text';
import { reportOf, tempDatabase } from './report-fixtures';

const GOLDEN = path.join(__dirname, '../../fixtures/report/structure-2021-final.json');

/**
 * The report's structure pinned by a golden file: per section its headings (style and text), the
 * header rows and sizes of its tables, its images and whether it carries the demo header. Text
 * inside paragraphs is checked by report-document.test.ts; this catches a section, heading or
 * column that appears, disappears or moves. UPDATE_GOLDEN=1 rewrites the file (review the diff).
 */
function structureOf(bytes: Buffer) {
  const doc = openDocx(bytes);
  const xmlSections = doc.documentXml.split(/(?<=<\/w:sectPr>)/);
  const texts = sectionParagraphs(doc.documentXml);
  return texts.map((paragraphs, i) => {
    const xml = xmlSections[i] ?? '';
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="(Title|Heading\d)"\/>([\s\S]*?)<\/w:p>/g)].map((m) => `${m[1]}: ${[...m[2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')}`);
    return {
      first: paragraphs[0],
      headings,
      tables: docxTables(xml).map((t) => ({ header: t[0], rows: t.length - 1 })),
      images: (xml.match(/<w:drawing>/g) ?? []).length,
      demoHeader: doc.sectionHeaders[i] !== undefined,
    };
  });
}

describe('KKR report structure (golden)', function () {
  this.timeout(30_000);

  it('the 2021 final account of the demo data has the pinned structure', async function () {
    const db = await tempDatabase();
    try {
      await seedDemo(db.database.measurements, DEMO_CONTRACT_ID);
      const structure = structureOf((await reportOf(db.database, '2022-02-01T10:00:00Z', { year: 2021 })).bytes);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
        if (process.env.CI) assert.fail(`${GOLDEN} is missing on CI`);
        writeFileSync(GOLDEN, `${JSON.stringify(structure, null, 2)}\n`);
      }
      assert.deepEqual(structure, JSON.parse(readFileSync(GOLDEN, 'utf8')));
    } finally {
      await db.cleanup();
    }
  });
});
