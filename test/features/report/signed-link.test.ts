import assert from 'node:assert/strict';
import fc from 'fast-check';
import { signedFilePath, verifySignedFile, type LinkedFile } from '../../../features/report/signed-link';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!!';
const NOW = 1_643_709_600; // 2022-02-01T10:00:00Z
const SEED = Number(process.env.PROPERTY_SEED ?? 1212);

describe('signed download links (features/report/signed-link.ts)', function () {
  const files: LinkedFile[] = [{ kind: 'report', year: 2021 }, { kind: 'report', asOf: '2021-10-01' }, { kind: 'report' }, { kind: 'export' }];

  it('a link verifies to exactly the file it was made for, until it expires', function () {
    for (const file of files) {
      const path = signedFilePath(SECRET, file, NOW + 900);
      assert.deepEqual(verifySignedFile(SECRET, path, NOW), file);
      assert.deepEqual(verifySignedFile(SECRET, path, NOW + 900), file, 'valid through its last second');
      assert.equal(verifySignedFile(SECRET, path, NOW + 901), null, 'expired');
      assert.equal(verifySignedFile(`${SECRET}x`, path, NOW), null, 'another secret');
    }
  });

  it('refuses every link that differs from a signed one in one character', function () {
    const path = signedFilePath(SECRET, { kind: 'report', asOf: '2021-10-01' }, NOW + 900);
    fc.assert(
      fc.property(fc.nat(path.length - 1), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }), (at, c) => {
        const changed = path.slice(0, at) + c + path.slice(at + 1);
        fc.pre(changed !== path);
        const got = verifySignedFile(SECRET, changed, NOW);
        // Only a change URLSearchParams decodes to the same text may pass (e.g. "%2D" for "-"): then it names the same file.
        assert.ok(got === null || JSON.stringify(got) === JSON.stringify({ kind: 'report', asOf: '2021-10-01' }), changed);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('refuses other paths, extra, repeated or missing parameters and malformed values', function () {
    const path = signedFilePath(SECRET, { kind: 'report', year: 2021 }, NOW + 900);
    const query = path.split('?')[1]!;
    for (const bad of [
      `/api/files/report/?${query}`,
      `/api/files//report?${query}`,
      `/api/files/REPORT?${query}`,
      `/api/files/report.docx?${query}`,
      `/api/files/../files/report?${query}`,
      `/api/files/%72eport?${query}`,
      `/api/files/report?${query}&x=1`,
      `/api/files/report?${query}&year=2021`,
      `/api/files/report?${query.replace('year=2021&', '')}`,
      `/api/files/report?${query.replace('year=2021', 'year=2021.0')}`,
      `/api/files/report?${query.replace(/exp=\d+/, 'exp=-1')}`,
      `/api/files/report?${query.replace(/exp=\d+/, 'exp=1e12')}`,
      `/api/files/report?${query.replace(/&sig=.*/, '')}`,
      `/api/files/report`,
      `/api/files/export?${query}`,
    ]) {
      assert.equal(verifySignedFile(SECRET, bad, NOW), null, bad);
    }
  });
});
