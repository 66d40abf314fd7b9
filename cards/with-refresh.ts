import type { AdaptiveCard } from './adaptive-card';
import { executeAction } from './execute-action';

/**
 * Adds Universal Actions' `refresh` to a card for a shared conversation: the clients of
 * `userIds` (Teams user ids, at most 60) run the refresh verb automatically and show the card the
 * bot answers for them; everyone else keeps the card as sent (a reader's view) and may refresh it
 * by hand, which again answers their own view. Without ids the card is left as it is.
 */
export function withRefresh(card: AdaptiveCard, verb: string, data: Record<string, string>, userIds: readonly string[], title = 'Opdater kortet'): AdaptiveCard {
  if (userIds.length === 0) return card;
  const { fallback: _fallback, ...action } = executeAction(title, verb, data);
  return { ...card, refresh: { action, userIds: [...userIds].slice(0, 60) } };
}
