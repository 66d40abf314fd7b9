import { buildGoalStatusView } from '../../cards/goal-status-view';
import { goalStatusCard } from '../../cards/goal-status-card';
import { notUnderstoodCard } from '../../cards/not-understood-card';
import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../measurement';
import { cardReply, type Reply } from '../../core/reply';
import type { IntentHandler } from './answer-context';
import { ReplyCache } from './reply-cache';

/** "status mål 4?": the goal's status card, built from the latest measurement per KPI and segment. */
export const answerGoalStatus: IntentHandler<'goal-status'> = async (intent, { contract, store, today, cache }) => {
  const measurements = await store.latestMeasurements(contract.id);
  const key = ReplyCache.key(['goal-status', contract.id, intent.goalId, today], measurements);
  return cache.getOrCreate(key, () => goalStatusReply(contract, intent.goalId, measurements, today));
};

export function goalStatusReply(contract: ContractData, goalId: string, measurements: readonly Measurement[], today: string): Reply {
  const view = buildGoalStatusView(contract, goalId, measurements, today);
  if (view === null) {
    // The parser only yields ids that exist; a contract swapped under us is the only way here.
    return cardReply(notUnderstoodCard({ reason: 'unknown-goal', goalId, knownGoalIds: contract.goals.map((g) => g.id) }));
  }
  return cardReply(goalStatusCard(view), `${view.heading}: ${view.status.label}`);
}
