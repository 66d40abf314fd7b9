/**
 * Freezes a JSON-like value and everything in it, and returns it. A cached card is shared by every
 * turn that asks for it, so it must never change; frozen, it can also carry what was worked out
 * from it once (its size, its buttons: core/card-budget.ts, teams/sent-cards.ts) — only frozen
 * objects are trusted for that.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  // Not stopped at an object frozen already: one frozen elsewhere may hold children that are not.
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
