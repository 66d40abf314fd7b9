/**
 * A correction the store refuses: the row it names is unknown (or belongs to another contract),
 * measures another KPI or segment, or was already corrected by another row. Corrections form a
 * chain, never a fork: correct the newest version instead. Callers turn `problem` into Danish.
 */
export type CorrectionProblem = 'unknown-row' | 'other-series' | 'already-corrected';

export class CorrectionConflictError extends Error {
  readonly code = 'CORRECTION_CONFLICT';
  constructor(
    readonly problem: CorrectionProblem,
    readonly supersedesId: number,
    /** For 'already-corrected': the row that corrected it first. */
    readonly correctedById?: number,
  ) {
    super(`Correction of measurement ${supersedesId} refused: ${problem}${correctedById !== undefined ? ` (corrected by ${correctedById})` : ''}`);
    this.name = 'CorrectionConflictError';
  }
}
