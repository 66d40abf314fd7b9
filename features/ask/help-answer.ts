import { helpCard } from './help-card';
import { notUnderstoodCard } from './not-understood-card';
import type { ContractData } from '../../goals/contract-schema';
import { cardReply, type Reply } from '../../core/reply';
import type { IntentHandler } from './answer-context';
import type { Language } from '../../core/language';

/** "hjælp" / "help" and an empty message. */
export const answerHelp: IntentHandler<'help'> = async (intent) => cardReply(helpCard(intent.language));

/** Nothing recognisable: a friendly "I did not get that" with what the bot can do. */
export const answerNotUnderstood: IntentHandler<'not-understood'> = async ({ language }) => cardReply(notUnderstoodCard({ reason: 'unclear', language }));

/** A goal id the contract does not have: say which goals exist. */
export function unknownGoalReply(contract: ContractData, goalId: string, language: Language = 'da'): Reply {
  return cardReply(notUnderstoodCard({ reason: 'unknown-goal', goalId, knownGoalIds: contract.goals.map((g) => g.id), language }));
}

/** "mål 11": say which goals exist. */
export const answerUnknownGoal: IntentHandler<'unknown-goal'> = async (intent, { contract }) => unknownGoalReply(contract, intent.requested, intent.language);
