import type { Kpi, Segment } from '../goals/contract-schema';

/**
 * The honest status vocabulary. Values are the Danish words directors see.
 * Rules that pick one live in core/status-rules.ts (documented there, one place).
 */
export const STATUSES = ['opfyldt', 'delvist opfyldt', 'på vej', 'i risiko', 'ikke opfyldt', 'afventer måling', 'ingen data'] as const;
export type Status = (typeof STATUSES)[number];

/** The status words of an English answer; the values above stay the Danish words. */
export const ENGLISH_STATUS: Record<Status, string> = {
  opfyldt: 'met',
  'delvist opfyldt': 'partly met',
  'på vej': 'on track',
  'i risiko': 'at risk',
  'ikke opfyldt': 'not met',
  'afventer måling': 'awaiting measurement',
  'ingen data': 'no data',
};

export interface StatusVerdict {
  status: Status;
  /** One line of Danish, e.g. "Seneste måling 35 % (sep. 2021) mod mål 37 %": core/status-reason.ts `statusReasonText(why)`. */
  reason: string;
  /** The same reason as data, to be said in another language. */
  why: StatusReason;
}

/** What a reason needs to know of its KPI to be said in words. */
export type ReasonKpi = Pick<Kpi, 'kind' | 'comparator' | 'target' | 'unit' | 'baselines' | 'window' | 'horizon'>;

/** How a segment stands in a segmented KPI's summary line ("drift: 82 % opfyldt"). */
export type SegmentClause =
  | { segment: Segment; kind: 'none' }
  | { segment: Segment; kind: 'done'; done: boolean }
  | { segment: Segment; kind: 'value'; value: number; state: 'met' | 'at-limit' | 'below' };

/** The parts a goal counts (R11): its KPIs, or a parent goal's sub-goals. The Danish nouns are values, as statuses are. */
export type PartNoun = 'målepunkter' | 'delmål';

/**
 * Why a verdict is what it is (core/status-rules.ts R4–R11), as data: one kind per rule that
 * decides, with the numbers it decided on. core/status-reason.ts `statusReasonText` says it in Danish (the verdict's
 * `reason`, which the report and reminders use) or in English (cards for an English question).
 */
export type StatusReason =
  | { kind: 'awaiting'; kpi: ReasonKpi } // R8, before the horizon
  | { kind: 'no-data'; kpi: ReasonKpi } // R8, after it
  | { kind: 'duty-kept'; kpi: ReasonKpi; on: string } // R7a
  | { kind: 'duty-broken'; kpi: ReasonKpi; on: string }
  | { kind: 'milestone-reached'; on: string } // R4
  | { kind: 'milestone-missed'; kpi: ReasonKpi } // R7, the window is over
  | { kind: 'milestone-open'; kpi: ReasonKpi; daysLeft: number; risk: boolean } // R7
  /** R4–R6: the newest number against the target; `change` is a pp_change's change against its baseline. */
  | { kind: 'measured'; kpi: ReasonKpi; value: number; change: number | null; measuredOn: string; verdict: { kind: 'met' } | { kind: 'window-over' } | { kind: 'gap'; gap: number } }
  | { kind: 'segments'; kpi: ReasonKpi; clauses: SegmentClause[] } // R9
  | { kind: 'parts'; noun: PartNoun; total: number; met: number; rest: Array<{ id: string; status: Status }> } // R11
  | { kind: 'no-parts'; noun: PartNoun };

