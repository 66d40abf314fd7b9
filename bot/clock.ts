/** The one source of "now"; injected everywhere so tests can pin time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

// Building an Intl.DateTimeFormat costs far more than using one (it showed in the bench profile).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone, e.g. Europe/Copenhagen. */
export function calendarDate(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  // The parts API avoids depending on en-CA's YYYY-MM-DD format quirk.
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
