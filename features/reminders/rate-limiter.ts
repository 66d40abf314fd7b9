/** At most `limit` events in any `perMs` milliseconds. */
export interface RateWindow {
  limit: number;
  perMs: number;
}

/**
 * Teams' documented limits for one bot in one conversation thread: 7 per second, 8 per 2 s,
 * 60 per 30 s, 1800 per hour. `marginMs` lengthens each window a little, so the gap between our
 * clock and the moment the service counts a message (network jitter) does not tip us over.
 */
export function teamsConversationWindows(perSecond = 7, marginMs = 50): RateWindow[] {
  return [
    { limit: perSecond, perMs: 1000 + marginMs },
    { limit: 8, perMs: 2000 + marginMs },
    { limit: 60, perMs: 30_000 + marginMs },
    { limit: 1800, perMs: 3_600_000 + marginMs },
  ];
}

/**
 * Sliding-window rate limits per key (a conversation, or one key for the whole app).
 * The caller asks when the next event may happen, waits, and records it; events are recorded
 * in time order, which keeps each key's history sorted.
 */
export class SlidingWindowLimiter {
  private readonly history = new Map<string, number[]>();
  private readonly longestMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    if (windows.length === 0 || windows.some((w) => !(w.limit >= 1) || !(w.perMs > 0))) throw new RangeError('rate windows need limit ≥ 1 and perMs > 0');
    this.longestMs = Math.max(...windows.map((w) => w.perMs));
  }

  /** The earliest instant ≥ now at which one more event for `key` stays within every window. */
  nextAllowedAt(key: string, now: number): number {
    const events = this.history.get(key);
    if (events === undefined || events.length === 0) return now;
    let at = now;
    for (const w of this.windows) {
      if (events.length < w.limit) continue;
      // The limit-th most recent event must have left the window.
      const blocking = events[events.length - w.limit]!;
      at = Math.max(at, blocking + w.perMs);
    }
    return at;
  }

  record(key: string, at: number): void {
    let events = this.history.get(key);
    if (events === undefined) {
      events = [];
      this.history.set(key, events);
    }
    events.push(at);
    // Keep only what the longest window can still see, and no more than its limit needs.
    const keep = Math.max(...this.windows.map((w) => w.limit));
    const cutoff = at - this.longestMs;
    let drop = 0;
    while (drop < events.length && (events[drop]! <= cutoff || events.length - drop > keep)) drop++;
    if (drop > 0) events.splice(0, drop);
  }

  /** Forgets keys with nothing inside the longest window (long-running processes). */
  prune(now: number): void {
    for (const [key, events] of this.history) {
      if (events.length === 0 || events[events.length - 1]! <= now - this.longestMs) this.history.delete(key);
    }
  }
}
