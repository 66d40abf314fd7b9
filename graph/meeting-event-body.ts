import { createHash } from 'node:crypto';
import { windowsTimeZone } from './windows-time-zone';

/** The directors' meeting as a rule, in the organiser's local time. */
export interface RecurringMeetingSpec {
  subject: string;
  /** Plain text shown in the invitation. */
  body?: string;
  /** Local date of the first meeting (YYYY-MM-DD); its weekday is the meeting day. */
  firstDate: string;
  /** Local start time (HH:MM). */
  startTime: string;
  durationMinutes: number;
  /** IANA zone, e.g. Europe/Copenhagen (sent to Graph as its Windows name). */
  timeZone: string;
  /** Weeks between meetings: 2 for "every 14 days". */
  intervalWeeks: number;
  /** Last date a meeting may fall on (YYYY-MM-DD); undefined = no end. */
  endDate?: string;
  location?: string;
  /**
   * Local dates whose meeting does not take place. Not part of the series body: they are
   * cancelled as single occurrences (so Outlook shows them cancelled) after the series is written.
   */
  skipDates?: string[];
}

/**
 * Our marks on the series master, as single-value extended properties in Målbot's own property
 * set: one says "this is Målbot's directors' meeting" (and is what we $filter on), one holds a
 * fingerprint of the rule it was last written from, so an unchanged rule costs no PATCH and a
 * change made by hand in Outlook is not overwritten until the configured rule itself changes.
 */
const PROPERTY_SET = '{eec7a27a-176f-42f5-b753-e30ce320b086}';
export const SERIES_PROPERTY_ID = `String ${PROPERTY_SET} Name maalbotSeries`;
export const RULE_PROPERTY_ID = `String ${PROPERTY_SET} Name maalbotRule`;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export class InvalidMeetingSpecError extends Error {
  constructor(message: string) {
    super(`Mødeplanen kan ikke oprettes i kalenderen: ${message}`);
    this.name = 'InvalidMeetingSpecError';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Adds minutes to a local wall-clock time; the zone's offset does not matter for wall-clock arithmetic. */
function addMinutes(date: string, time: string, minutes: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi) + minutes * 60_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00`;
}

function validate(spec: RecurringMeetingSpec): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(spec.firstDate) || Number.isNaN(Date.parse(`${spec.firstDate}T00:00:00Z`))) throw new InvalidMeetingSpecError(`ugyldig første dato "${spec.firstDate}"`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(spec.startTime)) throw new InvalidMeetingSpecError(`ugyldigt starttidspunkt "${spec.startTime}"`);
  if (!Number.isInteger(spec.durationMinutes) || spec.durationMinutes <= 0 || spec.durationMinutes > 24 * 60) throw new InvalidMeetingSpecError(`ugyldig varighed ${spec.durationMinutes} min.`);
  if (!Number.isInteger(spec.intervalWeeks) || spec.intervalWeeks < 1 || spec.intervalWeeks > 99) throw new InvalidMeetingSpecError(`ugyldigt interval ${spec.intervalWeeks} uger`);
  if (spec.endDate !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(spec.endDate) && spec.endDate >= spec.firstDate)) throw new InvalidMeetingSpecError(`ugyldig slutdato "${spec.endDate}"`);
  if (spec.subject.trim() === '') throw new InvalidMeetingSpecError('mødet mangler en titel');
}

/** The event's fields that come from the rule (what the fingerprint covers). */
function ruleFields(spec: RecurringMeetingSpec): Record<string, unknown> {
  validate(spec);
  const timeZone = windowsTimeZone(spec.timeZone);
  const weekday = WEEKDAYS[new Date(`${spec.firstDate}T00:00:00Z`).getUTCDay()]!;
  return {
    subject: spec.subject,
    // Left out when not configured, so a PATCH does not wipe what the organiser wrote by hand.
    ...(spec.body !== undefined ? { body: { contentType: 'text', content: spec.body } } : {}),
    start: { dateTime: `${spec.firstDate}T${spec.startTime}:00`, timeZone },
    end: { dateTime: addMinutes(spec.firstDate, spec.startTime, spec.durationMinutes), timeZone },
    recurrence: {
      pattern: { type: 'weekly', interval: spec.intervalWeeks, daysOfWeek: [weekday], firstDayOfWeek: 'monday' },
      range:
        spec.endDate === undefined
          ? { type: 'noEnd', startDate: spec.firstDate, recurrenceTimeZone: timeZone }
          : { type: 'endDate', startDate: spec.firstDate, endDate: spec.endDate, recurrenceTimeZone: timeZone },
    },
    ...(spec.location !== undefined ? { location: { displayName: spec.location } } : {}),
  };
}

export function ruleFingerprint(spec: RecurringMeetingSpec): string {
  return createHash('sha256').update(JSON.stringify(ruleFields(spec))).digest('hex').slice(0, 32);
}

/**
 * The JSON for POST /users/{id}/events (and for PATCH, without transactionId): a weekly series
 * with `interval` weeks on the first date's weekday, starting that date, in Graph's Windows zone.
 */
export function meetingEventBody(spec: RecurringMeetingSpec, seriesKey: string): Record<string, unknown> {
  return {
    ...ruleFields(spec),
    singleValueExtendedProperties: [
      { id: SERIES_PROPERTY_ID, value: seriesKey },
      { id: RULE_PROPERTY_ID, value: ruleFingerprint(spec) },
    ],
  };
}
