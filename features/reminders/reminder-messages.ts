import type { ContractData } from '../../goals/contract-schema';
import { previewText } from '../../core/preview-text';
import { buildMeetingCardView } from './meeting-card-view';
import { meetingCard } from './meeting-card';
import { deadlineReminderCard } from './deadline-reminder-card';
import { measurementNudgeCard } from './measurement-nudge-card';
import { formatDate } from '../../core/danish-format';
import type { Measurement } from '../../core/measurement';
import { cardReply, type Reply } from '../../core/reply';
import { kpiStatus } from '../../core/status-rules';
import { danishClock, danishWeekday, formatLocalDateTime } from './schedule/format-meeting-time';
import type { Schedule } from '../../core/schedule/schedule';
import { scheduledDeadlines } from './schedule/scheduled-deadlines';
import { localDate, localTime } from '../../core/time/zoned-time';
import type { ActivityFeedNotification } from '../../core/ports/activity-feed';
import type { ReminderOccurrence } from './reminder-occurrences';

export interface MessageContext {
  contract: ContractData;
  schedule: Schedule;
  measurements: readonly Measurement[];
  /** Local date the statuses are judged on. */
  today: string;
  /** True when the reminder goes out noticeably after its due time. */
  late: boolean;
}

/** The card a conversation gets for an occurrence. */
export function reminderReply(occ: ReminderOccurrence, ctx: MessageContext): Reply {
  const tz = ctx.schedule.timeZone;
  const lateText = ctx.late ? `skulle være sendt ${formatLocalDateTime(occ.dueAt, tz)}.` : undefined;
  switch (occ.kind) {
    case 'meeting': {
      const view = buildMeetingCardView({
        contract: ctx.contract,
        meeting: occ.meeting,
        title: ctx.schedule.meeting?.title ?? ctx.contract.meeting.title,
        timeZone: tz,
        measurements: ctx.measurements,
        today: ctx.today,
        deadlines: scheduledDeadlines(ctx.contract, ctx.schedule),
        lead: occ.lead,
        ...(ctx.late ? { lateSince: occ.dueAt } : {}),
      });
      return cardReply(meetingCard(view), `Påmindelse: ${view.title} ${view.when}`);
    }
    case 'deadline':
      return cardReply(deadlineReminderCard({ deadline: occ.deadline, leadDays: occ.leadDays, ...(lateText ? { lateText } : {}) }));
    case 'nudge': {
      const reason = kpiStatus(occ.kpi, ctx.measurements, ctx.today).reason;
      return cardReply(measurementNudgeCard({ kpi: occ.kpi, goalId: occ.goalId, reason, ...(lateText ? { lateText } : {}) }));
    }
  }
}

/**
 * The activity-feed notification for one person. Template parameter names must match the
 * manifest's templates (core/ports/activity-template-parameters.ts).
 */
export function reminderFeedNotification(occ: ReminderOccurrence, userId: string, ctx: Pick<MessageContext, 'contract' | 'schedule'>): ActivityFeedNotification {
  const tz = ctx.schedule.timeZone;
  switch (occ.kind) {
    case 'meeting': {
      const start = new Date(occ.meeting.start);
      const date = localDate(start, tz);
      const meetingDate = `${danishWeekday(date)} d. ${formatDate(date)}`;
      const meetingTime = danishClock(localTime(start, tz));
      const title = ctx.schedule.meeting?.title ?? ctx.contract.meeting.title;
      return { userId, activityType: 'meetingReminder', previewText: previewText(`${title} ${meetingDate} kl. ${meetingTime}`), templateParameters: { meetingDate, meetingTime } };
    }
    case 'deadline': {
      const dueDate = formatDate(occ.deadline.from);
      return {
        userId,
        activityType: 'deadlineReminder',
        previewText: previewText(`Frist ${dueDate}: ${occ.deadline.title}`),
        templateParameters: { deadline: occ.deadline.title, dueDate },
      };
    }
    case 'nudge':
      return {
        userId,
        activityType: 'measurementDue',
        previewText: previewText(`Måling mangler: KPI ${occ.kpi.id} – ${occ.kpi.label}`),
        templateParameters: { kpi: `KPI ${occ.kpi.id} – ${occ.kpi.label}`, goal: `Mål ${occ.goalId}` },
      };
  }
}
