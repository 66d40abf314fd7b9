import { remindersCard, type RemindersView } from './reminders-card';
import { contractStatusRows } from '../status/status-rows';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { formatDate } from '../../core/danish-format';
import { cardReply, type Reply } from '../../core/reply';
import { channelConversationId } from './conversation-key';
import { conversationSubject, describeDeadlineLeads, describeMeetingLeads, describeNudgeTime } from './describe-schedule';
import { dueOccurrences, type ReminderOccurrence } from './reminder-occurrences';
import { describeLeadTime } from '../../core/schedule/lead-time';
import { danishClock, formatShortDateTime, formatShortDay } from './schedule/format-meeting-time';
import { scheduledDeadlines } from './schedule/scheduled-deadlines';
import { localDate } from '../../core/time/zoned-time';
import type { ContractData } from '../../goals/contract-schema';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { RemindersContext } from './reminders-context';
import type { TurnInfo } from '../../core/turn-info';
import { REMINDERS_OFF } from './subscribe-answer';
import type { CardViewer } from '../../core/card-viewer';
import { CARD_VERBS } from '../../core/card-verbs';
import { withRefresh } from '../../cards/with-refresh';
import type { AdaptiveCard } from '../../cards/adaptive-card';

/** How far ahead "påmindelser" looks for the next reminders. */
const HORIZON_DAYS = 60;
const SHOWN = 4;

function describeOccurrence(occ: ReminderOccurrence, timeZone: string): string {
  switch (occ.kind) {
    case 'meeting':
      return `Direktørmødet ${formatShortDay(localDate(new Date(occ.meeting.start), timeZone))} (${describeLeadTime(occ.lead)} før)`;
    case 'deadline':
      return `Frist: ${occ.deadline.title} (${occ.leadDays} dage før)`;
    case 'nudge':
      return `Måling mangler: KPI ${occ.kpi.id} – ${occ.kpi.label}`;
  }
}

export interface RemindersAnswerDeps {
  contract: ContractData;
  store: MeasurementStore;
  /** YYYY-MM-DD. */
  today: string;
  /** The configured time zone, when the schedule names none. */
  timeZone: string;
  turn: TurnInfo;
  /** Undefined when the app runs without reminders. */
  reminders?: RemindersContext;
  /** Who the card is drawn for: the (un)subscribe button only for those who may press it. Default: nobody. */
  viewer?: CardViewer;
}

/** "påmindelser": what this conversation receives, what is scheduled, and the next reminders. */
export async function remindersAnswer(ctx: RemindersAnswerDeps): Promise<Reply> {
  const { reminders, turn, contract } = ctx;
  if (reminders === undefined) return REMINDERS_OFF;
  const schedule = reminders.schedule;
  const now = reminders.now();
  const conversation = await reminders.store.getConversation(channelConversationId(turn.conversationId));
  const subject = conversationSubject(turn);
  const subscribed = conversation?.active === true && conversation.subscription === 'subscribed';
  const tz = schedule?.timeZone ?? ctx.timeZone;
  const status = subscribed
    ? `${subject} abonnerer på påmindelser${conversation.subscriptionChangedAt ? ` (siden ${formatDate(localDate(new Date(conversation.subscriptionChangedAt), tz))})` : ''}.`
    : `${subject} abonnerer ikke på påmindelser.`;

  const viewer = ctx.viewer;
  const view: RemindersView = { status, subscribed, mayChange: viewer?.mayChangeSubscription === true, schedule: [], next: [], notice: undefined };
  const reply = (card: AdaptiveCard): Reply =>
    cardReply(viewer?.shared === true ? withRefresh(card, CARD_VERBS.refreshCard, { view: 'reminders' }, viewer.refreshUserIds) : card);
  if (schedule === undefined) {
    view.notice = 'Der er ikke sat en mødeplan op endnu, så Målbot sender ingen påmindelser. En administrator sætter den op i mødeplansfilen.';
    return reply(remindersCard(view));
  }

  const meeting = schedule.meeting;
  if (meeting !== undefined) {
    view.schedule.push({
      title: 'Direktørmødet',
      value: escapeMarkdown(`hver ${meeting.intervalDays}. dag kl. ${danishClock(meeting.time)}; påmindelse ${describeMeetingLeads(schedule) ?? 'ingen'}`),
    });
  }
  const deadlineCount = scheduledDeadlines(contract, schedule).length;
  view.schedule.push({ title: 'Frister', value: `${deadlineCount} i kontrakten og mødeplanen; påmindelse ${describeDeadlineLeads(schedule) ?? 'ingen'}` });
  const me = turn.conversationType === 'personal' ? turn.user.aadObjectId?.toLowerCase() : undefined;
  const mine = me === undefined ? [] : schedule.nudges.owners.filter((o) => o.userIds.includes(me)).map((o) => o.kpiId);
  if (mine.length > 0) {
    view.schedule.push({ title: 'Målinger', value: escapeMarkdown(`Du er ansvarlig for KPI ${mine.join(', ')}: påmindelse ${describeNudgeTime(schedule)}, så længe en måling mangler`) });
  } else if (schedule.nudges.owners.length > 0) {
    view.schedule.push({ title: 'Målinger', value: `${schedule.nudges.owners.length} KPI'er har en ansvarlig, som får påmindelse ${describeNudgeTime(schedule)}, når en måling mangler` });
  }
  if (reminders.activityFeed) view.schedule.push({ title: 'Aktivitetsfeed', value: 'Direktørerne får også besked i Teams-aktivitetsfeedet' });

  const measurements = (await contractStatusRows(ctx.store, contract, ctx.today)).rows;
  const upcoming = await dueOccurrences(
    { schedule, contract, meetingSource: reminders.meetingSource, measurements, today: ctx.today },
    now,
    new Date(now.getTime() + HORIZON_DAYS * 86_400_000),
  );
  view.next = upcoming
    .filter((o) => o.kind !== 'nudge' || mine.includes(o.kpi.id))
    .slice(0, SHOWN)
    .map((o) => ({ title: escapeMarkdown(formatShortDateTime(o.dueAt, tz)), value: escapeMarkdown(describeOccurrence(o, tz)) }));
  if (view.next.length === 0) view.notice = `Ingen påmindelser de næste ${HORIZON_DAYS} dage.`;
  return reply(remindersCard(view));
}
