import assert from 'node:assert/strict';
import * as path from 'node:path';
import { contractBook } from '../../../../goals/contract-book';
import { defaultContractPath, projectRoot } from '../../../../goals/default-contract';
import { loadContract } from '../../../../goals/load-contract';
import { rowHome } from '../../../../features/measurements/form/row-contract';

/** Where a new row goes by its period, over the real 2021 contract and the fictitious 2022 extension. */
describe('rowHome: the contract a row belongs to by its period', () => {
  const c2021 = loadContract(defaultContractPath());
  const c2022 = loadContract(path.join(projectRoot(), 'test', 'fixtures', 'contracts', 'resultatkontrakt-2022-sydjylland-fiktiv.yaml'));
  const only2021 = contractBook([c2021]);
  const both = contractBook([c2021, c2022]);
  const range = (from: string, to: string) => ({ from, to });

  it('a 2021 result goes to 2021, also when registered while 2022 is in force', () => {
    assert.deepEqual(rowHome(both, c2022, '1a', range('2021-09-01', '2021-11-30'), '2022-02-01'), { ok: true, contractId: c2021.id });
  });

  it('an autumn 2022 result for 1a goes to the 2022 extension, whose window it is in', () => {
    assert.deepEqual(rowHome(both, c2021, '1a', range('2022-09-01', '2022-11-30'), '2022-11-30'), { ok: true, contractId: c2022.id });
  });

  it('the September 2020 baseline goes to the contract whose baseline it is', () => {
    assert.deepEqual(rowHome(only2021, c2021, '1a', range('2020-09-01', '2020-09-30'), '2020-09-30'), { ok: true, contractId: c2021.id });
  });

  it('a 2020 row without a baseline is kept as history under the first contract (never counted)', () => {
    assert.deepEqual(rowHome(only2021, c2021, '3a', range('2020-01-01', '2020-12-31'), '2020-12-31'), { ok: true, contractId: c2021.id });
  });

  it('1b (2023) stays with the 2021 contract that sets it', () => {
    assert.deepEqual(rowHome(only2021, c2021, '1b', range('2023-09-01', '2023-11-30'), '2023-11-30'), { ok: true, contractId: c2021.id });
  });

  it('a June 2026 row is refused with a Danish reason when no contract covers 2026', () => {
    const home = rowHome(only2021, c2021, '4a', range('2026-06-01', '2026-06-30'), '2026-06-15');
    assert.equal(home.ok, false);
    if (!home.ok) {
      assert.match(home.message, /^Perioden ligger efter kontraktperioden \(1\. januar 2021–31\. december 2021\)/);
      assert.match(home.message, /når kontrakten for året er lagt ind/);
    }
  });
});
