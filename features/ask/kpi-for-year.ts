import type { ContractData } from '../../goals/contract-schema';
import { kpisOfGoal } from '../../goals/contract-queries';

/**
 * "hvad er kendskabsmålet for 2023?": the one KPI of the goal whose evaluation window lies in that
 * year (1b: "I 2023"), or undefined when none or several do.
 */
export function kpiForYear(contract: ContractData, goalId: string, year: number): string | undefined {
  const inYear = kpisOfGoal(contract, goalId).filter((k) => Number(k.window.from.slice(0, 4)) <= year && year <= Number(k.window.to.slice(0, 4)));
  return inYear.length === 1 ? inYear[0]!.id : undefined;
}
