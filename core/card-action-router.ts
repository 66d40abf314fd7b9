import type { CardActionHandler, CardActionResult, CardVerbHandler, CardVerbHandlers } from './ports/card-action';

const UNKNOWN_VERB: CardActionResult = { kind: 'error', statusCode: 400, message: 'Den handling kender jeg ikke. Prøv at hente kortet igen, fx med "oversigt".' };
const BAD_DATA: CardActionResult = { kind: 'error', statusCode: 400, message: 'Kortet er beskadiget eller forældet, så intet er gjort. Prøv at hente kortet igen, fx med "oversigt".' };

/**
 * Routes a card action to the handler registered for its verb, after parsing the action's data
 * once with that verb's schema. An unknown verb or data the schema refuses gets a polite 400.
 */
export function createCardActionRouter(handlers: CardVerbHandlers): CardActionHandler {
  const byVerb: Readonly<Record<string, CardVerbHandler<unknown>>> = handlers;
  return async (request) => {
    const handler = Object.prototype.hasOwnProperty.call(byVerb, request.verb) ? byVerb[request.verb] : undefined;
    if (handler === undefined) return UNKNOWN_VERB;
    const parsed = handler.parse.safeParse(request.data);
    if (!parsed.success) return BAD_DATA;
    return handler.handle(parsed.data, request);
  };
}
