import { contractBook } from '../../../../goals/contract-book';
import assert from 'node:assert/strict';
import { createQuestionAnswerer } from '../../../../features/ask/answer-question';
import type { AccessPolicy } from '../../../../core/access/access-policy';
import type { TurnInfo } from '../../../../core/turn-info';
import { loadContract } from '../../../../goals/load-contract';
import { defaultContractPath } from '../../../../goals/default-contract';
import { openDatabase } from '../../../../store/open-database';
import type { Database } from '../../../../core/ports/database';
import type { MeasurementStore } from '../../../../core/ports/measurement-store';
import { submitAction } from '../../../helpers/card-inputs';

const STAFF = 'a1111111-1111-4111-8111-111111111111';
const FIXED_ID = '0b7d5f7e-3c1a-4a57-9a0e-6b1f1c2d3e4f';
const contract = loadContract(defaultContractPath());
const access: AccessPolicy = { staff: { objectIds: new Set([STAFF]), upns: new Set() }, admins: { objectIds: new Set(), upns: new Set() } };
const turn = { conversationId: 'a:staff', conversationType: 'personal', tenantId: 't', user: { id: '29:s', aadObjectId: STAFF, name: 'Anna' } } as TurnInfo;

describe('"opdater mål" (answer)', function () {
  let database: Database;
  let store: MeasurementStore;
  before(async function () {
    database = await openDatabase('sqlite::memory:', { baseDir: process.cwd() });
    store = database.measurements;
  });
  after(async function () {
    await database.close();
  });

  it('puts the injected submission id on the form, not a fresh random one', async function () {
    const ask = createQuestionAnswerer({ contracts: contractBook([contract]), store, today: () => '2021-10-15', access, newSubmissionId: () => FIXED_ID });
    const { reply, intent } = await ask('opdater mål 4', turn);
    assert.equal(intent, 'update-form');
    assert.equal(reply.kind, 'card');
    if (reply.kind !== 'card') return;
    assert.equal(submitAction(reply.card).data.submissionId, FIXED_ID);
  });
});
