import type { ContractData, Kpi } from '../../goals/contract-schema';
import { findKpi } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import { kpiStatus } from '../../core/status-rules';
import { reminderInstant } from '../../core/schedule/lead-time';
import type { MeetingOccurrence, MeetingOccurrenceSource } from '../../core/ports/meeting-occurrence-source';
import type { LeadTime, Schedule, ScheduledDeadline } from '../../core/schedule/schedule';
import { scheduledDeadlines } from './schedule/scheduled-deadlines';
import { addDays, isoWeekday, isoWeekKey, localDate, zonedInstant } from '../../core/time/zoned-time';

interface OccurrenceBase {
  /** Stable name of the rule: "meeting-2d", "deadline-14d", "nudge-4a". Part of the delivery key. */
  ruleId: string;
  /** Stable name of this occurrence of the rule. Part of the delivery key. */
  occurrenceKey: string;
  dueAt: Date;
  /** After this a late reminder is pointless (the meeting began, the deadline day is over). */
  expiresAt: Date;
}

export type ReminderOccurrence =
  | (OccurrenceBase & { kind: 'meeting'; meeting: MeetingOccurrence; lead: LeadTime })
  | (OccurrenceBase & { kind: 'deadline'; deadline: ScheduledDeadline; leadDays: number })
  | (OccurrenceBase & { kind: 'nudge'; kpi: Kpi; goalId: string; userIds: string[]; week: string });

export interface OccurrenceInput {
  schedule: Schedule;
  contract: ContractData;
  /** Undefined when no meeting is scheduled. */
  meetingSource: MeetingOccurrenceSource | undefined;
  /** Current measurements (latest per KPI and segment suffice), for "is this KPI's data missing". */
  measurements: readonly Measurement[];
  /** Today's local date, for the status rules. */
  today: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Longest reach of a lead time into the past, with a day's slack for DST and zone offsets. */
function maxLeadMs(leads: readonly LeadTime[]): number {
  const ms = leads.map((l) => (l.unit === 'days' ? l.amount * DAY : l.unit === 'hours' ? l.amount * HOUR : l.amount * 60_000));
  return Math.max(0, ...ms) + DAY;
}

/**
 * True when the KPI (or one of its segments) has no measurement that counts on `today`
 * (status rule R1): that is what a nudge asks the owner to fix.
 */
export function isMeasurementMissing(kpi: Kpi, measurements: readonly Measurement[], today: string): boolean {
  const st = kpiStatus(kpi, measurements, today);
  return st.segments.length === 0 ? st.latest === null : st.segments.some((s) => s.latest === null);
}

/** Soonest first; ties in a stable order. */
export function byDueTime(a: ReminderOccurrence, b: ReminderOccurrence): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.ruleId.localeCompare(b.ruleId) || a.occurrenceKey.localeCompare(b.occurrenceKey);
}

/**
 * Every reminder occurrence due in [from, to], soonest first — the scheduler's view of the rules.
 * Pure apart from asking the meeting source (rule-based or Graph's calendar).
 */
export async function dueOccurrences(input: OccurrenceInput, from: Date, to: Date): Promise<ReminderOccurrence[]> {
  return [...(await dueMeetingOccurrences(input, from, to)), ...dueDeadlineAndNudgeOccurrences(input, from, to)].sort(byDueTime);
}

/** The meeting reminders due in [from, to]. Throws when the meeting source (e.g. Graph) fails. */
export async function dueMeetingOccurrences(input: OccurrenceInput, from: Date, to: Date): Promise<ReminderOccurrence[]> {
  const { schedule } = input;
  const inWindow = (d: Date) => d.getTime() >= from.getTime() && d.getTime() <= to.getTime();
  const out: ReminderOccurrence[] = [];
  if (schedule.meeting !== undefined && input.meetingSource !== undefined) {
    const leads = schedule.meeting.leadTimes;
    const meetings = await input.meetingSource.occurrences(from.toISOString(), new Date(to.getTime() + maxLeadMs(leads)).toISOString());
    for (const meeting of meetings) {
      if (meeting.cancelled) continue;
      const start = new Date(meeting.start);
      for (const lead of leads) {
        const dueAt = reminderInstant(start, lead, schedule.timeZone);
        if (!inWindow(dueAt)) continue;
        out.push({ kind: 'meeting', ruleId: `meeting-${lead.id}`, occurrenceKey: `${meeting.id}@${meeting.start}`, dueAt, expiresAt: start, meeting, lead });
      }
    }
  }
  return out.sort(byDueTime);
}

/** The deadline reminders and nudges due in [from, to]: pure, from the contract and the schedule. */
export function dueDeadlineAndNudgeOccurrences(input: OccurrenceInput, from: Date, to: Date): ReminderOccurrence[] {
  const { schedule } = input;
  const tz = schedule.timeZone;
  const inWindow = (d: Date) => d.getTime() >= from.getTime() && d.getTime() <= to.getTime();
  const out: ReminderOccurrence[] = [];

  for (const deadline of scheduledDeadlines(input.contract, schedule)) {
    for (const leadDays of schedule.deadlines.leadDays) {
      const dueAt = zonedInstant(addDays(deadline.from, -leadDays), schedule.deadlines.time, tz);
      if (!inWindow(dueAt)) continue;
      out.push({
        kind: 'deadline',
        ruleId: `deadline-${leadDays}d`,
        occurrenceKey: `${deadline.id}@${deadline.from}`,
        dueAt,
        expiresAt: zonedInstant(addDays(deadline.from, 1), '00:00', tz),
        deadline,
        leadDays,
      });
    }
  }

  const nudges = schedule.nudges;
  if (nudges.owners.length > 0) {
    // The nudge days (one weekday a week) whose nudge time falls in the window.
    const days: string[] = [];
    for (let d = addDays(localDate(from, tz), -1); d <= addDays(localDate(to, tz), 1); d = addDays(d, 1)) {
      if (isoWeekday(d) === nudges.weekday && inWindow(zonedInstant(d, nudges.time, tz))) days.push(d);
    }
    for (const owner of nudges.owners) {
      const found = findKpi(input.contract, owner.kpiId);
      if (found === undefined) continue; // load-schedule refuses unknown KPIs; a changed contract may still drop one
      const startDate = addDays(found.kpi.horizon.date, -nudges.startDaysBeforeDue);
      if (days.length === 0 || !isMeasurementMissing(found.kpi, input.measurements, input.today)) continue;
      for (const day of days) {
        if (day < startDate) continue;
        const dueAt = zonedInstant(day, nudges.time, tz);
        out.push({
          kind: 'nudge',
          ruleId: `nudge-${found.kpi.id}`,
          occurrenceKey: isoWeekKey(day),
          dueAt,
          expiresAt: new Date(dueAt.getTime() + 7 * DAY),
          kpi: found.kpi,
          goalId: found.goal.id,
          userIds: owner.userIds,
          week: isoWeekKey(day),
        });
      }
    }
  }

  return out.sort(byDueTime);
}
