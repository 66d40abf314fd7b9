import assert from 'node:assert/strict';
import { z } from 'zod';
import { CARD_VERBS, type CardVerb } from '../../core/card-verbs';
import { cardVerbHandler, type CardActionRequest, type CardVerbHandlers } from '../../core/ports/card-action';
import type { TurnInfo } from '../../core/turn-info';
import { createCardActionRouter } from '../../core/card-action-router';

const turn = { conversationId: 'a:x', conversationType: 'personal', tenantId: 't', user: { id: '29:x', aadObjectId: undefined, name: undefined } } as TurnInfo;
const request = (verb: string, data: Record<string, unknown>): CardActionRequest => ({ verb, data, turn, via: 'execute' });

describe('card action router', function () {
  const seen: unknown[] = [];
  // Every verb gets the same strict test schema: a numeric string, handed on as a number.
  const verb = cardVerbHandler(z.object({ n: z.string().regex(/^\d+$/).transform(Number) }), async (data) => {
    seen.push(data);
    return { kind: 'text', text: `n=${data.n}` };
  });
  const handlers = Object.fromEntries(Object.values(CARD_VERBS).map((v: CardVerb) => [v, verb])) as unknown as CardVerbHandlers;
  const route = createCardActionRouter(handlers);
  beforeEach(() => (seen.length = 0));

  it('hands the verb\'s handler the data as its schema parsed it', async function () {
    assert.deepEqual(await route(request(CARD_VERBS.showHistory, { n: '7' })), { kind: 'text', text: 'n=7' });
    assert.deepEqual(seen, [{ n: 7 }]);
  });

  it('answers data the schema refuses with a polite 400 and never calls the handler', async function () {
    for (const data of [{}, { n: 7 }, { n: 'x' }, { n: { $ref: 'x' } }]) {
      const result = await route(request(CARD_VERBS.submitMeasurement, data));
      assert.equal(result.kind, 'error');
      if (result.kind !== 'error') continue;
      assert.equal(result.statusCode, 400);
      assert.match(result.message, /Prøv at hente kortet igen/);
    }
    assert.deepEqual(seen, []);
  });

  it('answers an unknown verb (or an inherited property name) with a polite 400', async function () {
    for (const v of ['noSuchVerb', 'toString', '__proto__']) {
      assert.deepEqual(await route(request(v, { n: '1' })), { kind: 'error', statusCode: 400, message: 'Den handling kender jeg ikke. Prøv at hente kortet igen, fx med "oversigt".' });
    }
  });
});
