import type { AdaptiveCard } from '../../cards/adaptive-card';
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
  /** Replace the card in place (invoke response, or updateActivity after a Submit). */
  | { kind: 'card'; card: AdaptiveCard }
  /** A short text instead of a card. */
  | { kind: 'message'; text: string }
  /** The action could not be carried out; `message` is shown to the user (Danish, no internals). */
  | { kind: 'error'; statusCode: 400 | 403 | 500; message: string };

export type CardActionHandler = (request: CardActionRequest) => Promise<CardActionResult>;
