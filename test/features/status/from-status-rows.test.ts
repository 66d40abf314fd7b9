import assert from 'node:assert/strict';
import { fromStatusRows } from '../../../features/status/from-status-rows';
import { goalStatusAnswer } from '../../../features/status/goal-status-answer';
import { ReplyCache } from '../../../core/reply-cache';
import { SqliteMeasurementStore } from '../../../store/sqlite-store';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';
import { newMeasurement } from '../../store/store-contract';

const contract = loadContract(defaultContractPath());
const TODAY = '2021-12-31';

describe('fromStatusRows', function () {
  it('a row outside the window that is only counted still changes the cached card ("N målinger")', async function () {
    const store = new SqliteMeasurementStore(':memory:');
    await store.migrate();
    try {
      const deps = { contract, store, cache: new ReplyCache() };
      const card = async (): Promise<string> => {
        const reply = await fromStatusRows(deps, TODAY, ['goal-status', '4'], ({ rows, outsideLeftOut }) => goalStatusAnswer('4', { contract, measurements: rows, outsideLeftOut, today: TODAY })!);
        return JSON.stringify(reply);
      };
      const add = (period: string, measuredOn: string) => store.appendMeasurement(newMeasurement({ contractId: contract.id, kpiId: '4a', value: 40, period, measuredOn }));
      await add('2021', '2021-06-30');
      await add('2019', '2020-03-01'); // another period, the newest of those
      await add('2018', '2019-03-01');
      assert.match(await card(), /\(2 målinger, se historik\)/);
      // Older than the one shown: the rows the card reads are the same, only the count moves.
      await add('2017', '2018-03-01');
      assert.match(await card(), /\(3 målinger, se historik\)/);
    } finally {
      await store.close();
    }
  });
});
