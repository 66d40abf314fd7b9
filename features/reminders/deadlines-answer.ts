import { buildDeadlinesView, deadlinesCard } from './deadlines-card';
import { cardReply } from '../../core/reply';
import { describeDeadlineLeads } from './describe-schedule';
import { scheduledDeadlines } from './schedule/scheduled-deadlines';
import type { ContractData } from '../../goals/contract-schema';
import type { Reply } from '../../core/reply';
import type { Schedule } from '../../core/schedule/schedule';

/** "frister" / "deadlines": the contract's reporting calendar plus the schedule file's extra dates. */
export function deadlinesAnswer({ contract, today, schedule }: { contract: ContractData; today: string; schedule: Schedule | undefined }): Reply {
  const view = buildDeadlinesView(contract.title, scheduledDeadlines(contract, schedule), today);
  const leads = schedule === undefined ? undefined : describeDeadlineLeads(schedule);
  if (leads !== undefined) view.remindersNote = `Påmindelser ${leads} til kanaler og chats, der abonnerer ("abonnér på påmindelser").`;
  return cardReply(deadlinesCard(view));
}
