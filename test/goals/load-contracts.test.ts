import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONTRACTS_FOLDER, defaultContractPath, projectRoot } from '../../goals/default-contract';
import { loadContracts } from '../../goals/load-contracts';
import { ContractFileError } from '../../goals/contract-file-error';

/** Several contract years: next year's contract is a data file in the folder, not code. */
describe('goals: loadContracts (a folder of contract years)', () => {
  const extension2022 = path.join(projectRoot(), 'test', 'fixtures', 'contracts', 'resultatkontrakt-2022-sydjylland-fiktiv.yaml');
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-contracts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the shipped folder holds the 2021 contract, in force ever after its period (final)', () => {
    const book = loadContracts(path.join(projectRoot(), DEFAULT_CONTRACTS_FOLDER));
    assert.deepEqual(book.contracts.map((c) => c.year), [2021]);
    assert.equal(book.inForce('2026-12-02').year, 2021);
    assert.equal(book.inForce('2020-06-01').year, 2021);
  });

  it('with the 2022 extension beside it: the one whose period contains the day is in force', () => {
    copyFileSync(defaultContractPath(), path.join(dir, '2021.yaml'));
    copyFileSync(extension2022, path.join(dir, '2022.yaml'));
    writeFileSync(path.join(dir, 'LÆS MIG.txt'), 'not a contract');
    const book = loadContracts(dir);
    assert.deepEqual(book.contracts.map((c) => c.year), [2021, 2022]);
    assert.equal(book.inForce('2021-10-01').year, 2021);
    assert.equal(book.inForce('2022-01-01').year, 2022);
    assert.equal(book.inForce('2026-12-02').year, 2022, 'after the last period, the latest stays');
    assert.equal(book.forYear(2021)?.id, 'kkr-syddanmark-sydjylland-2021');
    assert.equal(book.forYear(2019), undefined);
  });

  it('refuses two contracts for the same year or with overlapping periods, naming the files', () => {
    copyFileSync(defaultContractPath(), path.join(dir, 'a.yaml'));
    writeFileSync(path.join(dir, 'b.yaml'), readFileSync(defaultContractPath(), 'utf8').replace('id: kkr-syddanmark-sydjylland-2021', 'id: kopi'));
    assert.throws(() => loadContracts(dir), (err: unknown) => err instanceof ContractFileError && /samme kontraktår 2021 som a\.yaml/.test(err.message) && /overlapper a\.yaml/.test(err.message));
  });

  it('refuses an empty folder in Danish', () => {
    assert.throws(() => loadContracts(dir), (err: unknown) => err instanceof ContractFileError && /ingen kontraktfiler/.test(err.message));
  });

  it('still takes a single file', () => {
    assert.equal(loadContracts(defaultContractPath()).contracts.length, 1);
  });
});
