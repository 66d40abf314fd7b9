import type { ContractData, Goal, Kpi, ReportingObligation, Segment } from '../../goals/contract-schema';
import { findGoal, kpisOfGoal, subGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import { goalStatus, kpiStatus, type KpiStatus } from '../../core/status-rules';
import type { Status } from '../../core/status-types';
import { formatDate, formatKpiLevel, formatKpiValue, formatList, formatTarget } from '../../core/danish-format';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { statusStyle, type StatusColor } from './status-style';

/**
 * Everything the goal status card shows, as display-ready strings. Every string that comes from
 * the contract or the store is already markdown-escaped here, so the card (template) only lays out.
 */
export interface GoalStatusView {
  /** Raw goal id for action data ("4", "9c"); never shown as text. */
  goalId: string;
  contractTitle: string;
  /** "Status pr. 8. marts 2021". */
  asOf: string;
  /** "Mål 4 – Erhvervshusenes knudepunktsfunktion". */
  heading: string;
  /** "Nationalt mål", "Lokalt mål", "Lokalt delmål af mål 9 – …". */
  scopeLabel: string;
  status: StatusBadge;
  reason: string;
  /** True when any measurement shown is demo data. */
  demo: boolean;
  subGoals: SubGoalView[];
  hasSubGoals: boolean;
  kpis: KpiView[];
  hasKpis: boolean;
  /** Shown instead of KPIs when the goal has none of its own or via sub-goals. */
  noKpisText: string;
  methods: MethodView[];
  hasMethods: boolean;
  reporting: string[];
  hasReporting: boolean;
}

export interface StatusBadge {
  status: Status;
  label: string;
  color: StatusColor;
}

export interface SubGoalView {
  heading: string;
  status: StatusBadge;
  reason: string;
}

export interface FactView {
  title: string;
  value: string;
}

export interface KpiView {
  id: string;
  /** "4a – Andel henviste virksomheder, …". */
  title: string;
  facts: FactView[];
  status: StatusBadge;
  reason: string;
  /** False when the goal's overall line already says the same (one KPI without segments). */
  showStatus: boolean;
  demo: boolean;
  segments: SegmentView[];
  hasSegments: boolean;
  interpretation: string;
  hasInterpretation: boolean;
}

export interface SegmentView {
  /** "Drift", "Vækst". */
  label: string;
  status: StatusBadge;
  reason: string;
  /** "Kilde: … (30. september 2021)" or "". */
  source: string;
  hasSource: boolean;
  demo: boolean;
}

export interface MethodView {
  /** "4a" or "1a, 1b" when KPIs share a method text. */
  kpiIds: string;
  text: string;
}

const SEGMENT_LABELS: Record<Segment, string> = { drift: 'Drift', vækst: 'Vækst' };
const SEGMENT_NOUNS: Record<Segment, string> = { drift: 'driftssegmentet', vækst: 'vækstsegmentet' };

const FREQUENCY_WORDS: Record<ReportingObligation['frequency'], string> = {
  once: 'én gang',
  annual: 'årligt',
  continuous: 'løbende',
  'on-request': 'efter anmodning',
};

function badge(status: Status): StatusBadge {
  return { status, ...statusStyle(status) };
}

export function goalHeading(goal: Pick<Goal, 'id' | 'title'>): string {
  return `Mål ${escapeMarkdown(goal.id)} – ${escapeMarkdown(goal.title)}`;
}

function measuredText(kpi: Kpi, m: Measurement): string {
  const value = kpi.kind === 'milestone' ? formatKpiValue(kpi, m.done === true) : formatKpiValue(kpi, m.value ?? 0);
  return `${escapeMarkdown(value)} – ${escapeMarkdown(m.period)}, målt ${formatDate(m.measuredOn)}`;
}

function kpiView(kpi: Kpi, s: KpiStatus, showStatus: boolean): KpiView {
  const facts: FactView[] = [{ title: 'Mål', value: escapeMarkdown(formatTarget(kpi)) }];
  for (const b of kpi.baselines) {
    facts.push({ title: 'Baseline', value: escapeMarkdown(`${formatKpiLevel(kpi, b.value)} i ${b.label} (${b.scope})`) });
  }
  if (kpi.segments.length === 0) {
    const m = s.latest;
    facts.push({ title: 'Seneste måling', value: m ? measuredText(kpi, m) : 'ingen måling endnu' });
    if (m) facts.push({ title: 'Kilde', value: escapeMarkdown(m.source) });
    if (m?.evidence) facts.push({ title: 'Dokumentation', value: escapeMarkdown(m.evidence) });
    if (m?.note) facts.push({ title: 'Note', value: escapeMarkdown(m.note) });
  } else {
    facts.push({ title: 'Gælder for', value: escapeMarkdown(formatList(kpi.segments.map((seg) => SEGMENT_NOUNS[seg]))) });
  }

  // Segment blocks add dates and sources; with nothing measured the KPI line already says it all.
  const anyMeasured = s.segments.some((seg) => seg.latest !== null);
  const segments: SegmentView[] = (anyMeasured ? s.segments : []).map((seg) => {
    const m = seg.latest;
    const source = m
      ? `Kilde: ${escapeMarkdown(m.source)} (${formatDate(m.measuredOn)})${m.note ? ` – note: ${escapeMarkdown(m.note)}` : ''}`
      : '';
    return {
      label: SEGMENT_LABELS[seg.segment],
      status: badge(seg.verdict.status),
      reason: escapeMarkdown(seg.verdict.reason),
      source,
      hasSource: source !== '',
      demo: m?.demo === true,
    };
  });

  const demo = kpi.segments.length === 0 ? s.latest?.demo === true : segments.some((seg) => seg.demo);
  return {
    id: kpi.id,
    title: `${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}`,
    facts,
    status: badge(s.status),
    reason: escapeMarkdown(s.reason),
    showStatus,
    demo,
    segments,
    hasSegments: segments.length > 0,
    interpretation: kpi.interpretation ? escapeMarkdown(kpi.interpretation) : '',
    hasInterpretation: kpi.interpretation !== undefined && kpi.interpretation !== '',
  };
}

/** Methods in KPI order; KPIs with the same text share one line ("1a, 1b: …"). */
function methodViews(kpis: readonly Kpi[]): MethodView[] {
  const byText = new Map<string, string[]>();
  for (const k of kpis) byText.set(k.method, [...(byText.get(k.method) ?? []), k.id]);
  return [...byText].map(([text, ids]) => ({ kpiIds: escapeMarkdown(ids.join(', ')), text: escapeMarkdown(text) }));
}

function reportingLine(r: ReportingObligation): string {
  const when = r.when ? ` · ${r.when.label}` : '';
  return escapeMarkdown(`${r.from} → ${formatList(r.to)} · ${FREQUENCY_WORDS[r.frequency]}${when}: ${r.about}`);
}

/**
 * The goal status card's data for one goal on `today`. A parent goal (9) shows its sub-goals'
 * KPIs and a line per sub-goal. Returns null for an unknown goal id.
 */
export function buildGoalStatusView(
  contract: ContractData,
  goalId: string,
  measurements: readonly Measurement[],
  today: string,
): GoalStatusView | null {
  const goal = findGoal(contract, goalId);
  if (goal === undefined) return null;
  const children = subGoals(contract, goal.id);
  const kpis = kpisOfGoal(contract, goal.id);
  const overall = goalStatus(goal, kpis, measurements, today);
  // With one KPI and no segments the overall status line is the KPI's; don't repeat it.
  const repeatStatus = !(kpis.length === 1 && kpis[0].segments.length === 0 && children.length === 0);
  const kpiViews = kpis.map((k, i) => kpiView(k, overall.kpis[i] ?? kpiStatus(k, measurements, today), repeatStatus));

  const parent = goal.parentId !== undefined ? findGoal(contract, goal.parentId) : undefined;
  const scopeWord = goal.scope === 'national' ? 'Nationalt' : 'Lokalt';
  const scopeLabel = parent ? `${scopeWord} delmål af ${goalHeading(parent).replace(/^Mål/, 'mål')}` : `${scopeWord} mål`;

  const subGoalViews: SubGoalView[] = children.map((child) => {
    const st = goalStatus(child, kpisOfGoal(contract, child.id), measurements, today);
    return { heading: goalHeading(child), status: badge(st.status), reason: escapeMarkdown(st.reason) };
  });

  // Sub-goals repeat the parent's reporting lines; show each obligation once.
  const reportingLines = [...new Set([goal, ...children].flatMap((g) => g.reporting.map(reportingLine)))];
  const methods = methodViews(kpis);

  return {
    goalId: goal.id,
    contractTitle: escapeMarkdown(contract.title),
    asOf: `Status pr. ${formatDate(today)}`,
    heading: goalHeading(goal),
    scopeLabel,
    status: badge(overall.status),
    reason: escapeMarkdown(overall.reason),
    demo: kpiViews.some((k) => k.demo),
    subGoals: subGoalViews,
    hasSubGoals: subGoalViews.length > 0,
    kpis: kpiViews,
    hasKpis: kpiViews.length > 0,
    noKpisText: 'Kontrakten sætter ingen målepunkter med målværdi for dette mål.',
    methods,
    hasMethods: methods.length > 0,
    reporting: reportingLines,
    hasReporting: reportingLines.length > 0,
  };
}
