import type { ContractData, Goal, Kpi } from './contract-schema';

/**
 * Look-ups over a loaded contract. Ids are compared case-insensitively and trimmed, because
 * they arrive from typed questions ("Mål 9C") as often as from data.
 */

const norm = (id: string): string => id.trim().toLowerCase();

/** The goal with this id ("4", "9c"), or undefined. */
export function findGoal(c: ContractData, id: string): Goal | undefined {
  const key = norm(id);
  return c.goals.find((g) => norm(g.id) === key);
}

/** The sub-goals of a goal (9 → 9a…9d), in file order; empty when it has none. */
export function subGoals(c: ContractData, goalId: string): Goal[] {
  const key = norm(goalId);
  return c.goals.filter((g) => g.parentId !== undefined && norm(g.parentId) === key);
}

/** Goals without a parent, ordered by number (1, 2, …, 10 — not "1", "10", "2"). */
export function topLevelGoals(c: ContractData): Goal[] {
  return c.goals.filter((g) => g.parentId === undefined).sort((a, b) => compareGoalIds(a.id, b.id));
}

/** A goal's own KPIs followed by those of its sub-goals (recursively); empty for an unknown goal. */
export function kpisOfGoal(c: ContractData, goalId: string): Kpi[] {
  const goal = findGoal(c, goalId);
  if (goal === undefined) return [];
  return [...goal.kpis, ...subGoals(c, goal.id).flatMap((sub) => kpisOfGoal(c, sub.id))];
}

/** The KPI with this id ("6b") and the goal that owns it, or undefined. */
export function findKpi(c: ContractData, kpiId: string): { goal: Goal; kpi: Kpi } | undefined {
  const key = norm(kpiId);
  for (const goal of c.goals) {
    const kpi = goal.kpis.find((k) => norm(k.id) === key);
    if (kpi !== undefined) return { goal, kpi };
  }
  return undefined;
}

/** The goal that owns a KPI (for 9c: goal 9c, not its parent 9), or undefined. */
export function goalOfKpi(c: ContractData, kpiId: string): Goal | undefined {
  return findKpi(c, kpiId)?.goal;
}

/** Numeric part first, then the letter: "2" < "9" < "9a" < "10". */
function compareGoalIds(a: string, b: string): number {
  const na = Number.parseInt(a, 10);
  const nb = Number.parseInt(b, 10);
  return na !== nb ? na - nb : a.localeCompare(b);
}
