import type { Segment } from '../goals/contract-schema';

/**
 * One recorded measurement of a KPI. Rows are append-only: a correction is a new row
 * that names the row it supersedes; nothing is updated or deleted.
 */
export interface Measurement {
  /** Store-assigned, increasing in insertion order. */
  id: number;
  contractId: string;
  kpiId: string;
  /** Numeric value in the KPI's unit; null for milestones. */
  value: number | null;
  /** Milestones only: true = done, false = not done yet; null for numeric KPIs. */
  done: boolean | null;
  /** Set when the KPI's target applies per segment. */
  segment: Segment | null;
  /** The period the value describes, in Danish ("efterår 2021", "2021"). */
  period: string;
  /** ISO date (YYYY-MM-DD) the measurement was taken or published. */
  measuredOn: string;
  /** Who produced it, e.g. "Erhvervsstyrelsen (spørgeskemaundersøgelse)", "CRM". */
  source: string;
  /** Free text: evidence for a milestone, or a comment. */
  note: string | null;
  /** When the row was stored (ISO timestamp, UTC). */
  recordedAt: string;
  /** Who stored it (UPN, Entra object id, "import", "demo-seed"). */
  recordedBy: string;
  /** Demo data from `npm run seed:demo`, shown as such on cards. */
  demo: boolean;
}

/** What a caller provides; the store assigns id and recordedAt. */
export type NewMeasurement = Omit<Measurement, 'id' | 'recordedAt'> & { recordedAt?: string };
