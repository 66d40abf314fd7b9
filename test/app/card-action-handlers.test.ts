import assert from 'node:assert/strict';
import { CARD_VERBS } from '../../core/card-verbs';
import { createCardActionHandlers } from '../../app/card-action-handlers';
import type { MeasurementFormDeps } from '../../features/measurements/form/measurement-form-deps';

describe('card action registry', function () {
  it('registers exactly the verbs of CARD_VERBS, each with a schema and a handler', function () {
    // The handlers only close over their deps; none is called here.
    const handlers = createCardActionHandlers({ forms: {} as MeasurementFormDeps, answerContexts: () => { throw new Error('not called'); } });
    assert.deepEqual(Object.keys(handlers).sort(), Object.values(CARD_VERBS).sort());
    for (const handler of Object.values(handlers)) {
      assert.equal(typeof handler.parse.safeParse, 'function');
      assert.equal(typeof handler.handle, 'function');
    }
  });
});
