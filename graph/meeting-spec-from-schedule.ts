import type { MeetingSchedule } from '../core/schedule/schedule';
import { InvalidMeetingSpecError, type RecurringMeetingSpec } from './meeting-event-body';

/** The invitation text on the series (Danish; the organiser may add to it in Outlook). */
const BODY =
  'Møde for direktørerne i Erhvervshus Sydjylland, de lokale erhvervsservices og business regions. ' +
  'Serien vedligeholdes af Målbot ud fra mødeplanen. Flyt eller aflys enkelte møder her i kalenderen, ' +
  'så følger Målbots påmindelser med.';

/**
 * The schedule file's meeting rule as a Graph series: "every 14 days from the anchor date" is a
 * weekly pattern with interval 2 on the anchor's weekday. Graph's weekly pattern needs whole weeks.
 */
export function meetingSpecFromSchedule(meeting: MeetingSchedule, timeZone: string): RecurringMeetingSpec {
  if (meeting.intervalDays % 7 !== 0) {
    throw new InvalidMeetingSpecError(`intervallet ${meeting.intervalDays} dage er ikke et helt antal uger; Outlook-serien kræver fx 7 eller 14`);
  }
  return {
    subject: meeting.title,
    body: BODY,
    firstDate: meeting.anchorDate,
    startTime: meeting.time,
    durationMinutes: meeting.durationMinutes,
    timeZone,
    intervalWeeks: meeting.intervalDays / 7,
    skipDates: [...meeting.skipDates],
  };
}
