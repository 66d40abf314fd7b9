import { formatList } from '../../core/danish-format';
import { describeLeadTime } from '../../core/schedule/lead-time';
import { danishClock, danishWeekday } from './schedule/format-meeting-time';
import type { Schedule } from '../../core/schedule/schedule';
import type { TurnInfo } from '../../core/turn-info';

/** "2 dage og 1 time før". */
export function describeMeetingLeads(schedule: Schedule): string | undefined {
  const leads = schedule.meeting?.leadTimes ?? [];
  return leads.length === 0 ? undefined : `${formatList(leads.map(describeLeadTime))} før`;
}

/** "14 og 3 dage før kl. 09.00". */
export function describeDeadlineLeads(schedule: Schedule): string | undefined {
  const days = schedule.deadlines.leadDays;
  if (days.length === 0) return undefined;
  const list = formatList(days.map(String));
  return `${list} ${days.length === 1 && days[0] === 1 ? 'dag' : 'dage'} før kl. ${danishClock(schedule.deadlines.time)}`;
}

/** "14 and 3 days before, at 09:00". */
export function describeDeadlineLeadsInEnglish(schedule: Schedule): string | undefined {
  const days = schedule.deadlines.leadDays;
  if (days.length === 0) return undefined;
  return `${formatList(days.map(String), 'en')} ${days.length === 1 && days[0] === 1 ? 'day' : 'days'} before, at ${schedule.deadlines.time}`;
}

/** "hver mandag kl. 09.00". */
export function describeNudgeTime(schedule: Schedule): string {
  // The weekday of any date with that ISO weekday: 2024-01-01 was a Monday.
  const date = `2024-01-0${schedule.nudges.weekday}`;
  return `hver ${danishWeekday(date)} kl. ${danishClock(schedule.nudges.time)}`;
}

/** What a subscription brings: "mødet (2 dage og 1 time før) og frister (14 og 3 dage før kl. 09.00)". */
export function describeSubscription(schedule: Schedule): string {
  const parts: string[] = [];
  const meeting = describeMeetingLeads(schedule);
  if (schedule.meeting !== undefined && meeting !== undefined) parts.push(`direktørmødet (${meeting})`);
  const deadlines = describeDeadlineLeads(schedule);
  if (deadlines !== undefined) parts.push(`frister (${deadlines})`);
  return parts.length === 0 ? 'ingen påmindelser (mødeplanen har ingen varslinger)' : formatList(parts);
}

/** Who subscribes, as the subject of a sentence: "Denne kanal", "Denne gruppechat", "Du". */
export function conversationSubject(turn: Pick<TurnInfo, 'conversationType'>): string {
  switch (turn.conversationType) {
    case 'channel':
      return 'Denne kanal';
    case 'groupChat':
      return 'Denne gruppechat';
    case 'personal':
      return 'Du';
    default:
      return 'Denne samtale';
  }
}
