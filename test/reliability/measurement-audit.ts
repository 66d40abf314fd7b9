import assert from 'node:assert/strict';
import type { Measurement } from '../../core/measurement';
import { STAFF, STAFF_CONVERSATION, type PlannedSubmission, type SendResult } from './submission-storm';

/**
 * What a crash must never leave behind in `measurements`, checked row by row:
 *  - a row whose submission was never sent, or two rows for one submission;
 *  - a row that differs from what was submitted (KPI, segment, value or milestone flag, dates);
 *  - a half-written audit trail: who, their name, the conversation, when, the submission id;
 *  - a "previous value" that is not the series' latest row before it (the R2 order: measured date,
 *    then id) — the check that the read and the insert happened in one transaction.
 */
export function assertRowsComplete(rows: readonly Measurement[], sent: ReadonlyMap<string, PlannedSubmission>): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const where = `row ${row.id} (${row.submissionId})`;
    assert.ok(row.submissionId !== null, `${where}: no submission id`);
    assert.ok(!seen.has(row.submissionId), `${where}: a second row for the same submission`);
    seen.add(row.submissionId);
    const plan = sent.get(row.submissionId);
    assert.ok(plan !== undefined, `${where}: stored, but no such submission was sent`);
    assert.deepEqual(
      { kpiId: row.kpiId, segment: row.segment, value: row.value, done: row.done, measuredOn: row.measuredOn, period: row.period },
      plan.expected,
      `${where}: not what was submitted`,
    );
    assert.deepEqual(
      [row.recordedBy, row.recordedByName, row.conversationId, row.supersedesId, row.demo],
      [STAFF.fromAadObjectId, STAFF.fromName, STAFF_CONVERSATION, null, false],
      `${where}: audit fields`,
    );
    assert.ok(!Number.isNaN(Date.parse(row.recordedAt)), `${where}: recordedAt ${row.recordedAt}`);
    if (row.kpiId === '9c') assert.equal(row.evidence !== null, row.done === true, `${where}: evidence goes with a reached milestone`);
    else assert.equal(row.evidence, null, `${where}: evidence only on milestones`);

    const before = rows.filter((r) => r.id < row.id && r.contractId === row.contractId && r.kpiId === row.kpiId && r.segment === row.segment);
    const latest = before.reduce<Measurement | undefined>(
      (best, r) => (best === undefined || r.measuredOn > best.measuredOn || (r.measuredOn === best.measuredOn && r.id > best.id) ? r : best),
      undefined,
    );
    assert.deepEqual(
      [row.previousId, row.previousValue, row.previousDone],
      [latest?.id ?? null, latest?.value ?? null, latest?.done ?? null],
      `${where}: the previous value is not the series' latest row before it`,
    );
  }
}

export interface SubmissionTally {
  /** Distinct submissions whose send got a confirmation (at least once). */
  acknowledged: number;
  /** Distinct submissions sent but never confirmed (the process died first). */
  unacknowledged: number;
  /** Of those, already stored before the replay (committed, then killed before answering). */
  unacknowledgedButStored: number;
}

/**
 * Every acknowledged submission is stored exactly once, as the row its confirmation named; an
 * unacknowledged one is absent or stored once (then complete, checked by assertRowsComplete).
 */
export function assertAcknowledgedStoredOnce(rows: readonly Measurement[], results: readonly SendResult[]): SubmissionTally {
  const bySubmission = new Map<string, Measurement[]>();
  for (const r of rows) bySubmission.set(r.submissionId!, [...(bySubmission.get(r.submissionId!) ?? []), r]);
  const acked = new Map<string, number>();
  for (const r of results) {
    if (!r.acknowledged) continue;
    const stored = bySubmission.get(r.submission.submissionId) ?? [];
    assert.equal(stored.length, 1, `acknowledged submission ${r.submission.submissionId} is stored ${stored.length} times`);
    assert.equal(stored[0]!.id, r.rowId, `the confirmation named row ${r.rowId}, the store has ${stored[0]!.id}`);
    const other = acked.get(r.submission.submissionId);
    assert.ok(other === undefined || other === r.rowId, 'two confirmations of one submission name different rows');
    acked.set(r.submission.submissionId, r.rowId!);
  }
  const unacked = new Set(results.filter((r) => !acked.has(r.submission.submissionId)).map((r) => r.submission.submissionId));
  let stored = 0;
  for (const id of unacked) {
    const n = bySubmission.get(id)?.length ?? 0;
    assert.ok(n <= 1, `unacknowledged submission ${id} is stored ${n} times`);
    stored += n;
  }
  return { acknowledged: acked.size, unacknowledged: unacked.size, unacknowledgedButStored: stored };
}
