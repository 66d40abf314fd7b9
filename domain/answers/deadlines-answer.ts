import { buildDeadlinesView, deadlinesCard } from '../../cards/deadlines-card';
import { cardReply } from '../../core/reply';
import { describeDeadlineLeads } from '../reminders/describe-schedule';
import { scheduledDeadlines } from '../schedule/scheduled-deadlines';
import type { IntentHandler } from './answer-context';

/** "frister" / "deadlines": the contract's reporting calendar plus the schedule file's extra dates. */
export const answerDeadlines: IntentHandler<'deadlines'> = async (_intent, { contract, today, reminders }) => {
  const schedule = reminders?.schedule;
  const view = buildDeadlinesView(contract.title, scheduledDeadlines(contract, schedule), today);
  const leads = schedule === undefined ? undefined : describeDeadlineLeads(schedule);
  if (leads !== undefined) view.remindersNote = `Påmindelser ${leads} til kanaler og chats, der abonnerer ("abonnér på påmindelser").`;
  return cardReply(deadlinesCard(view));
};
