import type { ContractData, Goal, Kpi } from '../../../goals/contract-schema';
import { findGoal, kpisOfGoal } from '../../../goals/contract-queries';

/** The goal a form is about and the KPIs it offers (its own and its sub-goals'), or undefined for an unknown goal. */
export function formScopeOf(contract: ContractData, goalId: unknown): { goal: Goal; kpis: Kpi[] } | undefined {
  if (typeof goalId !== 'string') return undefined;
  const goal = findGoal(contract, goalId);
  return goal === undefined ? undefined : { goal, kpis: kpisOfGoal(contract, goal.id) };
}
