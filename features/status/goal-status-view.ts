import type { ContractData, Goal, Kpi, ReportingObligation, Segment } from '../../goals/contract-schema';
import { findGoal, kpisOfGoal, subGoals } from '../../goals/contract-queries';
import { effectiveMeasurements, type Measurement } from '../../core/measurement';
import { classifyRow, goalStatus, isDoneKind, kpiStatus, parentGoalStatus, type GoalStatus, type KpiStatus } from '../../core/status-rules';
import { contractPeriodNote } from './contract-period-note';
import { frequencyWords } from './reporting-frequency';
import { formatTargetMarked, interpretedMark } from './interpreted-mark';
import type { Status } from '../../core/status-types';
import { formatDate, formatKpiLevel, formatKpiValue, formatList } from '../../core/danish-format';
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
  /** Where `asOf` stands to the contract period: "Kontraktperioden sluttede 31. december 2021 – dette er den endelige opgørelse." */
  periodNote: string;
  /** True after the contract period: the verdicts are final. */
  final: boolean;
  /** Slips in the contract text, as written with the correction: "Kontrakten skriver «…» – …". */
  textNotes: string[];
  hasTextNotes: boolean;
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
  /** The card's first screen: the value against the target, "44 % · mål mindst 45 %" (per segment where targets are). */
  summary: string;
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

function badge(status: Status): StatusBadge {
  return { status, ...statusStyle(status) };
}

export function goalHeading(goal: Pick<Goal, 'id' | 'title'>): string {
  return `Mål ${escapeMarkdown(goal.id)} – ${escapeMarkdown(goal.title)}`;
}

function measuredText(kpi: Kpi, m: Measurement): string {
  const value = isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true) : formatKpiValue(kpi, m.value ?? 0);
  return `${escapeMarkdown(value)} – ${escapeMarkdown(m.period)}, målt ${formatDate(m.measuredOn)}`;
}


/** The newest of some rows (greatest measuredOn, then id), as the rules pick one. */
function newestRow(rows: readonly Measurement[]): Measurement | undefined {
  return rows.reduce<Measurement | undefined>((best, m) => (best === undefined || m.measuredOn > best.measuredOn || (m.measuredOn === best.measuredOn && m.id > best.id) ? m : best), undefined);
}

/** Rows of this KPI measured by `today` that do not count (R1): baseline measurements and other periods. */
function rowsBeside(kpi: Kpi, measurements: readonly Measurement[], today: string): { baseline: Measurement[]; outside: Measurement[] } {
  const mine = effectiveMeasurements(measurements).filter((m) => m.kpiId === kpi.id && m.measuredOn <= today);
  const baseline: Measurement[] = [];
  const outside: Measurement[] = [];
  for (const m of mine) {
    const standing = classifyRow(kpi, m).kind;
    if (standing === 'baseline') baseline.push(m);
    else if (standing === 'outside') outside.push(m);
  }
  return { baseline, outside };
}

function kpiView(kpi: Kpi, s: KpiStatus, showStatus: boolean, measurements: readonly Measurement[], today: string, outsideLeftOut: OutsideLeftOut): KpiView {
  const facts: FactView[] = [
    { title: 'Mål', value: escapeMarkdown(formatTargetMarked(kpi)) },
    { title: 'Periode', value: escapeMarkdown(kpi.window.label) + interpretedMark(kpi, 'window') },
    { title: 'Resultat ventes', value: escapeMarkdown(kpi.horizon.label) + interpretedMark(kpi, 'horizon') },
  ];
  const beside = rowsBeside(kpi, measurements, today);
  for (const b of kpi.baselines) {
    let text = `${formatKpiLevel(kpi, b.value)} i ${b.label} (${b.scope})`;
    // A registered measurement of the baseline's period is shown beside the contract's figure (R1).
    const registered = newestRow(beside.baseline.filter((m) => classifyRow({ window: kpi.window, baselines: [b] }, m).kind === 'baseline'));
    if (registered !== undefined && registered.value !== null) {
      const same = classifyRow({ window: kpi.window, baselines: [b] }, registered);
      text += same.kind === 'baseline' && same.matches
        ? ` – registreret baselinemåling ${formatKpiLevel(kpi, registered.value)} stemmer`
        : ` – registreret baselinemåling ${formatKpiLevel(kpi, registered.value)} afviger fra kontraktens tal`;
    }
    facts.push({ title: 'Baseline', value: escapeMarkdown(text) });
  }
  const other = newestRow(beside.outside);
  if (other !== undefined) {
    const n = beside.outside.length + (outsideLeftOut[kpi.id] ?? 0);
    facts.push({
      title: 'Uden for perioden',
      value: `${measuredText(kpi, other)} – uden for målets periode, tæller ikke${n > 1 ? ` (${n} målinger, se historik)` : ''}`,
    });
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
    summary: kpiSummary(kpi, s),
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

/** The value (or values per segment) against the target, for the card's one-line-per-KPI first screen. */
function kpiSummary(kpi: Kpi, s: KpiStatus): string {
  const shown = (m: Measurement): string => (isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true) : formatKpiValue(kpi, m.value ?? 0));
  const target = `mål ${formatTargetMarked(kpi)}`;
  if (kpi.segments.length === 0) return escapeMarkdown(`${s.latest ? shown(s.latest) : 'ingen måling'} · ${target}`);
  const measured = s.segments.filter((seg) => seg.latest !== null);
  if (measured.length === 0) return escapeMarkdown(`ingen måling · ${target}`);
  return escapeMarkdown(`${s.segments.map((seg) => `${SEGMENT_LABELS[seg.segment]} ${seg.latest ? shown(seg.latest) : 'ingen måling'}`).join(', ')} · ${target}`);
}

/** Methods in KPI order; KPIs with the same text share one line ("1a, 1b: …"). */
function methodViews(kpis: readonly Kpi[]): MethodView[] {
  const byText = new Map<string, string[]>();
  for (const k of kpis) byText.set(k.method, [...(byText.get(k.method) ?? []), k.id]);
  return [...byText].map(([text, ids]) => ({ kpiIds: escapeMarkdown(ids.join(', ')), text: escapeMarkdown(text) }));
}

function reportingLine(r: ReportingObligation): string {
  // Only what the contract says: no frequency where it names none.
  const parts = [frequencyWords(r), r.when?.label].filter((p): p is string => p !== undefined);
  return escapeMarkdown(`${r.from} → ${formatList(r.to)}${parts.map((p) => ` · ${p}`).join('')}: ${r.about}`);
}

/**
 * A goal's status by R11: a parent goal (9) counts its sub-goals, any other goal its own KPIs.
 * The one place features/status judges a goal; the overview and reminders use it too.
 */
export function judgeGoal(contract: ContractData, goal: Goal, measurements: readonly Measurement[], today: string): GoalStatus {
  const children = subGoals(contract, goal.id);
  if (children.length === 0) return goalStatus(goal, kpisOfGoal(contract, goal.id), measurements, today);
  return parentGoalStatus(goal, children.map((c) => ({ goal: c, kpis: kpisOfGoal(contract, c.id) })), measurements, today);
}

/** Per KPI id: rows outside its window, matching none of its baselines, that the store counted but left out (StatusRows). */
export type OutsideLeftOut = Readonly<Record<string, number>>;

/**
 * The goal status card's data for one goal on `today`. A parent goal (9) shows its sub-goals'
 * KPIs and a line per sub-goal. Returns null for an unknown goal id. `outsideLeftOut`: what the
 * store's selection (MeasurementStore.statusRows) only counted; none when `measurements` are all rows.
 */
export function buildGoalStatusView(
  contract: ContractData,
  goalId: string,
  measurements: readonly Measurement[],
  today: string,
  outsideLeftOut: OutsideLeftOut = {},
): GoalStatusView | null {
  const goal = findGoal(contract, goalId);
  if (goal === undefined) return null;
  const children = subGoals(contract, goal.id);
  const kpis = kpisOfGoal(contract, goal.id);
  const overall = judgeGoal(contract, goal, measurements, today);
  // With one KPI and no segments the overall status line is the KPI's; don't repeat it.
  const repeatStatus = !(kpis.length === 1 && kpis[0].segments.length === 0 && children.length === 0);
  const kpiViews = kpis.map((k) => kpiView(k, overall.kpis.find((st) => st.kpiId === k.id) ?? kpiStatus(k, measurements, today), repeatStatus, measurements, today, outsideLeftOut));

  const parent = goal.parentId !== undefined ? findGoal(contract, goal.parentId) : undefined;
  const scopeWord = goal.scope === 'national' ? 'Nationalt' : 'Lokalt';
  const scopeLabel = parent ? `${scopeWord} delmål af ${goalHeading(parent).replace(/^Mål/, 'mål')}` : `${scopeWord} mål`;

  const subGoalViews: SubGoalView[] = children.map((child) => {
    const st = judgeGoal(contract, child, measurements, today);
    return { heading: goalHeading(child), status: badge(st.status), reason: escapeMarkdown(st.reason) };
  });

  // Sub-goals repeat the parent's reporting lines; show each obligation once.
  const reportingLines = [...new Set([goal, ...children].flatMap((g) => g.reporting.map(reportingLine)))];
  const methods = methodViews(kpis);
  const period = contractPeriodNote(contract, today);
  const textNotes = [goal, ...children].flatMap((g) => g.textNotes.map((n) => escapeMarkdown(`Kontrakten skriver «${n.writtenAs}» – ${n.note}`)));

  return {
    goalId: goal.id,
    contractTitle: escapeMarkdown(contract.title),
    asOf: `Status pr. ${formatDate(today)}`,
    periodNote: escapeMarkdown(period.text),
    final: period.final,
    textNotes,
    hasTextNotes: textNotes.length > 0,
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
