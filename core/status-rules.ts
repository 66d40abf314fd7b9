import type { Goal, Kpi, Segment } from '../goals/contract-schema';
import { effectiveMeasurements, type Measurement } from './measurement';
import { parsePeriod, periodWithin, type PeriodRange } from './period';
import type { PartNoun, SegmentClause, Status, StatusReason, StatusVerdict } from './status-types';
import { statusReasonText } from './status-reason';
import type { StatusKpiQuery } from './ports/measurement-store';
import { primaryBaselineValue } from './danish-format';

/*
 * THE STATUS RULES — the only place they are written down. Tests: test/core/status-rules.test.ts.
 * `today` is the calendar date the status is "as of" (YYYY-MM-DD, Danish time) passed in by the
 * caller: today's date, or a date a director asked about ("status mål 4 pr. 1. oktober 2021").
 *
 * R0  A row's period is read from its period text (core/period.ts: "efterår 2021" = 1/9–30/11,
 *     "2021", "sep. 2021", "3. kvartal 2021" …); a text the reader does not know counts as the
 *     single day measuredOn.
 * R1  Rows that count: rows for this KPI (kpiId) measured on or before `today` (later rows did not
 *     exist yet) that carry a usable value (a number for numeric KPIs, done true/false for
 *     milestones and duties) and whose period lies inside the KPI's evaluation window (`window`,
 *     the period the target is about). Rows from other periods are kept and shown — as the
 *     baseline measurement when the period is a baseline's, else as "uden for målets periode" —
 *     but never decide a verdict (classifyRow). For a KPI with segments, a row counts only for its
 *     own segment; rows without a segment or with a segment the KPI does not have are ignored. For a
 *     KPI without segments the row's segment is ignored. A row that a correction supersedes never
 *     counts: the correction stands in its place.
 * R2  Only the newest row counts: greatest measuredOn, ties broken by greatest id (a correction
 *     stored later for the same date wins). Older rows are history.
 * R3  A row meets the target when
 *       gte: value ≥ target;  gt: value > target;  milestone and duty (done): done === true.
 *     pp_change: the row's value is the measured LEVEL in per cent (what Erhvervsstyrelsen
 *     publishes, e.g. 78); the change = value − the primary baseline (e.g. 68 → +10) is compared
 *     with the target in percentage points. effect_vs_control: the row's value already is the
 *     difference in percentage points against the control group.
 *     Comparisons are made on values rounded to 6 decimals, so 73,1 − 68,1 counts as 5.
 * R4  Target met → "opfyldt", whatever the date.
 * R5  Numeric target not met and today is after the window's last day → "ikke opfyldt": the period
 *     the target is about is over. On the last day itself the target is still open.
 * R6  Numeric target not met within the window: gap = target − value (pp_change: target − change).
 *     gap ≤ tolerance → "på vej", otherwise "i risiko". Tolerance: 3 points for share, pp_change and
 *     effect_vs_control (procentpoint) and for nps (NPS points); for count 10 % of the target rounded
 *     up (so 1 short of 3 teams, or 2 short of 13, is "på vej").
 * R7  Milestone registered as not done: today after the window → "ikke opfyldt"; otherwise
 *     more than 60 days left of the window → "på vej", 60 days or fewer (incl. the last day) → "i risiko".
 * R7a Duty (an ongoing duty, "løbende forpligtelse"): documented (done true) → "opfyldt"; registered
 *     as not kept (done false) → "ikke opfyldt". A duty has no deadline inside its window, so no
 *     "i risiko" from days left.
 * R8  No row that counts: today ≤ the reporting horizon (`horizon.date`, when a result can be known)
 *     → "afventer måling"; after it → "ingen data". A passed horizon is not the house's deadline, so
 *     the reason says which period has no measurement, not that a deadline was missed.
 * R9  KPI with segments: each segment is judged on its own by R1–R8 (a segment without rows has
 *     no measurement); the KPI gets the worst segment status (R10) — the contract demands each.
 * R10 Severity, worst first: ikke opfyldt, i risiko, ingen data, delvist opfyldt, på vej,
 *     afventer måling, opfyldt. "ingen data" ranks above "på vej": a result that could be known
 *     but is not registered cannot be reported as met.
 * R11 A goal's parts are its KPIs; for a parent goal (9) they are its sub-goals with KPIs, each judged by R11.
 *     All parts "opfyldt" → "opfyldt". No part "opfyldt" → the worst part (R10). Some "opfyldt" and
 *     some not → "delvist opfyldt", and the reason counts them and names the rest ("3 af 4 delmål
 *     opfyldt; 9d ingen data"). A goal with no parts → "ingen data". The overview counts goals the
 *     same way.
 * R12 The contract period: after the contract's last day (validTo) the verdicts are final; the
 *     cards say so (features/status). The rules above need nothing else for that: windows and
 *     horizons come from the contract, so after they pass only opfyldt, ikke opfyldt and ingen data
 *     remain — or "afventer måling" for targets the contract itself places later (1b, 6c: 2023).
 */

export const SEVERITY_ORDER: readonly Status[] = ['ikke opfyldt', 'i risiko', 'ingen data', 'delvist opfyldt', 'på vej', 'afventer måling', 'opfyldt'];

/** R6: how far below target a numeric KPI may be before the due date and still be "på vej". */
export const NEAR_TARGET_POINTS = 3;
export const NEAR_TARGET_COUNT_FRACTION = 0.1;
/** R7: a milestone with this many days or fewer left is "i risiko". */
export const MILESTONE_RISK_DAYS = 60;

export interface SegmentStatus {
  segment: Segment;
  verdict: StatusVerdict;
  latest: Measurement | null;
}

export type KpiStatus = StatusVerdict & {
  kpiId: string;
  /** The newest row that counts (for a segmented KPI: the newest among the segments' rows). */
  latest: Measurement | null;
  /** One entry per segment of the KPI, in the KPI's order; empty for KPIs without segments. */
  segments: SegmentStatus[];
};

export type GoalStatus = StatusVerdict & { goalId: string; kpis: KpiStatus[] };

/** Verdicts that need an explanation to KKR: every one but met and on course (the state's convention: explain what was not met). */
export function needsExplanation(status: Status): boolean {
  return status !== 'opfyldt' && status !== 'på vej';
}

/** R10: negative when `a` is worse than `b`. */
export function compareSeverity(a: Status, b: Status): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

/** R10: the worst of some statuses, or null for none. */
export function worstStatus(statuses: readonly Status[]): Status | null {
  return statuses.reduce<Status | null>((worst, s) => (worst === null || compareSeverity(s, worst) < 0 ? s : worst), null);
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

function daysBetween(fromIso: string, toIso: string): number {
  const ms = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((ms(toIso) - ms(fromIso)) / 86_400_000);
}

/** R1 (usable value part). */
function hasUsableValue(kpi: Kpi, m: Measurement): boolean {
  return isDoneKind(kpi) ? typeof m.done === 'boolean' : typeof m.value === 'number' && Number.isFinite(m.value);
}

/**
 * R1 as the store reads it (MeasurementStore.statusRows): per KPI its window and the field that
 * makes a row usable, so the store returns only the rows these rules look at.
 */
export function statusKpiQueries(kpis: readonly Kpi[]): StatusKpiQuery[] {
  return kpis.map((k) => {
    // Asked on every submission: one query per KPI (contracts are loaded once and never change).
    let q = queryOf.get(k);
    if (q === undefined) {
      q = Object.freeze({
        kpiId: k.id,
        window: { from: k.window.from, to: k.window.to },
        usable: isDoneKind(k) ? 'done' : 'value',
        baselines: k.baselines.map((b) => ({ ...baselinePeriod(b), measuredOn: b.measuredOn })),
      });
      queryOf.set(k, q);
    }
    return q;
  });
}
const queryOf = new WeakMap<Kpi, StatusKpiQuery>();

/** R1: the period a baseline is about (its label read as a period, else the day it was measured). */
function baselinePeriod(b: Pick<Kpi['baselines'][number], 'label' | 'measuredOn'>): PeriodRange {
  return parsePeriod(b.label) ?? { from: b.measuredOn, to: b.measuredOn };
}

/** Milestones and duties are registered as done / not done rather than as a number. */
export function isDoneKind(kpi: Pick<Kpi, 'kind'>): boolean {
  return kpi.kind === 'milestone' || kpi.kind === 'duty';
}

/** R0: the period a row describes; a text the reader does not know counts as the day it was measured. */
export function rowPeriod(m: Pick<Measurement, 'period' | 'measuredOn'>): PeriodRange {
  return parsePeriod(m.period) ?? { from: m.measuredOn, to: m.measuredOn };
}

/** How a row stands to a KPI's target (R1): it counts, it is the baseline measurement, or it is from another period. */
export type RowStanding = { kind: 'counts' } | { kind: 'baseline'; baselineValue: number; matches: boolean } | { kind: 'outside' };

/** R1: whether a row's period lies in the KPI's window, is one of its baselines' periods, or neither. */
export function classifyRow(kpi: Pick<Kpi, 'window' | 'baselines'>, m: Pick<Measurement, 'period' | 'measuredOn' | 'value'>): RowStanding {
  return classifyPeriod(kpi, rowPeriod(m), m);
}

/** classifyRow for a period already read (a form being validated). */
export function classifyPeriod(kpi: Pick<Kpi, 'window' | 'baselines'>, period: PeriodRange, m: Pick<Measurement, 'measuredOn' | 'value'>): RowStanding {
  if (periodWithin(period, kpi.window)) return { kind: 'counts' };
  for (const b of kpi.baselines) {
    if (periodWithin(period, baselinePeriod(b)) || m.measuredOn === b.measuredOn) {
      return { kind: 'baseline', baselineValue: b.value, matches: m.value !== null && round6(m.value) === round6(b.value) };
    }
  }
  return { kind: 'outside' };
}

/** R2: newer first by measuredOn, then id. */
function isNewer(a: Measurement, b: Measurement): boolean {
  return a.measuredOn !== b.measuredOn ? a.measuredOn > b.measuredOn : a.id > b.id;
}

function newest(rows: readonly Measurement[]): Measurement | null {
  return rows.reduce<Measurement | null>((best, m) => (best === null || isNewer(m, best) ? m : best), null);
}

/** The number compared with the target: the value, or for pp_change the change against the primary baseline (R3). */
function comparedValue(kpi: Kpi, value: number): number {
  if (kpi.kind !== 'pp_change') return value;
  return round6(value - (primaryBaselineValue(kpi) ?? 0));
}

/** R3. */
export function meetsTarget(kpi: Kpi, m: Measurement): boolean {
  if (kpi.comparator === 'done') return m.done === true; // milestones and duties
  if (m.value === null || kpi.target === null) return false;
  const v = round6(comparedValue(kpi, m.value));
  const t = round6(kpi.target);
  return kpi.comparator === 'gt' ? v > t : v >= t;
}

/** R6 tolerance in the target's unit. */
function tolerance(kpi: Kpi): number {
  if (kpi.kind === 'count') return Math.ceil(round6(Math.abs(kpi.target ?? 0) * NEAR_TARGET_COUNT_FRACTION));
  return NEAR_TARGET_POINTS;
}

/** A verdict with its reason as data and, as `reason`, in Danish (core/status-reason.ts). */
function verdictOf(status: Status, why: StatusReason): StatusVerdict {
  return { status, reason: statusReasonText(why), why };
}

/** R1–R8 for one KPI (or one segment of it), given the rows that count for it. */
function judge(kpi: Kpi, rows: readonly Measurement[], today: string): { verdict: StatusVerdict; latest: Measurement | null } {
  const latest = newest(rows);
  const windowOver = today > kpi.window.to;

  if (latest === null) {
    // R8
    return { latest, verdict: today <= kpi.horizon.date ? verdictOf('afventer måling', { kind: 'awaiting', kpi }) : verdictOf('ingen data', { kind: 'no-data', kpi }) };
  }

  if (kpi.kind === 'duty') {
    // R7a
    if (latest.done === true) return { latest, verdict: verdictOf('opfyldt', { kind: 'duty-kept', kpi, on: latest.measuredOn }) };
    return { latest, verdict: verdictOf('ikke opfyldt', { kind: 'duty-broken', kpi, on: latest.measuredOn }) };
  }

  if (kpi.kind === 'milestone') {
    if (latest.done === true) return { latest, verdict: verdictOf('opfyldt', { kind: 'milestone-reached', on: latest.measuredOn }) }; // R4
    // R7
    if (windowOver) return { latest, verdict: verdictOf('ikke opfyldt', { kind: 'milestone-missed', kpi }) };
    const days = daysBetween(today, kpi.window.to);
    const risk = days <= MILESTONE_RISK_DAYS;
    return { latest, verdict: verdictOf(risk ? 'i risiko' : 'på vej', { kind: 'milestone-open', kpi, daysLeft: days, risk }) };
  }

  const value = latest.value as number; // R1 guarantees a number here
  const measured = { kind: 'measured', kpi, value, change: kpi.kind === 'pp_change' ? comparedValue(kpi, value) : null, measuredOn: latest.measuredOn } as const;
  if (meetsTarget(kpi, latest)) return { latest, verdict: verdictOf('opfyldt', { ...measured, verdict: { kind: 'met' } }) }; // R4
  if (windowOver) return { latest, verdict: verdictOf('ikke opfyldt', { ...measured, verdict: { kind: 'window-over' } }) }; // R5
  // R6
  const gap = round6((kpi.target ?? 0) - comparedValue(kpi, value));
  const status: Status = gap <= tolerance(kpi) ? 'på vej' : 'i risiko';
  return { latest, verdict: verdictOf(status, { ...measured, verdict: { kind: 'gap', gap } }) };
}

/** Short per-segment clause for the KPI's summary line: "drift: 82 % opfyldt". */
function segmentClause(kpi: Kpi, s: SegmentStatus): SegmentClause {
  const m = s.latest;
  if (m === null) return { segment: s.segment, kind: 'none' };
  if (isDoneKind(kpi)) return { segment: s.segment, kind: 'done', done: m.done === true };
  const value = m.value as number;
  if (s.verdict.status === 'opfyldt') return { segment: s.segment, kind: 'value', value, state: 'met' };
  const gap = round6((kpi.target ?? 0) - comparedValue(kpi, value));
  return { segment: s.segment, kind: 'value', value, state: gap <= 0 ? 'at-limit' : 'below' };
}

/** The status of one KPI on `today` from all its measurements (R1–R10). */
export function kpiStatus(kpi: Kpi, measurements: readonly Measurement[], today: string): KpiStatus {
  // Dates are compared as strings, which is only right for the exact YYYY-MM-DD form.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today skal være ÅÅÅÅ-MM-DD, fik "${today}"`);
  const rows = effectiveMeasurements(measurements).filter(
    (m) => m.kpiId === kpi.id && m.measuredOn <= today && hasUsableValue(kpi, m) && classifyRow(kpi, m).kind === 'counts',
  ); // R1

  if (kpi.segments.length === 0) {
    const { verdict, latest } = judge(kpi, rows, today);
    return { kpiId: kpi.id, ...verdict, latest, segments: [] };
  }

  // R9
  const segments: SegmentStatus[] = kpi.segments.map((segment) => {
    const { verdict, latest } = judge(kpi, rows.filter((m) => m.segment === segment), today);
    return { segment, verdict, latest };
  });
  const status = worstStatus(segments.map((s) => s.verdict.status)) as Status; // segments is non-empty here
  const noneMeasured = segments.every((s) => s.latest === null);
  // With no rows at all, the segments share one reason (afventer / ingen data); say it once.
  const { reason, why } = noneMeasured ? segments[0].verdict : verdictOf(status, { kind: 'segments', kpi, clauses: segments.map((s) => segmentClause(kpi, s)) });
  const latest = newest(segments.flatMap((s) => (s.latest ? [s.latest] : [])));
  return { kpiId: kpi.id, status, reason, why, latest, segments };
}

/** One part of a goal for R11: a KPI's or a sub-goal's status under its id. */
export interface StatusPart {
  id: string;
  status: Status;
  reason: string;
  why: StatusReason;
}

/**
 * R11 over some parts: opfyldt when all are, the worst when none is, "delvist opfyldt" when mixed.
 * `noun` names the parts in the reason ("delmål", "målepunkter").
 */
export function aggregateStatus(parts: readonly StatusPart[], noun: PartNoun): StatusVerdict | null {
  const worst = worstStatus(parts.map((p) => p.status));
  if (worst === null) return null;
  if (parts.length === 1) return { status: worst, reason: parts[0].reason, why: parts[0].why };
  const met = parts.filter((p) => p.status === 'opfyldt').length;
  const rest = [...parts]
    .filter((p) => p.status !== 'opfyldt')
    .sort((a, b) => compareSeverity(a.status, b.status))
    .map((p) => ({ id: p.id, status: p.status }));
  const status: Status = met === parts.length ? 'opfyldt' : met === 0 ? worst : 'delvist opfyldt';
  return verdictOf(status, { kind: 'parts', noun, total: parts.length, met, rest });
}

/** The status of a goal from its own KPIs (R11), with a one-line summary. */
export function goalStatus(goal: Pick<Goal, 'id'>, kpis: readonly Kpi[], measurements: readonly Measurement[], today: string): GoalStatus {
  const statuses = kpis.map((k) => kpiStatus(k, measurements, today));
  const verdict = aggregateStatus(
    statuses.map((s) => ({ id: s.kpiId, status: s.status, reason: s.reason, why: s.why })),
    'målepunkter',
  );
  if (verdict === null) return { goalId: goal.id, ...verdictOf('ingen data', { kind: 'no-parts', noun: 'målepunkter' }), kpis: [] };
  return { goalId: goal.id, ...verdict, kpis: statuses };
}

/**
 * The status of a parent goal (9) from its sub-goals (R11): each sub-goal is judged on its own
 * KPIs, then the parent counts sub-goals. `kpis` lists every KPI judged, sub-goal by sub-goal.
 */
export function parentGoalStatus(goal: Pick<Goal, 'id'>, children: readonly { goal: Pick<Goal, 'id'>; kpis: readonly Kpi[] }[], measurements: readonly Measurement[], today: string): GoalStatus & { children: GoalStatus[] } {
  // A sub-goal without KPIs cannot be measured at all; it is not counted as missing data.
  const childStatuses = children.filter((c) => c.kpis.length > 0).map((c) => goalStatus(c.goal, c.kpis, measurements, today));
  const verdict = aggregateStatus(
    childStatuses.map((c) => ({ id: c.goalId, status: c.status, reason: c.reason, why: c.why })),
    'delmål',
  );
  const kpis = childStatuses.flatMap((c) => c.kpis);
  if (verdict === null) return { goalId: goal.id, ...verdictOf('ingen data', { kind: 'no-parts', noun: 'delmål' }), kpis, children: childStatuses };
  return { goalId: goal.id, ...verdict, kpis, children: childStatuses };
}
