import { buildDeadlinesView, deadlinesCard } from '../../cards/deadlines-card';
import { cardReply } from '../reply';
import type { IntentHandler } from './answer-context';

/** "frister": the contract's reporting calendar around today. */
export const answerDeadlines: IntentHandler<'deadlines'> = async (_intent, { contract, today }) =>
  cardReply(deadlinesCard(buildDeadlinesView(contract.title, contract.deadlines, today)));
