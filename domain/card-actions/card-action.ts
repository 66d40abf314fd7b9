import type { Reply } from '../../core/reply';
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
