import type { ContractData, Goal, Kpi, ReportingObligation, Segment } from '../../goals/contract-schema';
import { findGoal, kpisOfGoal, subGoals } from '../../goals/contract-queries';
import { effectiveMeasurements, type Measurement } from '../../core/measurement';
import { classifyRow, goalStatus, isDoneKind, kpiStatus, parentGoalStatus, type GoalStatus, type KpiStatus } from '../../core/status-rules';
import { contractPeriodNote } from './contract-period-note';
import { frequencyWords } from './reporting-frequency';
import { formatTargetMarked, interpretedMark } from './interpreted-mark';
import type { Status } from '../../core/status-types';
import type { Language } from '../../core/language';
import { statusReasonText } from '../../core/status-reason';
import { formatDate, formatKpiLevel, formatKpiValue, formatList, quoted } from '../../core/danish-format';
import { englishFrequency } from './english-fact-words';
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
  language: Language;
  /** The card's fixed words in the view's language (the template names none of its own). */
  words: CardWords;
}

/** The goal status card's headings and buttons. */
export interface CardWords {
  overall: string;
  demoCard: string;
  subGoals: string;
  kpis: string;
  explanation: string;
  noExplanation: string;
  showDetails: string;
  kpiDetails: string;
  status: string;
  demoRow: string;
  interpretation: string;
  notes: string;
  method: string;
  reporting: string;
  hideDetails: string;
  history: string;
  overview: string;
}

const CARD_WORDS: Record<Language, CardWords> = {
  da: {
    overall: 'Samlet status',
    demoCard: 'Kortet indeholder demodata – ikke rigtige målinger.',
    subGoals: 'Delmål',
    kpis: 'Målepunkter',
    explanation: 'Forklaring til KKR',
    noExplanation: 'Ingen forklaring endnu. Målet er ikke nået eller ikke målt, så rapporten til KKR skal forklare hvorfor.',
    showDetails: 'Vis detaljer',
    kpiDetails: 'Målepunkter i detaljer',
    status: 'Status',
    demoRow: 'Demodata – ikke en rigtig måling',
    interpretation: 'Fortolkning',
    notes: 'Bemærk',
    method: 'Metode',
    reporting: 'Afrapportering',
    hideDetails: 'Skjul detaljer',
    history: 'Historik',
    overview: 'Oversigt',
  },
  en: {
    overall: 'Overall status',
    demoCard: 'The card contains demo data – not real measurements.',
    subGoals: 'Sub-goals',
    kpis: 'KPIs',
    explanation: 'Explanation to KKR',
    noExplanation: 'No explanation yet. The goal is not met or not measured, so the report to KKR must explain why.',
    showDetails: 'Show details',
    kpiDetails: 'KPIs in detail',
    status: 'Status',
    demoRow: 'Demo data – not a real measurement',
    interpretation: 'Fortolkning (interpretation)',
    notes: 'Note',
    method: 'Method',
    reporting: 'Reporting',
    hideDetails: 'Hide details',
    history: 'History',
    overview: 'Overview',
  },
};

/** The labels the view writes itself, per language. */
const LABELS = {
  da: {
    target: 'Mål',
    period: 'Periode',
    expected: 'Resultat ventes',
    baselineIn: 'i',
    baselineMatches: 'registreret baselinemåling {v} stemmer',
    baselineDiffers: 'registreret baselinemåling {v} afviger fra kontraktens tal',
    outside: 'Uden for perioden',
    outsideText: 'uden for målets periode, tæller ikke',
    outsideMore: (n: number) => ` (${n} målinger, se historik)`,
    latest: 'Seneste måling',
    noneYet: 'ingen måling endnu',
    source: 'Kilde',
    evidence: 'Dokumentation',
    note: 'Note',
    appliesTo: 'Gælder for',
    measuredOn: 'målt',
    targetWord: 'mål',
    noMeasurement: 'ingen måling',
    national: 'Nationalt',
    local: 'Lokalt',
    subGoalOf: 'delmål af',
    goalNoun: 'mål',
    asOf: 'Status pr.',
    noKpis: 'Kontrakten sætter ingen målepunkter med målværdi for dette mål.',
    contractWrites: (writtenAs: string, note: string) => `Kontrakten skriver «${writtenAs}» – ${note}`,
    noteWord: 'note',
  },
  en: {
    target: 'Target',
    period: 'Period',
    expected: 'Result expected',
    baselineIn: 'in',
    baselineMatches: 'registered baseline measurement {v} matches',
    baselineDiffers: "registered baseline measurement {v} differs from the contract's figure",
    outside: 'Outside the period',
    outsideText: "outside the target's period, does not count",
    outsideMore: (n: number) => ` (${n} measurements, see history)`,
    latest: 'Latest measurement',
    noneYet: 'no measurement yet',
    source: 'Source',
    evidence: 'Documentation',
    note: 'Note',
    appliesTo: 'Applies to',
    measuredOn: 'measured',
    targetWord: 'target',
    noMeasurement: 'no measurement',
    national: 'National',
    local: 'Local',
    subGoalOf: 'sub-goal of',
    goalNoun: 'goal',
    asOf: 'Status as of',
    noKpis: 'The contract sets no KPIs with a target value for this goal.',
    contractWrites: (writtenAs: string, note: string) => `The contract writes «${writtenAs}» – ${quoted(note)}`,
    noteWord: 'note',
  },
} as const;
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

const SEGMENT_LABELS: Record<Language, Record<Segment, string>> = { da: { drift: 'Drift', vækst: 'Vækst' }, en: { drift: 'Operations', vækst: 'Growth' } };
const SEGMENT_NOUNS: Record<Language, Record<Segment, string>> = {
  da: { drift: 'driftssegmentet', vækst: 'vækstsegmentet' },
  en: { drift: 'the operations segment (drift)', vækst: 'the growth segment (vækst)' },
};

function badge(status: Status, language: Language): StatusBadge {
  return { status, ...statusStyle(status, language) };
}

/** "Mål 4 – Erhvervshusenes knudepunktsfunktion" ('en': "Goal 4 – …", the title as the contract writes it). */
export function goalHeading(goal: Pick<Goal, 'id' | 'title'>, language: Language = 'da'): string {
  return `${language === 'en' ? 'Goal' : 'Mål'} ${escapeMarkdown(goal.id)} – ${escapeMarkdown(goal.title)}`;
}

function measuredText(kpi: Kpi, m: Measurement, language: Language): string {
  const value = isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true, language) : formatKpiValue(kpi, m.value ?? 0, language);
  return `${escapeMarkdown(value)} – ${escapeMarkdown(m.period)}, ${LABELS[language].measuredOn} ${formatDate(m.measuredOn, language)}`;
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

function kpiView(kpi: Kpi, s: KpiStatus, showStatus: boolean, measurements: readonly Measurement[], today: string, language: Language, outsideLeftOut: OutsideLeftOut): KpiView {
  const L = LABELS[language];
  const level = (value: number): string => formatKpiLevel(kpi, value, language);
  const facts: FactView[] = [
    { title: L.target, value: escapeMarkdown(formatTargetMarked(kpi, language)) },
    { title: L.period, value: escapeMarkdown(kpi.window.label) + interpretedMark(kpi, 'window', language) },
    { title: L.expected, value: escapeMarkdown(kpi.horizon.label) + interpretedMark(kpi, 'horizon', language) },
  ];
  const beside = rowsBeside(kpi, measurements, today);
  for (const b of kpi.baselines) {
    let text = `${level(b.value)} ${L.baselineIn} ${b.label} (${b.scope})`;
    // A registered measurement of the baseline's period is shown beside the contract's figure (R1).
    const registered = newestRow(beside.baseline.filter((m) => classifyRow({ window: kpi.window, baselines: [b] }, m).kind === 'baseline'));
    if (registered !== undefined && registered.value !== null) {
      const same = classifyRow({ window: kpi.window, baselines: [b] }, registered);
      text += ` – ${(same.kind === 'baseline' && same.matches ? L.baselineMatches : L.baselineDiffers).replace('{v}', level(registered.value))}`;
    }
    facts.push({ title: 'Baseline', value: escapeMarkdown(text) });
  }
  const other = newestRow(beside.outside);
  if (other !== undefined) {
    const n = beside.outside.length + (outsideLeftOut[kpi.id] ?? 0);
    facts.push({
      title: L.outside,
      value: `${measuredText(kpi, other, language)} – ${L.outsideText}${n > 1 ? L.outsideMore(n) : ''}`,
    });
  }
  if (kpi.segments.length === 0) {
    const m = s.latest;
    facts.push({ title: L.latest, value: m ? measuredText(kpi, m, language) : L.noneYet });
    if (m) facts.push({ title: L.source, value: escapeMarkdown(m.source) });
    if (m?.evidence) facts.push({ title: L.evidence, value: escapeMarkdown(m.evidence) });
    if (m?.note) facts.push({ title: L.note, value: escapeMarkdown(m.note) });
  } else {
    facts.push({ title: L.appliesTo, value: escapeMarkdown(formatList(kpi.segments.map((seg) => SEGMENT_NOUNS[language][seg]), language)) });
  }

  // Segment blocks add dates and sources; with nothing measured the KPI line already says it all.
  const anyMeasured = s.segments.some((seg) => seg.latest !== null);
  const segments: SegmentView[] = (anyMeasured ? s.segments : []).map((seg) => {
    const m = seg.latest;
    const source = m
      ? `${L.source}: ${escapeMarkdown(m.source)} (${formatDate(m.measuredOn, language)})${m.note ? ` – ${L.noteWord}: ${escapeMarkdown(m.note)}` : ''}`
      : '';
    return {
      label: SEGMENT_LABELS[language][seg.segment],
      status: badge(seg.verdict.status, language),
      reason: escapeMarkdown(statusReasonText(seg.verdict.why, language)),
      source,
      hasSource: source !== '',
      demo: m?.demo === true,
    };
  });

  const demo = kpi.segments.length === 0 ? s.latest?.demo === true : segments.some((seg) => seg.demo);
  return {
    id: kpi.id,
    title: `${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}`,
    summary: kpiSummary(kpi, s, language),
    facts,
    status: badge(s.status, language),
    reason: escapeMarkdown(statusReasonText(s.why, language)),
    showStatus,
    demo,
    segments,
    hasSegments: segments.length > 0,
    interpretation: kpi.interpretation ? escapeMarkdown(kpi.interpretation) : '',
    hasInterpretation: kpi.interpretation !== undefined && kpi.interpretation !== '',
  };
}

/** The value (or values per segment) against the target, for the card's one-line-per-KPI first screen. */
function kpiSummary(kpi: Kpi, s: KpiStatus, language: Language): string {
  const L = LABELS[language];
  const shown = (m: Measurement): string => (isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true, language) : formatKpiValue(kpi, m.value ?? 0, language));
  const target = `${L.targetWord} ${formatTargetMarked(kpi, language)}`;
  if (kpi.segments.length === 0) return escapeMarkdown(`${s.latest ? shown(s.latest) : L.noMeasurement} · ${target}`);
  const measured = s.segments.filter((seg) => seg.latest !== null);
  if (measured.length === 0) return escapeMarkdown(`${L.noMeasurement} · ${target}`);
  return escapeMarkdown(`${s.segments.map((seg) => `${SEGMENT_LABELS[language][seg.segment]} ${seg.latest ? shown(seg.latest) : L.noMeasurement}`).join(', ')} · ${target}`);
}

/** Methods in KPI order; KPIs with the same text share one line ("1a, 1b: …"). */
function methodViews(kpis: readonly Kpi[]): MethodView[] {
  const byText = new Map<string, string[]>();
  for (const k of kpis) byText.set(k.method, [...(byText.get(k.method) ?? []), k.id]);
  return [...byText].map(([text, ids]) => ({ kpiIds: escapeMarkdown(ids.join(', ')), text: escapeMarkdown(text) }));
}

function reportingLine(r: ReportingObligation, language: Language): string {
  // Only what the contract says: no frequency where it names none. In English its words are quoted.
  const en = language === 'en';
  const parts = [en ? englishFrequency(r) : frequencyWords(r), r.when === undefined ? undefined : en ? quoted(r.when.label) : r.when.label].filter((p): p is string => p !== undefined);
  return escapeMarkdown(`${r.from} → ${formatList(r.to, language)}${parts.map((p) => ` · ${p}`).join('')}: ${en ? quoted(r.about) : r.about}`);
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
  language: Language = 'da',
  outsideLeftOut: OutsideLeftOut = {},
): GoalStatusView | null {
  const goal = findGoal(contract, goalId);
  if (goal === undefined) return null;
  const children = subGoals(contract, goal.id);
  const kpis = kpisOfGoal(contract, goal.id);
  const overall = judgeGoal(contract, goal, measurements, today);
  // With one KPI and no segments the overall status line is the KPI's; don't repeat it.
  const repeatStatus = !(kpis.length === 1 && kpis[0].segments.length === 0 && children.length === 0);
  const kpiViews = kpis.map((k) => kpiView(k, overall.kpis.find((st) => st.kpiId === k.id) ?? kpiStatus(k, measurements, today), repeatStatus, measurements, today, language, outsideLeftOut));

  const L = LABELS[language];
  const parent = goal.parentId !== undefined ? findGoal(contract, goal.parentId) : undefined;
  const scopeWord = goal.scope === 'national' ? L.national : L.local;
  const scopeLabel = parent ? `${scopeWord} ${L.subGoalOf} ${L.goalNoun}${goalHeading(parent, language).replace(/^\S+/, '')}` : `${scopeWord} ${L.goalNoun}`;

  const subGoalViews: SubGoalView[] = children.map((child) => {
    const st = judgeGoal(contract, child, measurements, today);
    return { heading: goalHeading(child, language), status: badge(st.status, language), reason: escapeMarkdown(statusReasonText(st.why, language)) };
  });

  // Sub-goals repeat the parent's reporting lines; show each obligation once.
  const reportingLines = [...new Set([goal, ...children].flatMap((g) => g.reporting.map((r) => reportingLine(r, language))))];
  const methods = methodViews(kpis);
  const period = contractPeriodNote(contract, today, language);
  const textNotes = [goal, ...children].flatMap((g) => g.textNotes.map((n) => escapeMarkdown(L.contractWrites(n.writtenAs, n.note))));

  return {
    goalId: goal.id,
    contractTitle: escapeMarkdown(contract.title),
    asOf: `${L.asOf} ${formatDate(today, language)}`,
    periodNote: escapeMarkdown(period.text),
    final: period.final,
    textNotes,
    hasTextNotes: textNotes.length > 0,
    heading: goalHeading(goal, language),
    scopeLabel,
    status: badge(overall.status, language),
    reason: escapeMarkdown(statusReasonText(overall.why, language)),
    demo: kpiViews.some((k) => k.demo),
    subGoals: subGoalViews,
    hasSubGoals: subGoalViews.length > 0,
    kpis: kpiViews,
    hasKpis: kpiViews.length > 0,
    noKpisText: L.noKpis,
    methods,
    hasMethods: methods.length > 0,
    reporting: reportingLines,
    hasReporting: reportingLines.length > 0,
    language,
    words: CARD_WORDS[language],
  };
}
