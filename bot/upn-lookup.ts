import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from './logger';

/** The user's UPN for a turn, or null when the lookup found none (or failed). */
export type UpnLookup = (context: TurnContext) => Promise<string | null>;

export interface UpnLookupOptions {
  /** How long a looked-up UPN is reused. Default 15 minutes. */
  ttlMs?: number;
  /** Most users remembered. Default 1000. */
  maxEntries?: number;
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
  const cache = new Map<string, { upn: string | null; until: number }>();
  return async (context) => {
    const userId = context.activity.from?.id;
    if (!userId) return null;
    const key = `${context.activity.conversation?.tenantId ?? ''}|${userId}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now()) return hit.upn;
    try {
      const member = await TeamsInfo.getMember(context, userId);
      const upn = typeof member.userPrincipalName === 'string' && member.userPrincipalName !== '' ? member.userPrincipalName : null;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(key, { upn, until: now() + ttlMs });
      return upn;
    } catch (err) {
      logger.warn({ err }, 'UPN lookup failed; matching the user by object id only');
      return null;
    }
  };
}
