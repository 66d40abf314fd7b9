import type { LeadTime } from './schedule';
import { addDays, localDate, localTime, zonedInstant } from '../time/zoned-time';

const LEAD_TIME = /^(\d{1,3})(d|h|m)$/;
const UNITS = { d: 'days', h: 'hours', m: 'minutes' } as const;

/** '2d' → 2 days, '1h' → 1 hour, '30m' → 30 minutes; undefined for anything else. */
export function parseLeadTime(text: string): LeadTime | undefined {
  const m = LEAD_TIME.exec(text.trim());
  if (!m) return undefined;
  const amount = Number(m[1]);
  if (amount <= 0) return undefined;
  return { id: `${amount}${m[2]}`, amount, unit: UNITS[m[2] as keyof typeof UNITS] };
}

/**
 * When a reminder `lead` before `eventStart` is due. Days keep the wall-clock time
 * (a 09:00 meeting on Monday 30 March 2026 → Saturday 28 March 09:00, although the clocks
 * changed in between); hours and minutes are plain durations.
 */
export function reminderInstant(eventStart: Date, lead: LeadTime, timeZone: string): Date {
  if (lead.unit === 'days') {
    return zonedInstant(addDays(localDate(eventStart, timeZone), -lead.amount), localTime(eventStart, timeZone), timeZone);
  }
  const ms = lead.amount * (lead.unit === 'hours' ? 3_600_000 : 60_000);
  return new Date(eventStart.getTime() - ms);
}

/** "2 dage", "1 time", "30 minutter". */
export function describeLeadTime(lead: LeadTime): string {
  const n = lead.amount;
  switch (lead.unit) {
    case 'days':
      return `${n} ${n === 1 ? 'dag' : 'dage'}`;
    case 'hours':
      return `${n} ${n === 1 ? 'time' : 'timer'}`;
    case 'minutes':
      return `${n} ${n === 1 ? 'minut' : 'minutter'}`;
  }
}
