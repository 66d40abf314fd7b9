import type { Reply } from './reply';

/**
 * Teams refuses a bot message over about 100 KB (413 MessageSizeTooBig) and Microsoft advises at
 * most 80 KB. Teams counts the message as the bytes of its JSON; the card is nearly all of it (the
 * activity around it adds well under 1 KB), so the budget is the card's JSON in UTF-8 bytes.
 */
export const MAX_CARD_BYTES = 80 * 1024;

/** Sizes of frozen cards (a cached status card is measured once, not on every turn that sends it). */
const measured = new WeakMap<object, number>();

/**
 * The card's size as Teams counts it: its JSON, UTF-8 encoded (æ is 2 bytes, € 3, an emoji 4).
 * A frozen card (core/deep-freeze.ts: the reply cache's) cannot change, so its size is kept.
 */
export function cardBytes(card: unknown): number {
  const frozen = typeof card === 'object' && card !== null && Object.isFrozen(card);
  if (frozen) {
    const known = measured.get(card);
    if (known !== undefined) return known;
  }
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (frozen) measured.set(card, bytes);
  return bytes;
}

/**
 * The one place the budget is enforced (teams/maalbot.ts calls it for every card it sends or puts
 * in place): a card over it becomes a short Danish text, so Teams never refuses the message and
 * the user is not left without an answer. Cards are built to stay well below it (history pages,
 * shortened texts in lists: test/features/measurements/history/largest-cards.test.ts); this is the
 * net, and `overBy` lets the caller log it as the bug it is.
 */
export function withinCardBudget(reply: Reply): { reply: Reply; bytes?: number } {
  if (reply.kind !== 'card') return { reply };
  const bytes = cardBytes(reply.card);
  if (bytes <= MAX_CARD_BYTES) return { reply };
  return {
    reply: { kind: 'text', text: 'Svaret blev for stort til et kort i Teams, så jeg viser det ikke. Spørg om en enkelt del, fx «historik mål 9a» eller «status mål 4».' },
    bytes,
  };
}
