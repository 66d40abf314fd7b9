import { buildGoalStatusView } from './goal-status-view';
import { goalStatusCard } from './goal-status-card';
import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { cardReply, type Reply } from '../../core/reply';

export interface GoalStatusDeps {
  contract: ContractData;
  /** The latest measurement per KPI and segment. */
  measurements: readonly Measurement[];
  /** YYYY-MM-DD. */
  today: string;
}

/**
 * "status mål 4?": the goal's status card, or undefined when the contract has no such goal
 * (the asking side says so in its own words).
 */
export function goalStatusAnswer(goalId: string, { contract, measurements, today }: GoalStatusDeps): Reply | undefined {
  const view = buildGoalStatusView(contract, goalId, measurements, today);
  if (view === null) return undefined;
  return cardReply(goalStatusCard(view), `${view.heading}: ${view.status.label}`);
}
