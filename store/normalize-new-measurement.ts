import type { Measurement, NewMeasurement } from '../core/measurement';
import { segmentSchema } from '../goals/contract-schema';

/** A row the store refuses to write; callers validate at the edge, this is the last line. */
export class InvalidMeasurementError extends Error {
  readonly code = 'INVALID_MEASUREMENT';
  constructor(
    readonly field: keyof NewMeasurement,
    detail: string,
  ) {
    super(`Invalid measurement: ${field} ${detail}`);
    this.name = 'InvalidMeasurementError';
  }
}

/**
 * A NewMeasurement as both stores write it: checked, recordedAt set as ISO UTC with milliseconds,
 * and every optional audit field present (null when the caller left it out).
 */
export type NormalizedMeasurement = Omit<Measurement, 'id' | 'previousId' | 'previousValue' | 'previousDone'>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls 2021-02-30 over to March; a real date survives the round trip.
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function nonEmpty(m: NewMeasurement, field: 'contractId' | 'kpiId' | 'period' | 'source' | 'recordedBy'): void {
  if (typeof m[field] !== 'string' || m[field].trim() === '') {
    throw new InvalidMeasurementError(field, 'must be a non-empty string');
  }
}

/**
 * Checks a row before it is written and fixes recordedAt: the caller's value (an import keeps
 * the original time) or `now`, always rendered as `toISOString()` so both databases return the same text.
 */
export function normalizeNewMeasurement(m: NewMeasurement, now: Date): NormalizedMeasurement {
  nonEmpty(m, 'contractId');
  nonEmpty(m, 'kpiId');
  nonEmpty(m, 'period');
  nonEmpty(m, 'source');
  nonEmpty(m, 'recordedBy');
  if (m.value !== null && !(typeof m.value === 'number' && Number.isFinite(m.value))) {
    throw new InvalidMeasurementError('value', 'must be a finite number or null');
  }
  if (m.done !== null && typeof m.done !== 'boolean') {
    throw new InvalidMeasurementError('done', 'must be true, false or null');
  }
  if (m.segment !== null && !segmentSchema.safeParse(m.segment).success) {
    throw new InvalidMeasurementError('segment', `must be null or one of ${segmentSchema.options.join(', ')}`);
  }
  if (typeof m.measuredOn !== 'string' || !isCalendarDate(m.measuredOn)) {
    throw new InvalidMeasurementError('measuredOn', 'must be a calendar date YYYY-MM-DD');
  }
  if (m.note !== null && typeof m.note !== 'string') {
    throw new InvalidMeasurementError('note', 'must be a string or null');
  }
  for (const field of ['conversationId', 'recordedByName', 'recordedByUpn', 'evidence'] as const) {
    const v = m[field];
    if (v !== undefined && v !== null && typeof v !== 'string') throw new InvalidMeasurementError(field, 'must be a string or null');
  }
  if (m.submissionId !== undefined && m.submissionId !== null && (typeof m.submissionId !== 'string' || m.submissionId.trim() === '' || m.submissionId.length > 200)) {
    throw new InvalidMeasurementError('submissionId', 'must be null or a non-empty string of at most 200 characters');
  }
  if (m.supersedesId !== undefined && m.supersedesId !== null && !(Number.isSafeInteger(m.supersedesId) && m.supersedesId > 0)) {
    throw new InvalidMeasurementError('supersedesId', 'must be null or a positive integer (a row id)');
  }
  if (typeof m.demo !== 'boolean') {
    throw new InvalidMeasurementError('demo', 'must be a boolean');
  }
  let recordedAt = now;
  if (m.recordedAt !== undefined) {
    // Only full timestamps with a zone: a bare date or local time would be read in the server's zone.
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(m.recordedAt);
    recordedAt = new Date(m.recordedAt);
    if (!ok || Number.isNaN(recordedAt.getTime())) {
      throw new InvalidMeasurementError('recordedAt', 'must be an ISO timestamp with a time zone');
    }
  }
  if (Number.isNaN(recordedAt.getTime())) {
    throw new InvalidMeasurementError('recordedAt', 'clock returned an invalid date');
  }
  return {
    contractId: m.contractId,
    kpiId: m.kpiId,
    value: m.value,
    done: m.done,
    segment: m.segment,
    period: m.period,
    measuredOn: m.measuredOn,
    source: m.source,
    note: m.note,
    recordedAt: recordedAt.toISOString(),
    recordedBy: m.recordedBy,
    demo: m.demo,
    submissionId: m.submissionId ?? null,
    supersedesId: m.supersedesId ?? null,
    conversationId: m.conversationId ?? null,
    recordedByName: m.recordedByName ?? null,
    recordedByUpn: m.recordedByUpn ?? null,
    evidence: m.evidence ?? null,
  };
}
