import type { Clock } from './clock';
import { addDays, localDate, zonedInstant } from './zoned-time';

/**
 * `today()` for a zone: the zone's calendar date now, by the injected clock. The date is worked out
 * with Intl once per day and kept with the instants its day starts and ends at (23 or 25 hours
 * apart on a DST change); while the clock stays inside them — every turn of the day — no Intl call
 * is made. A clock outside them (the next day, or a test clock set back) works it out again.
 */
export function todayInZone(clock: Clock, timeZone: string): () => string {
  let cached: { date: string; fromMs: number; untilMs: number } | undefined;
  return () => {
    const nowMs = clock().getTime();
    if (cached !== undefined && nowMs >= cached.fromMs && nowMs < cached.untilMs) return cached.date;
    const date = localDate(new Date(nowMs), timeZone);
    cached = { date, fromMs: zonedInstant(date, '00:00', timeZone).getTime(), untilMs: zonedInstant(addDays(date, 1), '00:00', timeZone).getTime() };
    return date;
  };
}
