/**
 * Calendar arithmetic in an IANA time zone (Europe/Copenhagen) with Intl only — no tz library.
 * Dates are 'YYYY-MM-DD', times of day 'HH:MM', instants JS Dates (UTC underneath).
 *
 * Why this matters: "every 14 days at 09:00" and "2 days before, same time" are wall-clock rules.
 * Adding 14 × 24 h to an instant would move the meeting by an hour across a DST change.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // en-US with numeric parts only: no locale text is used, only the zone arithmetic.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instantMs: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(instantMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  // Some ICU versions print midnight as 24 even with h23.
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Milliseconds the zone's clocks are ahead of UTC at this instant (+3 600 000 for CET). */
export function utcOffsetMs(instantMs: number, timeZone: string): number {
  const w = wallClock(instantMs, timeZone);
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseDate(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" er ikke en dato på formen ÅÅÅÅ-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`"${date}" er ikke en gyldig kalenderdato`);
  }
  return [y, mo, d];
}

function parseTime(time: string): [number, number] {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`"${time}" er ikke et klokkeslæt på formen TT:MM`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The instant at which clocks in `timeZone` show `date` `time`.
 * Gaps and overlaps are resolved like Temporal's "compatible" disambiguation:
 *  - spring forward (02:30 does not exist): the time after the gap, 03:30 summer time;
 *  - fall back (02:30 happens twice): the first one, in summer time.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = parseDate(date);
  const [h, mi] = parseTime(time);
  const wallMs = Date.UTC(y, mo - 1, d, h, mi);
  // Offsets a day either side bracket any single transition (zones change at most once a day).
  const before = utcOffsetMs(wallMs - 86_400_000, timeZone);
  const after = utcOffsetMs(wallMs + 86_400_000, timeZone);
  const candidates = [...new Set([wallMs - before, wallMs - after])]
    .filter((t) => utcOffsetMs(t, timeZone) === wallMs - t)
    .sort((a, b) => a - b);
  // No candidate shows that wall time: it is in a gap. Read it with the offset from before the
  // gap, which lands the same distance past the gap's end.
  return new Date(candidates[0] ?? wallMs - before);
}

/** The zone's calendar date at an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant.getTime(), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The zone's time of day (HH:MM) at an instant. */
export function localTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant.getTime(), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** '2026-03-27' + 3 → '2026-03-30' (pure calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = parseDate(date);
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, mo, d] = parseDate(date);
  const day = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** ISO 8601 week of a date: '2026-01-01' → '2026-W01', '2027-01-01' → '2026-W53'. */
export function isoWeekKey(date: string): string {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** True for a valid 'HH:MM'. */
export function isTimeOfDay(time: string): boolean {
  return TIME.test(time);
}
