import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CONTRACT_ID, seedDemo } from '../../../store/seed-demo-data';
import { reportOf, tempDatabase } from './report-fixtures';

function soffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  return undefined;
}

/**
 * The generated file opens in a real word processor: LibreOffice (headless) converts it to PDF
 * without errors. .ci/run installs LibreOffice; on CI a missing one fails the test instead of skipping it.
 */
describe('KKR report opens in LibreOffice', function () {
  this.timeout(120_000);

  it('converts the 2021 report to a PDF of several pages', async function () {
    const bin = soffice();
    if (bin === undefined) {
      if (process.env.CI) assert.fail('LibreOffice (soffice) is not installed and CI is set: .ci/run must install libreoffice-writer-nogui');
      console.warn('\n  LibreOffice is not installed: skipping the conversion test (apt-get install libreoffice-writer-nogui)\n');
      this.skip();
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-lo-'));
    const db = await tempDatabase();
    try {
      await seedDemo(db.database.measurements, DEMO_CONTRACT_ID);
      const report = await reportOf(db.database, '2022-02-01T10:00:00Z', { year: 2021 });
      const docx = path.join(dir, report.fileName);
      writeFileSync(docx, report.bytes);
      // A private profile, so a LibreOffice the developer has open does not take the job.
      const out = execFileSync(bin, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { encoding: 'utf8', timeout: 100_000, stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(out, /convert .* -> .*\.pdf/);
      const pdfName = readdirSync(dir).find((f) => f.endsWith('.pdf'));
      assert.ok(pdfName, `no PDF: ${out}`);
      const pdf = readFileSync(path.join(dir, pdfName));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.ok(pages >= 13, `${pages} pages: a title page, the summary, ten goals and the audit trail start on pages of their own`);
    } finally {
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
