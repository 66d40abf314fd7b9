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
  /** Free text: a comment (for rows from older versions also a milestone's evidence). */
  note: string | null;
  /** When the row was stored (ISO timestamp, UTC). */
  recordedAt: string;
  /** Who stored it (Entra object id, UPN, "import", "demo-seed"). */
  recordedBy: string;
  /** Demo data from `npm run seed:demo`, shown as such on cards. */
  demo: boolean;

  // ---- Audit (migration 2). Null on rows that did not come through a form or an import.
  /** The server-issued id of the form submission (or import line) that stored the row; unique. */
  submissionId: string | null;
  /** The row this one corrects ("ret måling"); that row then no longer counts anywhere. */
  supersedesId: number | null;
  /** The Teams conversation the form was submitted from. */
  conversationId: string | null;
  /** The display name of recordedBy at the time, as Teams sent it. */
  recordedByName: string | null;
  /** The UPN of recordedBy, when it was known (looked up for UPN allow-lists). */
  recordedByUpn: string | null;
  /** Milestones: what documents it (free text typed with the form or import). */
  evidence: string | null;
  /**
   * The row that counted for the same KPI and segment when this one was stored (for a
   * correction: the corrected row), with its value — set by the store in the same transaction.
   */
  previousId: number | null;
  previousValue: number | null;
  previousDone: boolean | null;
}

/** Fields the store sets itself while writing (never taken from the caller). */
export type StoreSetMeasurementFields = 'id' | 'recordedAt' | 'previousId' | 'previousValue' | 'previousDone';

/** The audit fields a caller may leave out (older callers, demo seed); they are stored as null. */
export type OptionalAuditFields = 'submissionId' | 'supersedesId' | 'conversationId' | 'recordedByName' | 'recordedByUpn' | 'evidence';

/** What a caller provides; the store assigns id, recordedAt (unless given) and the previous* fields. */
export type NewMeasurement = Omit<Measurement, StoreSetMeasurementFields | OptionalAuditFields> &
  Partial<Pick<Measurement, OptionalAuditFields>> & { recordedAt?: string };

/**
 * The rows that still count: every row minus those a later correction superseded.
 * Order is kept.
 */
export function effectiveMeasurements<T extends Pick<Measurement, 'id' | 'supersedesId'>>(rows: readonly T[]): T[] {
  const superseded = new Set<number>();
  for (const r of rows) if (r.supersedesId !== null && r.supersedesId !== undefined) superseded.add(r.supersedesId);
  return superseded.size === 0 ? [...rows] : rows.filter((r) => !superseded.has(r.id));
}
