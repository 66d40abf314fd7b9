import type { Reply } from './reply';
import { deepFreeze } from './deep-freeze';

/**
 * Status cards are a pure function of (contract, goal, today, the rows they read). Rows are
 * append-only and never change once written, so their ids identify the data exactly: a key made
 * of those ids can never serve a stale card, on SQLite or shared PostgreSQL alike. Bounded, oldest out.
 */
/** The joined ids per rows array (only frozen arrays are trusted not to change; see key). */
const idsOf = new WeakMap<readonly { readonly id: number }[], string>();

export class ReplyCache {
  private readonly entries = new Map<string, Reply>();

  constructor(private readonly limit = 256) {}

  /**
   * Only the rows' ids count, so any append-only rows will do (measurements today). The ids of one
   * array are joined once: a store that hands back the same (frozen) array while nothing changed
   * (store/sqlite-store.ts) makes the key O(1) however many rows there are.
   */
  static key(parts: readonly string[], rows: readonly { readonly id: number }[]): string {
    let ids = idsOf.get(rows);
    if (ids === undefined || !Object.isFrozen(rows)) idsOf.set(rows, (ids = rows.map((m) => m.id).join(',')));
    return `${parts.join('|')}|${ids}`;
  }

  /** The reply is shared by every turn with that key, so it is frozen, card and all (core/deep-freeze.ts). */
  async getOrCreate(key: string, create: () => Reply | Promise<Reply>): Promise<Reply> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const reply = deepFreeze(await create());
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, reply);
    return reply;
  }
}
