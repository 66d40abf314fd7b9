/**
 * The cards this bot sent, so an Action.Submit may only replace one of them.
 *
 * An Action.Submit names the card it came from only by the activity's `replyToId`, which the
 * sender controls: a forged `replyToId` made the bot PUT its card over any activity it could
 * update — a reminder agenda, another person's confirmation. So every card the bot sends (or puts
 * in place of another) is recorded with the buttons it carries: their verb and goal. A submit
 * updates the card only when its `replyToId` is such a card, in the same conversation, with a
 * button of that verb for that goal; otherwise the answer goes out as a new message.
 *
 * Kept in memory, bounded (MAX_SENT_CARDS, the oldest forgotten first), not in the database:
 * it needs no migration, and forgetting only costs a new message instead of an update — after a
 * restart, on another instance, or for a card older than the last MAX_SENT_CARDS. Universal Actions
 * (Action.Execute, what Teams clients use) replace their own card in the invoke response and never
 * need this.
 */
export const MAX_SENT_CARDS = 10_000;

interface Button {
  verb: string;
  goalId: string | undefined;
}

export class SentCards {
  private readonly cards = new Map<string, readonly Button[]>();

  constructor(private readonly capacity = MAX_SENT_CARDS) {}

  /** The bot sent (or put in place) `card` as activity `activityId` in `conversationId`. */
  remember(conversationId: string, activityId: string | undefined, card: unknown): void {
    if (activityId === undefined || activityId === '') return;
    const key = keyOf(conversationId, activityId);
    this.cards.delete(key); // re-inserted: newest last
    this.cards.set(key, buttonsOf(card));
    while (this.cards.size > this.capacity) this.cards.delete(this.cards.keys().next().value!);
  }

  /** A card of ours was replaced in place (an invoke's response): its new buttons. Unknown ids stay unknown. */
  replaced(conversationId: string, activityId: string | undefined, card: unknown): void {
    if (activityId !== undefined && this.cards.has(keyOf(conversationId, activityId))) this.remember(conversationId, activityId, card);
  }

  /** True when `activityId` is a card the bot sent here with a button for this verb and goal. */
  mayReplace(conversationId: string, activityId: string | undefined, verb: string, data: Record<string, unknown>): boolean {
    if (activityId === undefined) return false;
    const buttons = this.cards.get(keyOf(conversationId, activityId));
    if (buttons === undefined) return false;
    const goalId = typeof data.goalId === 'string' ? data.goalId : undefined;
    return buttons.some((b) => b.verb === verb && b.goalId === goalId);
  }

  get size(): number {
    return this.cards.size;
  }
}

function keyOf(conversationId: string, activityId: string): string {
  return `${conversationId}\u0000${activityId}`;
}

/** The buttons of frozen cards (the reply cache's: core/deep-freeze.ts), found once per card instead of on every send. */
const buttonsOfFrozen = new WeakMap<object, readonly Button[]>();

/** Every Action.Execute (verb) and Action.Submit (data.verb) in a card, with the goal its data names. */
function buttonsOf(card: unknown): readonly Button[] {
  if (typeof card !== 'object' || card === null || !Object.isFrozen(card)) return findButtons(card);
  let buttons = buttonsOfFrozen.get(card);
  if (buttons === undefined) buttonsOfFrozen.set(card, (buttons = Object.freeze(findButtons(card))));
  return buttons;
}

function findButtons(card: unknown): Button[] {
  const out: Button[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 32 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const data = typeof o.data === 'object' && o.data !== null ? (o.data as Record<string, unknown>) : {};
    const verb = o.type === 'Action.Execute' ? o.verb : o.type === 'Action.Submit' ? data.verb : undefined;
    if (typeof verb === 'string') out.push({ verb, goalId: typeof data.goalId === 'string' ? data.goalId : undefined });
    for (const value of Object.values(o)) walk(value, depth + 1);
  };
  walk(card, 0);
  return out;
}
