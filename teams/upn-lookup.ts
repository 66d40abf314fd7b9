import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../core/ports/logger';

/** The user's UPN for a turn, or null when the lookup found none (or failed). */
export type UpnLookup = (context: TurnContext) => Promise<string | null>;

export interface UpnLookupOptions {
  /** How long a looked-up UPN is reused. Default 15 minutes. */
  ttlMs?: number;
  /** Most users remembered. Default 1000. */
  maxEntries?: number;
  /**
   * Longest wait for the lookup before the turn goes on without the UPN (matched by object id
   * only). Default 3 s: a card action must be answered within Teams' 5 s, and the connector's own
   * bound (OUTBOUND_TIMEOUT_SECONDS) is longer.
   */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Teams activities carry the Entra object id but not the UPN. When STAFF_USERS / ADMIN_USERS name
 * UPNs, card actions need it: one member lookup (GET …/conversations/{id}/members/{userId} via
 * TeamsInfo.getMember), remembered per user for a while so a form session costs one call.
 * A failed lookup is logged and answers null: the user is then matched by object id only.
 */
export function createUpnLookup(logger: Logger, options: UpnLookupOptions = {}): UpnLookup {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const maxEntries = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const cache = new Map<string, { upn: string | null; until: number }>();
  return async (context) => {
    const userId = context.activity.from?.id;
    if (!userId) return null;
    const key = `${context.activity.conversation?.tenantId ?? ''}|${userId}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now()) return hit.upn;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const member = await Promise.race([TeamsInfo.getMember(context, userId), gaveUp]);
      if (member === 'timeout') {
        logger.warn({ timeoutMs }, 'UPN lookup took too long; matching the user by object id only');
        return null; // not remembered: the next turn asks again
      }
      const upn = typeof member.userPrincipalName === 'string' && member.userPrincipalName !== '' ? member.userPrincipalName : null;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(key, { upn, until: now() + ttlMs });
      return upn;
    } catch (err) {
      logger.warn({ err }, 'UPN lookup failed; matching the user by object id only');
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}
