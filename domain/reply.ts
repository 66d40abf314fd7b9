import type { AdaptiveCard } from '../cards/adaptive-card';

/**
 * What the domain hands the Bot Framework shell to send: a card (with a short text summary
 * for notifications and clients that cannot render cards) or plain text. No botbuilder types here.
 */
export type Reply = { kind: 'card'; card: AdaptiveCard; summary: string } | { kind: 'text'; text: string };

export function cardReply(card: AdaptiveCard, summary?: string): Reply {
  return { kind: 'card', card, summary: summary ?? card.fallbackText ?? 'Målbot' };
}
