import type { Deadline } from '../../goals/contract-schema';

/**
 * What is scheduled, as data: loaded from the schedule file (config/load-schedule.ts) so an admin
 * changes dates, times and owners without touching code. All wall-clock times are in `timeZone`.
 */

/** How long before an event a reminder goes out. Its `id` ("2d", "1h") is part of the delivery key. */
export interface LeadTime {
  id: string;
  amount: number;
  /** Days count calendar days at the same wall-clock time (DST-safe); hours and minutes are exact durations. */
  unit: 'days' | 'hours' | 'minutes';
}

export interface MeetingSchedule {
  title: string;
  /** The local date of one meeting; the rule repeats every `intervalDays` before and after it. */
  anchorDate: string;
  /** Local start time, 'HH:MM'. */
  time: string;
  durationMinutes: number;
  intervalDays: number;
  /** Local dates on which the meeting does not take place (holidays). */
  skipDates: string[];
  leadTimes: LeadTime[];
}

/** A configured date has the contract deadline's shape; `source` tells the two apart on cards. */
/** A deadline to remind of; `contractYear` for the contract's own (the year a "Lav rapport" button reports on). */
export type ScheduledDeadline = Deadline & { source: 'kontrakt' | 'mødeplan'; contractYear?: number };

export interface DeadlineSchedule {
  /** Local time of day the reminders are sent, 'HH:MM'. */
  time: string;
  /** Reminders this many calendar days before a deadline's first day, e.g. [14, 3]. */
  leadDays: number[];
  /** Dates added by the schedule file on top of the contract's deadlines. */
  extra: Deadline[];
}

export interface KpiOwner {
  kpiId: string;
  /** Entra object ids of the people who record this KPI's measurements. */
  userIds: string[];
}

export interface NudgeSchedule {
  /** ISO weekday 1 (Monday) … 7 (Sunday) and local time of the weekly nudge. */
  weekday: number;
  time: string;
  /** Start nudging this many days before the KPI's due date (0 = from the due date). */
  startDaysBeforeDue: number;
  owners: KpiOwner[];
}

export interface Schedule {
  /** The file it came from, for operators' messages. */
  file: string;
  timeZone: string;
  /** Undefined when the file schedules no meeting (only deadlines and nudges). */
  meeting: MeetingSchedule | undefined;
  deadlines: DeadlineSchedule;
  nudges: NudgeSchedule;
}
