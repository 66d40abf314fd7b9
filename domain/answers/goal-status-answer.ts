import { buildGoalStatusView } from '../../cards/goal-status-view';
import { goalStatusCard } from '../../cards/goal-status-card';
import { notUnderstoodCard } from '../../cards/not-understood-card';
import { cardReply } from '../reply';
import type { IntentHandler } from './answer-context';

/** "status mål 4?": the goal's status card, built from the latest measurement per KPI and segment. */
export const answerGoalStatus: IntentHandler<'goal-status'> = async (intent, { contract, store, today }) => {
  const measurements = await store.latestMeasurements(contract.id);
  const view = buildGoalStatusView(contract, intent.goalId, measurements, today);
  if (view === null) {
    // The parser only yields ids that exist; a contract swapped under us is the only way here.
    return cardReply(notUnderstoodCard({ reason: 'unknown-goal', goalId: intent.goalId, knownGoalIds: contract.goals.map((g) => g.id) }));
  }
  return cardReply(goalStatusCard(view), `${view.heading}: ${view.status.label}`);
};
