import type { Client } from '@microsoft/microsoft-graph-client';
import type { GroupMembership } from '../core/ports/group-membership';
import type { Logger } from '../core/ports/logger';

/** Graph checks at most 20 groups per checkMemberGroups request. */
const GROUPS_PER_REQUEST = 20;

export interface GraphGroupMembershipOptions {
  client: Client;
  logger: Logger;
  /** How long an answer is reused. Default 5 minutes: someone removed from a group loses the role within that. */
  ttlMs?: number;
  /** How long a failed check answers [] before Graph is asked again. Default 30 s (a Graph outage is not asked per turn). */
  failureTtlMs?: number;
  /** Longest wait before the turn goes on without the groups. Default 3 s (a card action must be answered within Teams' 5 s). */
  timeoutMs?: number;
  /** Most users remembered. Default 1000. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * STAFF_GROUP_IDS / ADMIN_GROUP_IDS through Microsoft Graph: `POST /users/{id}/checkMemberGroups`
 * (transitive; application permissions User.Read.All and GroupMember.Read.All) answers which of
 * the configured groups the user is in. Cached per user for a short while; a failure, a timeout or
 * an answer of the wrong shape gives [] (fail closed: the user lists still apply) and is logged.
 */
export function createGraphGroupMembership(options: GraphGroupMembershipOptions): GroupMembership {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const failureTtlMs = options.failureTtlMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxEntries = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { groups: readonly string[]; until: number }>();

  const ask = async (userObjectId: string, groupIds: readonly string[]): Promise<string[]> => {
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += GROUPS_PER_REQUEST) {
      const chunk = groupIds.slice(i, i + GROUPS_PER_REQUEST);
      const answer: unknown = await options.client.api(`/users/${encodeURIComponent(userObjectId)}/checkMemberGroups`).post({ groupIds: chunk });
      const value = (answer as { value?: unknown } | null)?.value;
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error('checkMemberGroups answered without a list of group ids');
      // Only ids that were asked about count, whatever else an answer holds.
      found.push(...value.map((v) => v.toLowerCase()).filter((v) => chunk.includes(v)));
    }
    return found;
  };

  return async (userObjectId, groupIds) => {
    const key = `${userObjectId.toLowerCase()}|${groupIds.join(',')}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now()) return hit.groups;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    let groups: readonly string[];
    let until: number;
    try {
      const answer = await Promise.race([ask(userObjectId, groupIds), gaveUp]);
      if (answer === 'timeout') throw new Error(`no answer within ${timeoutMs} ms`);
      groups = answer;
      until = now() + ttlMs;
    } catch (err) {
      options.logger.warn({ err, userObjectId }, 'Graph: group membership check failed; the user gets the role of the user lists only');
      groups = [];
      until = now() + failureTtlMs;
    } finally {
      clearTimeout(timer);
    }
    if (!cache.has(key) && cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, { groups, until });
    return groups;
  };
}
