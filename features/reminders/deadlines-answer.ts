import { buildDeadlinesView, deadlinesCard } from './deadlines-card';
import { cardReply } from '../../core/reply';
import { describeDeadlineLeads, describeDeadlineLeadsInEnglish } from './describe-schedule';
import type { Language } from '../../core/language';
import { scheduledDeadlines } from './schedule/scheduled-deadlines';
import type { ContractData } from '../../goals/contract-schema';
import type { Reply } from '../../core/reply';
import type { Schedule } from '../../core/schedule/schedule';

/** "frister" / "deadlines": the contract's reporting calendar plus the schedule file's extra dates (Danish unless the question was English). */
export function deadlinesAnswer({ contract, today, schedule, language = 'da' }: { contract: ContractData; today: string; schedule: Schedule | undefined; language?: Language }): Reply {
  const view = buildDeadlinesView(contract.title, scheduledDeadlines(contract, schedule), today);
  if (language === 'en') {
    const leads = schedule === undefined ? undefined : describeDeadlineLeadsInEnglish(schedule);
    if (leads !== undefined) view.remindersNote = `Reminders ${leads} to channels and chats that subscribe ("subscribe").`;
    return cardReply(deadlinesCard(view, language));
  }
  const leads = schedule === undefined ? undefined : describeDeadlineLeads(schedule);
  if (leads !== undefined) view.remindersNote = `Påmindelser ${leads} til kanaler og chats, der abonnerer ("abonnér på påmindelser").`;
  return cardReply(deadlinesCard(view));
}
