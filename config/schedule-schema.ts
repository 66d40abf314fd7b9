import { z } from 'zod';
import { parseLeadTime } from '../core/schedule/lead-time';
import type { LeadTime } from '../core/schedule/schedule';

/**
 * The schedule file (SCHEDULE_FILE, e.g. config/schedule.example.yaml): the directors' meeting rule,
 * lead times, extra dates and KPI owners. Checked here field by field; cross-checks against the
 * contract (KPI and goal ids exist) happen in load-schedule.ts.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'skal være en dato på formen ÅÅÅÅ-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'er ikke en gyldig kalenderdato');

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'skal være et klokkeslæt som "09:00" (husk anførselstegn i YAML)');

const leadTime = z.string().transform((text, ctx): LeadTime => {
  const lead = parseLeadTime(text);
  if (lead === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" er ikke en varsling; skriv fx "2d" (dage), "1h" (timer) eller "30m" (minutter)` });
    return z.NEVER;
  }
  return lead;
});

const WEEKDAYS: Record<string, number> = {
  mandag: 1, tirsdag: 2, onsdag: 3, torsdag: 4, fredag: 5, lørdag: 6, søndag: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};

const weekday = z.union([z.string(), z.number()]).transform((v, ctx): number => {
  const n = typeof v === 'number' ? v : WEEKDAYS[v.trim().toLowerCase()];
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 7) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" er ikke en ugedag; skriv fx "mandag" (eller 1–7, mandag = 1)` });
    return z.NEVER;
  }
  return n;
});

/** YAML reads `kpi: 10` as a number; ids are strings. */
const id = z.union([z.string().min(1), z.number()]).transform((v) => String(v).trim());

const entraId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'skal være et Entra-objekt-id (GUID)')
  .transform((s) => s.toLowerCase());

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('da-DK', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const scheduleFileSchema = z.strictObject({
  timeZone: z.string().refine(isKnownTimeZone, 'er ikke en kendt IANA-tidszone (fx Europe/Copenhagen)').optional(),
  meeting: z
    .strictObject({
      /** Defaults to the contract's meeting title. */
      title: z.string().trim().min(1).optional(),
      anchorDate: isoDate,
      time: timeOfDay,
      durationMinutes: z.number().int().min(5, 'mindst 5 minutter').max(1440, 'højst 1440 minutter'),
      /** Defaults to the contract's rhythm (every 14 days). */
      intervalDays: z.number().int().min(1).max(366).optional(),
      leadTimes: z.array(leadTime).default([
        { id: '2d', amount: 2, unit: 'days' },
        { id: '1h', amount: 1, unit: 'hours' },
      ]),
      skipDates: z.array(isoDate).default([]),
    })
    .optional(),
  deadlines: z
    .strictObject({
      time: timeOfDay.default('09:00'),
      leadDays: z.array(z.number().int('skal være et helt antal dage').min(0, 'må ikke være negativ').max(366, 'højst 366 dage')).default([14, 3]),
      extra: z
        .array(
          z.strictObject({
            id: z.string().regex(/^[a-z0-9-]+$/, 'frist-id: små bogstaver, tal og bindestreg'),
            title: z.string().trim().min(1),
            from: isoDate,
            /** Defaults to `from` (a single day). */
            to: isoDate.optional(),
            /** How the date is worded on cards; defaults to the date. */
            label: z.string().trim().min(1).optional(),
            goalIds: z.array(id).default([]),
            responsible: z.string().trim().min(1),
          }),
        )
        .default([]),
    })
    .prefault({}),
  nudges: z
    .strictObject({
      weekday: weekday.default(1),
      time: timeOfDay.default('09:00'),
      startDaysBeforeDue: z.number().int().min(0).max(366).default(0),
      owners: z
        .array(
          z.strictObject({
            kpi: id,
            userIds: z.array(entraId).min(1, 'mindst én ansvarlig'),
            /** For the reader of the file only. */
            note: z.string().optional(),
          }),
        )
        .default([]),
    })
    .prefault({}),
});

export type ScheduleFile = z.infer<typeof scheduleFileSchema>;
