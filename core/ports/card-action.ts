import type { z } from 'zod';
import type { CardVerb } from '../card-verbs';
import type { Reply } from '../reply';
import type { TurnInfo } from '../turn-info';

/**
 * A press on a card button, routed by `verb` (never by parsing text). The same request comes
 * from Universal Actions (`Action.Execute`, invoke `adaptiveCard/action`) and from the
 * `Action.Submit` fallback (a message whose `value` holds `verb` and the inputs).
 */
export interface CardActionRequest {
  verb: string;
  /** The action's data merged with the card's input values; every input value arrives as a string. */
  data: Record<string, unknown>;
  turn: TurnInfo;
  via: 'execute' | 'submit';
}

export type CardActionResult =
  /** A card replaces the pressed card in place (invoke response, or updateActivity after a Submit); a text leaves it as it is. */
  | Reply
  /** The action could not be carried out; `message` is shown to the user (Danish, no internals). */
  | { kind: 'error'; statusCode: 400 | 403 | 500; message: string };

export type CardActionHandler = (request: CardActionRequest) => Promise<CardActionResult>;

/**
 * One verb's handler: `parse` is the schema of its action data, applied once by the router at the
 * edge (bad data is a polite 400, never a thrown error), and `handle` gets the parsed data.
 */
export interface CardVerbHandler<T> {
  parse: z.ZodType<T>;
  // Method syntax on purpose: a handler of specific data still fits the registry's CardVerbHandler<unknown>.
  handle(data: T, request: CardActionRequest): Promise<CardActionResult>;
}

/** Builds a verb handler so that `handle`'s data is inferred from `parse`. */
export function cardVerbHandler<T>(parse: z.ZodType<T>, handle: (data: T, request: CardActionRequest) => Promise<CardActionResult>): CardVerbHandler<T> {
  return { parse, handle };
}

/** One handler per card verb, like the intents: the compiler insists that none is missing. */
export type CardVerbHandlers = { readonly [V in CardVerb]: CardVerbHandler<unknown> };
