import type { ContractData, Goal, Kpi, Segment } from '../../goals/contract-schema';
import { subGoals, topLevelGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import type { LatestExplanation } from '../../core/ports/explanation-store';
import type { Status } from '../../core/status-types';
import type { GoalStatus, KpiStatus } from '../../core/status-rules';
import { isDoneKind, needsExplanation } from '../../core/status-rules';
import { formatDate, formatDateTime, formatKpiLevel, formatKpiValue } from '../../core/danish-format';
import type { TrendChartInput } from '../../cards/trend-chart';
import { judgeGoal } from '../status/goal-status-view';
import { contractPeriodNote } from '../status/contract-period-note';
import { formatTargetMarked, interpretedMark } from '../status/interpreted-mark';
import { historySeries } from '../measurements/history/measurement-history';
import { kpiTrend, SEGMENT_LABELS } from '../measurements/history/kpi-trend';
import { REPORT_CHART_POINTS } from './report-rows';

/**
 * The KKR report as data: everything the Word document shows, as plain Danish strings (no
 * markdown: Word is not a card). Verdicts come from the one status judgement (judgeGoal), so the
 * report and the cards never disagree.
 */
export interface ReportModel {
  contractId: string;
  contractTitle: string;
  house: string;
  recipient: string;
  responsible: string;
  /** After the contract period: the final account ("Endelig resultatopfyldelse 2021"). */
  final: boolean;
  /** "Status pr. 1. oktober 2021" or "Endelig resultatopfyldelse 2021". */
  title: string;
  asOf: string;
  periodNote: string;
  /** "Dannet af Lene Holm 3. december 2026 kl. 13.05 med Målbot". */
  generatedLine: string;
  /** True when any figure in the report is demo data. */
  demo: boolean;
  summary: SummaryRow[];
  goals: GoalSection[];
  audit: AuditRow[];
  /** How many goals (top-level and sub-goals) have each verdict, worst first. */
  verdictCounts: Array<{ verdict: Status; count: number }>;
}

export interface SummaryRow {
  level: 'goal' | 'subgoal' | 'kpi';
  id: string;
  title: string;
  target: string;
  baseline: string;
  /** Value with period, date and source; "Ingen måling" when none counts. */
  result: string;
  verdict: Status;
  demo: boolean;
}

export interface ExplanationView {
  goalId: string;
  heading: string;
  text: string;
  /** "Skrevet af Lene Holm 4. oktober 2021 kl. 10.00". */
  byline: string;
  /** Earlier versions kept in the history. */
  revisions: number;
}

export interface GoalSection {
  id: string;
  heading: string;
  scopeLabel: string;
  purpose: string;
  verdict: Status;
  reason: string;
  subGoals: Array<{ id: string; heading: string; verdict: Status; reason: string }>;
  kpis: KpiSection[];
  /** Explanations of this goal and of its sub-goals that need one. */
  explanations: ExplanationView[];
  /** Goals (this or sub-goals) not met or not measured and without an explanation. */
  missingExplanations: string[];
  demo: boolean;
}

export interface KpiSection {
  id: string;
  title: string;
  target: string;
  /** The period the target is about, marked where the data file interprets it. */
  window: string;
  baselines: string[];
  method: string;
  verdict: Status;
  reason: string;
  /** One line per series: "Drift: 82 % – 2021, målt 30. november 2021. Kilde: …". */
  results: string[];
  /** The chart, when one fits (numeric KPI, two or more readings); else `readings` as a table. */
  trend: TrendChartInput | null;
  readings: Array<{ date: string; series: string; value: string; period: string; source: string; demo: boolean }>;
  interpretation: string;
  demo: boolean;
}

export interface AuditRow {
  id: number;
  kpiId: string;
  series: string;
  value: string;
  period: string;
  measuredOn: string;
  source: string;
  recordedBy: string;
  recordedAt: string;
  /** "Retter nr. 12 (før: 35 %)" for a correction, else "". */
  correction: string;
  demo: boolean;
}

export interface ReportInput {
  contract: ContractData;
  asOf: string;
  /** Rows of the contract (readReportRows gives a bounded set that decides the same verdicts). */
  rows: readonly Measurement[];
  /** The explanation in force per goal, with its number of versions ("1 tidligere version"). */
  explanations: readonly LatestExplanation[];
  generatedBy: string;
  generatedAt: string;
  timeZone: string;
}

export { needsExplanation };

const VERDICT_ORDER: readonly Status[] = ['ikke opfyldt', 'i risiko', 'ingen data', 'delvist opfyldt', 'afventer måling', 'på vej', 'opfyldt'];

function heading(goal: Pick<Goal, 'id' | 'title'>): string {
  return `Mål ${goal.id} – ${goal.title}`;
}

function shown(kpi: Kpi, m: Measurement): string {
  return isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true) : formatKpiValue(kpi, m.value ?? 0);
}

function seriesLabel(segment: Segment | null): string {
  return segment === null ? '' : SEGMENT_LABELS[segment];
}

/** A source with "(demodata)" after it for demo rows (the demo seed already writes it into the source). */
export function sourceShown(m: Pick<Measurement, 'source' | 'demo'>): string {
  return m.demo && !m.source.includes('demodata') ? `${m.source} (demodata)` : m.source;
}

function resultLine(kpi: Kpi, m: Measurement): string {
  return `${shown(kpi, m)} – ${m.period}, målt ${formatDate(m.measuredOn)}. Kilde: ${sourceShown(m)}`;
}

function kpiResults(kpi: Kpi, s: KpiStatus): string[] {
  if (kpi.segments.length === 0) return [s.latest ? resultLine(kpi, s.latest) : `Ingen måling – ${s.reason}`];
  if (s.segments.every((seg) => seg.latest === null)) return [`Ingen måling – ${s.reason}`];
  return s.segments.map((seg) => `${SEGMENT_LABELS[seg.segment]}: ${seg.latest ? resultLine(kpi, seg.latest) : 'ingen måling'}`);
}

function baselineLines(kpi: Kpi): string[] {
  return kpi.baselines.map((b) => `${formatKpiLevel(kpi, b.value)} i ${b.label} (${b.scope})`);
}

function kpiDemo(s: KpiStatus): boolean {
  return s.latest?.demo === true || s.segments.some((seg) => seg.latest?.demo === true);
}

function statusOf(goalStatus: GoalStatus, kpi: Kpi): KpiStatus {
  const found = goalStatus.kpis.find((k) => k.kpiId === kpi.id);
  if (found === undefined) throw new Error(`status for ${kpi.id} mangler`);
  return found;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { contract, asOf, rows, timeZone } = input;
  const period = contractPeriodNote(contract, asOf);
  const explanationOf = new Map(input.explanations.filter((e) => e.contractId === contract.id).map((e) => [e.goalId, e]));
  const judged = new Map<string, GoalStatus>();
  const judge = (g: Goal): GoalStatus => {
    let s = judged.get(g.id);
    if (s === undefined) judged.set(g.id, (s = judgeGoal(contract, g, rows, asOf)));
    return s;
  };
  const series = historySeries(contract.goals.flatMap((g) => g.kpis), rows);

  const summary: SummaryRow[] = [];
  const sections: GoalSection[] = [];
  const shownRows = new Map<number, Measurement>();

  const kpiSection = (kpi: Kpi, s: KpiStatus): KpiSection => {
    const mine = series.filter((x) => x.kpi === kpi);
    const readings = mine
      .flatMap((x) => x.rows.map((m) => ({ m, segment: x.segment })))
      .sort((a, b) => (a.m.measuredOn !== b.m.measuredOn ? (a.m.measuredOn < b.m.measuredOn ? -1 : 1) : a.m.id - b.m.id))
      .slice(-REPORT_CHART_POINTS);
    for (const r of readings) shownRows.set(r.m.id, r.m);
    for (const l of [s.latest, ...s.segments.map((seg) => seg.latest)]) if (l) shownRows.set(l.id, l);
    return {
      id: kpi.id,
      title: `${kpi.id} – ${kpi.label}`,
      target: formatTargetMarked(kpi),
      window: `${kpi.window.label}${interpretedMark(kpi, 'window')}`,
      baselines: baselineLines(kpi),
      method: kpi.method,
      verdict: s.status,
      reason: s.reason,
      results: kpiResults(kpi, s),
      trend: kpiTrend(kpi, mine, REPORT_CHART_POINTS),
      readings: readings.map(({ m, segment }) => ({
        date: formatDate(m.measuredOn),
        series: seriesLabel(segment),
        value: shown(kpi, m),
        period: m.period,
        source: sourceShown(m),
        demo: m.demo,
      })),
      interpretation: kpi.interpretation ?? '',
      demo: kpiDemo(s) || readings.some((r) => r.m.demo),
    };
  };

  const summaryOfKpi = (kpi: Kpi, s: KpiStatus): SummaryRow => ({
    level: 'kpi',
    id: kpi.id,
    title: kpi.label,
    target: formatTargetMarked(kpi),
    baseline: baselineLines(kpi).join('; ') || '–',
    result: kpiResults(kpi, s).join('\n'),
    verdict: s.status,
    demo: kpiDemo(s),
  });

  const explanationView = (g: Goal): ExplanationView | undefined => {
    const e = explanationOf.get(g.id);
    if (e === undefined) return undefined;
    return {
      goalId: g.id,
      heading: heading(g),
      text: e.text,
      byline: `Skrevet af ${e.recordedByName ?? e.recordedBy} ${formatDateTime(e.recordedAt, timeZone)}`,
      revisions: Math.max(0, e.versions - 1),
    };
  };

  for (const goal of topLevelGoals(contract)) {
    const gs = judge(goal);
    const children = subGoals(contract, goal.id);
    summary.push({ level: 'goal', id: goal.id, title: goal.title, target: '', baseline: '', result: gs.reason, verdict: gs.status, demo: false });
    const goalSummaryIndex = summary.length - 1;
    const kpis: KpiSection[] = [];
    for (const kpi of goal.kpis) {
      const s = statusOf(gs, kpi);
      summary.push(summaryOfKpi(kpi, s));
      kpis.push(kpiSection(kpi, s));
    }
    const subViews: GoalSection['subGoals'] = [];
    for (const child of children) {
      const cs = judge(child);
      summary.push({ level: 'subgoal', id: child.id, title: child.title, target: '', baseline: '', result: cs.reason, verdict: cs.status, demo: false });
      const childIndex = summary.length - 1;
      for (const kpi of child.kpis) {
        const s = statusOf(cs, kpi);
        summary.push(summaryOfKpi(kpi, s));
        kpis.push(kpiSection(kpi, s));
      }
      summary[childIndex]!.demo = summary.slice(childIndex + 1).some((r) => r.demo);
      subViews.push({ id: child.id, heading: heading(child), verdict: cs.status, reason: cs.reason });
    }
    summary[goalSummaryIndex]!.demo = summary.slice(goalSummaryIndex + 1).some((r) => r.demo);

    const explained: ExplanationView[] = [];
    const missing: string[] = [];
    for (const g of [goal, ...children]) {
      if (!needsExplanation(judge(g).status)) continue;
      const view = explanationView(g);
      if (view) explained.push(view);
      else missing.push(heading(g));
    }
    sections.push({
      id: goal.id,
      heading: heading(goal),
      scopeLabel: `${goal.scope === 'national' ? 'Nationalt' : 'Lokalt'} mål`,
      purpose: goal.purpose,
      verdict: gs.status,
      reason: gs.reason,
      subGoals: subViews,
      kpis,
      explanations: explained,
      missingExplanations: missing,
      demo: kpis.some((k) => k.demo),
    });
  }

  const audit: AuditRow[] = [...shownRows.values()]
    .sort((a, b) => a.id - b.id)
    .map((m) => {
      const kpi = contract.goals.flatMap((g) => g.kpis).find((k) => k.id === m.kpiId);
      const value = kpi ? shown(kpi, m) : String(m.value ?? m.done);
      const before = m.previousValue !== null && kpi ? formatKpiLevel(kpi, m.previousValue) : m.previousDone !== null && kpi ? formatKpiValue(kpi, m.previousDone) : null;
      return {
        id: m.id,
        kpiId: m.kpiId,
        series: seriesLabel(m.segment),
        value,
        period: m.period,
        measuredOn: formatDate(m.measuredOn),
        source: sourceShown(m),
        recordedBy: m.recordedByName ?? m.recordedBy,
        recordedAt: formatDateTime(m.recordedAt, timeZone),
        correction: m.supersedesId !== null ? `Retter nr. ${m.supersedesId}${before !== null ? ` (før: ${before})` : ''}` : '',
        demo: m.demo,
      };
    });

  const goalVerdicts = summary.filter((r) => r.level !== 'kpi').map((r) => r.verdict);
  const verdictCounts = VERDICT_ORDER.map((verdict) => ({ verdict, count: goalVerdicts.filter((v) => v === verdict).length })).filter((c) => c.count > 0);

  return {
    contractId: contract.id,
    contractTitle: contract.title,
    house: contract.parties.house,
    recipient: contract.parties.principal,
    responsible: contract.responsible,
    final: period.final,
    title: period.final ? `Endelig resultatopfyldelse ${contract.year}` : `Status pr. ${formatDate(asOf)}`,
    asOf,
    periodNote: period.text,
    generatedLine: `Dannet af ${input.generatedBy} ${formatDateTime(input.generatedAt, timeZone)} med Målbot`,
    demo: summary.some((r) => r.demo) || audit.some((a) => a.demo),
    summary,
    goals: sections,
    audit,
    verdictCounts,
  };
}
