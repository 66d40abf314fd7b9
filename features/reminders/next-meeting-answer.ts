import { buildMeetingCardView } from './meeting-card-view';
import { contractStatusRows } from '../status/status-rows';
import { meetingCard } from './meeting-card';
import { formatDate, quoted } from '../../core/danish-format';
import { cardReply, type Reply } from '../../core/reply';
import { scheduledDeadlines } from './schedule/scheduled-deadlines';
import { localDate } from '../../core/time/zoned-time';
import type { ContractData } from '../../goals/contract-schema';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { RemindersContext } from './reminders-context';
import type { Language } from '../../core/language';

export interface NextMeetingDeps {
  contract: ContractData;
  store: MeasurementStore;
  /** YYYY-MM-DD. */
  today: string;
  /** Undefined when the app runs without reminders. */
  reminders?: RemindersContext;
  /** The question's language: the "no schedule" and "no meeting" sentences follow it; the meeting card is Danish. */
  language?: Language;
}

/** How far ahead "næste møde" looks. */
const HORIZON_DAYS = 120;

/**
 * "næste møde": the next directors' meeting with its agenda (goals at risk, KPIs without data,
 * deadlines in the next 30 days). The contract states only the rhythm; without a configured
 * schedule, say exactly that rather than invent a date.
 */
export async function nextMeetingAnswer(ctx: NextMeetingDeps): Promise<Reply> {
  const { contract, reminders } = ctx;
  const schedule = reminders?.schedule;
  if (reminders === undefined || schedule?.meeting === undefined || reminders.meetingSource === undefined) {
    if (ctx.language === 'en') {
      return {
        kind: 'text',
        text:
          `${quoted(contract.meeting.title)}: according to the contract the directors meet every ${contract.meeting.intervalDays} days. ` +
          'No meeting schedule with dates has been set up in Målbot yet, so I cannot say when the next meeting is.',
      };
    }
    return {
      kind: 'text',
      text:
        `${contract.meeting.title}: ifølge kontrakten mødes direktørerne hver ${contract.meeting.intervalDays}. dag. ` +
        'Der er endnu ikke sat en mødeplan med datoer op i Målbot, så jeg kan ikke sige, hvornår det næste møde er.',
    };
  }
  const now = reminders.now();
  const meetings = await reminders.meetingSource.occurrences(now.toISOString(), new Date(now.getTime() + HORIZON_DAYS * 86_400_000).toISOString());
  const next = meetings.find((m) => !m.cancelled);
  if (next === undefined) {
    if (ctx.language === 'en') return { kind: 'text', text: `${quoted(schedule.meeting.title)}: no meeting is planned in the next ${HORIZON_DAYS} days.` };
    return { kind: 'text', text: `${schedule.meeting.title}: der er ikke planlagt noget møde de næste ${HORIZON_DAYS} dage.` };
  }
  const cancelled = meetings.filter((m) => m.cancelled && m.start < next.start);
  const view = buildMeetingCardView({
    contract,
    meeting: next,
    title: schedule.meeting.title,
    timeZone: schedule.timeZone,
    measurements: (await contractStatusRows(ctx.store, contract, ctx.today)).rows,
    today: ctx.today,
    deadlines: scheduledDeadlines(contract, schedule),
  });
  if (cancelled.length > 0) {
    view.leadText = `Mødet ${cancelled.map((m) => formatDate(localDate(new Date(m.start), schedule.timeZone))).join(', ')} er aflyst.`;
  }
  return cardReply(meetingCard(view), `Næste møde: ${view.when}`);
}
