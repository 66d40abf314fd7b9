import type { ContractData, Deadline } from '../goals/contract-schema';
import { findGoal, findKpi } from '../goals/contract-queries';
import { readDataFile } from '../goals/data-file';
import { formatDate } from '../core/danish-format';
import type { Schedule } from '../core/schedule/schedule';
import { scheduleFileSchema } from './schedule-schema';
import { ScheduleFileError, type ScheduleFileIssue } from './schedule-file-error';

export interface LoadScheduleOptions {
  /** Used when the file names no timeZone (config TIME_ZONE). */
  defaultTimeZone: string;
}

/**
 * Reads the schedule file (YAML, or JSON when the name ends in .json), checks it against the
 * schema and against the contract, and returns the schedule the scheduler runs. Every problem
 * becomes one ScheduleFileError listing each with its place, like the contract loader.
 */
export function loadSchedule(file: string, contract: ContractData, options: LoadScheduleOptions): Schedule {
  // An empty file is an empty schedule (every section has defaults), not an error.
  const s = readDataFile(file, scheduleFileSchema, (issues) => new ScheduleFileError(file, issues), { emptyAs: {} });
  const issues: ScheduleFileIssue[] = [];

  const contractDeadlineIds = new Set(contract.deadlines.map((d) => d.id));
  const extraIds = new Set<string>();
  const extra: Deadline[] = s.deadlines.extra.map((d, i) => {
    const to = d.to ?? d.from;
    if (to < d.from) issues.push({ path: `deadlines.extra[${i}].to`, message: 'slutdato ligger før startdato' });
    if (contractDeadlineIds.has(d.id)) issues.push({ path: `deadlines.extra[${i}].id`, message: `"${d.id}" er allerede en frist i kontrakten; vælg et andet id` });
    if (extraIds.has(d.id)) issues.push({ path: `deadlines.extra[${i}].id`, message: `"${d.id}" findes to gange` });
    extraIds.add(d.id);
    d.goalIds.forEach((g, j) => {
      if (findGoal(contract, g) === undefined) issues.push({ path: `deadlines.extra[${i}].goalIds[${j}]`, message: `mål "${g}" findes ikke i kontrakten` });
    });
    return { id: d.id, title: d.title, from: d.from, to, label: d.label ?? formatDate(to), goalIds: d.goalIds, responsible: d.responsible };
  });

  const ownerKpis = new Set<string>();
  const owners = s.nudges.owners.map((o, i) => {
    const found = findKpi(contract, o.kpi);
    if (found === undefined) issues.push({ path: `nudges.owners[${i}].kpi`, message: `KPI "${o.kpi}" findes ikke i kontrakten (fx "1a", "4a", "9c")` });
    const kpiId = found?.kpi.id ?? o.kpi;
    if (ownerKpis.has(kpiId)) issues.push({ path: `nudges.owners[${i}].kpi`, message: `KPI "${kpiId}" står to gange; saml de ansvarlige under én` });
    ownerKpis.add(kpiId);
    return { kpiId, userIds: [...new Set(o.userIds)] };
  });

  const leadIds = new Set<string>();
  s.meeting?.leadTimes.forEach((l, i) => {
    if (leadIds.has(l.id)) issues.push({ path: `meeting.leadTimes[${i}]`, message: `varslingen "${l.id}" står to gange` });
    leadIds.add(l.id);
  });
  if (new Set(s.deadlines.leadDays).size !== s.deadlines.leadDays.length) {
    issues.push({ path: 'deadlines.leadDays', message: 'samme antal dage står to gange' });
  }

  if (issues.length > 0) throw new ScheduleFileError(file, issues);

  return {
    file,
    timeZone: s.timeZone ?? options.defaultTimeZone,
    meeting:
      s.meeting === undefined
        ? undefined
        : {
            title: s.meeting.title ?? contract.meeting.title,
            anchorDate: s.meeting.anchorDate,
            time: s.meeting.time,
            durationMinutes: s.meeting.durationMinutes,
            intervalDays: s.meeting.intervalDays ?? contract.meeting.intervalDays,
            skipDates: s.meeting.skipDates,
            leadTimes: s.meeting.leadTimes,
          },
    deadlines: { time: s.deadlines.time, leadDays: s.deadlines.leadDays, extra },
    nudges: { weekday: s.nudges.weekday, time: s.nudges.time, startDaysBeforeDue: s.nudges.startDaysBeforeDue, owners },
  };
}
