import { helpCard } from '../../cards/help-card';
import { notUnderstoodCard } from '../../cards/not-understood-card';
import { cardReply } from '../../core/reply';
import type { IntentHandler } from './answer-context';

/** "hjælp" / "help" and an empty message. */
export const answerHelp: IntentHandler<'help'> = async (intent) => cardReply(helpCard(intent.language));

/** Nothing recognisable: a friendly "I did not get that" with what the bot can do. */
export const answerNotUnderstood: IntentHandler<'not-understood'> = async () => cardReply(notUnderstoodCard({ reason: 'unclear' }));

/** "mål 11": say which goals exist. */
export const answerUnknownGoal: IntentHandler<'unknown-goal'> = async (intent, { contract }) =>
  cardReply(notUnderstoodCard({ reason: 'unknown-goal', goalId: intent.requested, knownGoalIds: contract.goals.map((g) => g.id) }));
