import assert from 'node:assert/strict';
import { goalStatusAnswer } from '../../../features/status/goal-status-answer';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';

const contract = loadContract(defaultContractPath());

describe('goalStatusAnswer', function () {
  it('is the status card of a goal in the contract', function () {
    const reply = goalStatusAnswer('4', { contract, measurements: [], today: '2021-10-15' });
    assert.equal(reply?.kind, 'card');
  });

  it('is undefined for a goal the contract does not have, so the asking side words the answer', function () {
    assert.equal(goalStatusAnswer('42', { contract, measurements: [], today: '2021-10-15' }), undefined);
  });
});
