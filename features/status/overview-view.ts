import type { ContractData } from '../../goals/contract-schema';
import { findGoal, subGoals, topLevelGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import { SEVERITY_ORDER } from '../../core/status-rules';
import { ENGLISH_STATUS, type Status } from '../../core/status-types';
import type { Language } from '../../core/language';
import { formatDate } from '../../core/danish-format';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { judgeGoal, type StatusBadge } from './goal-status-view';
import { contractPeriodNote } from './contract-period-note';
import { statusStyle } from './status-style';

/** One line of the overview: a top-level goal, or (indented) one of its sub-goals. */
export interface OverviewRow {
  goalId: string;
  /** "Mål 4", "9a". */
  label: string;
  title: string;
  indent: boolean;
  status: StatusBadge;
}

export interface OverviewView {
  contractTitle: string;
  /** "pr. 8. marts 2021". */
  asOf: string;
  /** The contract period and, after it, that this is the final account (contract-period-note.ts). */
  periodNote: string;
  final: boolean;
  rows: OverviewRow[];
  /** "2 opfyldt · 3 på vej · 1 i risiko …" over top-level goals, worst first. */
  summary: string;
  demo: boolean;
  language: Language;
}

/** All goals' statuses on `today`: top-level goals by number, each parent followed by its sub-goals. */
export function buildOverviewView(contract: ContractData, measurements: readonly Measurement[], today: string, language: Language = 'da'): OverviewView {
  const en = language === 'en';
  const rows: OverviewRow[] = [];
  const topStatuses: Status[] = [];
  let demo = false;

  const row = (goalId: string, indent: boolean): { row: OverviewRow; status: Status } => {
    const goal = findGoal(contract, goalId);
    if (goal === undefined) throw new RangeError(`mål ${goalId} findes ikke`); // ids come from the contract itself
    const st = judgeGoal(contract, goal, measurements, today); // R11, the same count as the goal's card
    if (st.kpis.some((k) => k.latest?.demo === true || k.segments.some((s) => s.latest?.demo === true))) demo = true;
    return {
      status: st.status,
      row: {
        goalId,
        label: indent ? escapeMarkdown(goalId) : `${en ? 'Goal' : 'Mål'} ${escapeMarkdown(goalId)}`,
        title: escapeMarkdown(goal?.title ?? ''),
        indent,
        status: { status: st.status, ...statusStyle(st.status, language) },
      },
    };
  };

  for (const goal of topLevelGoals(contract)) {
    const top = row(goal.id, false);
    rows.push(top.row);
    topStatuses.push(top.status);
    for (const child of subGoals(contract, goal.id)) rows.push(row(child.id, true).row);
  }

  const summary = SEVERITY_ORDER.map((s) => [s, topStatuses.filter((t) => t === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${en ? ENGLISH_STATUS[s] : s}`)
    .join(' · ');

  const period = contractPeriodNote(contract, today, language);
  const asOf = en ? `as of ${formatDate(today, language)}` : `pr. ${formatDate(today)}`;
  return { contractTitle: escapeMarkdown(contract.title), asOf, periodNote: escapeMarkdown(period.text), final: period.final, rows, summary, demo, language };
}
