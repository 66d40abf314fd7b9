/**
 * Expired follow-up topics are deleted at most once a minute per store: reading never needs it
 * (recall checks expires_at), so the delete is housekeeping and need not cost every answer a second
 * write. Any instance's purge removes every conversation's expired rows.
 */
const PURGE_EVERY_MS = 60_000;
const lastPurge = new WeakMap<object, number>();

export function dueForPurge(store: object, now: Date): boolean {
  const last = lastPurge.get(store);
  const t = now.getTime();
  // A clock moved back (tests, NTP) counts as due too.
  if (last !== undefined && t >= last && t - last < PURGE_EVERY_MS) return false;
  lastPurge.set(store, t);
  return true;
}
