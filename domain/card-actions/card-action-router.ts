import type { CardActionHandler } from './card-action';

/** Routes a card action to the handler registered for its verb; an unknown verb gets a polite 400. */
export function createCardActionRouter(handlers: Readonly<Record<string, CardActionHandler>>): CardActionHandler {
  return async (request) => {
    const handler = Object.prototype.hasOwnProperty.call(handlers, request.verb) ? handlers[request.verb] : undefined;
    if (handler === undefined) {
      return { kind: 'error', statusCode: 400, message: 'Den handling kender jeg ikke. Prøv at hente kortet igen, fx med "oversigt".' };
    }
    return handler(request);
  };
}
