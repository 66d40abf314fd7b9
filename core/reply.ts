/**
 * An Adaptive Card as plain JSON. Core does not know the card kit (cards/ builds cards on top of
 * core), so this is only the shape every card shares; cards/adaptive-card.ts's AdaptiveCard fits it.
 */
export type CardJson = { type: 'AdaptiveCard'; version: string; fallbackText?: string; [key: string]: unknown };

/**
 * What every feature hands the Bot Framework shell: a card (with a short text summary for
 * notifications and clients that cannot render cards) or plain text. The same union answers
 * questions, card actions and form steps; after a card action a card replaces the pressed card
 * and a text leaves it as it is. No botbuilder types here.
 */
export type Reply =
  | { kind: 'card'; card: CardJson; summary: string }
  | { kind: 'text'; text: string }
  /** A file offered in a personal chat (Teams' file consent card); the answer comes as a fileConsent invoke naming `offerId`. */
  | { kind: 'file-consent'; offerId: string; fileName: string; description: string; sizeInBytes: number; summary: string }
  /** The file uploaded after consent (Teams' file info card: `contentUrl`, `uniqueId`, `fileType` from the upload info). */
  | { kind: 'file-info'; fileName: string; contentUrl: string; uniqueId: string; fileType: string; summary: string };

export function cardReply(card: CardJson, summary?: string): Reply {
  return { kind: 'card', card, summary: summary ?? card.fallbackText ?? 'Målbot' };
}
