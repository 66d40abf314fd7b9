import { formatDate, formatMonthShort } from '../../../core/danish-format';
import { isoWeekday, localDate, localTime } from '../../../core/time/zoned-time';

const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];

/** '2026-03-12' → "torsdag". */
export function danishWeekday(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1]!;
}

/** '09:30' → "09.30" (Danish time uses a period). */
export function danishClock(time: string): string {
  return time.replace(':', '.');
}

/** An instant as local date and time: "torsdag den 12. marts 2026 kl. 09.00". */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  const date = localDate(instant, timeZone);
  return `${danishWeekday(date)} den ${formatDate(date)} kl. ${danishClock(localTime(instant, timeZone))}`;
}

/** A meeting: "torsdag den 12. marts 2026 kl. 09.00–11.00" (the end's date only when it differs). */
export function formatMeetingTime(startIso: string, endIso: string, timeZone: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const head = formatLocalDateTime(start, timeZone);
  if (localDate(end, timeZone) === localDate(start, timeZone)) return `${head}–${danishClock(localTime(end, timeZone))}`;
  return `${head} – ${formatLocalDateTime(end, timeZone)}`;
}

/** A short day for a list line: '2026-03-12' → "12. mar." (the year is in the card's heading). */
export function formatShortDay(date: string): string {
  return `${Number(date.slice(8, 10))}. ${formatMonthShort(date).replace(/ \d{4}$/, '')}`;
}

/**
 * An instant short enough for a phone's fact column: "tors. 12. mar. kl. 09.00" — the list of the
 * next reminders would otherwise repeat "torsdag den 12. marts 2026" on every line and wrap it.
 */
export function formatShortDateTime(instant: Date, timeZone: string): string {
  const date = localDate(instant, timeZone);
  return `${danishWeekday(date).slice(0, 3)}. ${formatShortDay(date)} kl. ${danishClock(localTime(instant, timeZone))}`;
}
