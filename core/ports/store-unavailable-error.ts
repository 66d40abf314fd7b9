/**
 * The store refused a write because it could not be made durable: the SQLite file was deleted or
 * replaced under the running process, the disk is full or read-only, the database is read-only.
 * Thrown instead of confirming a save that a restart would lose. The store has already logged
 * the operator's line with `reference`; the user sees a short Danish message with the same
 * reference. `problem` is for operators and tests, never shown.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly problem: 'file-gone' | 'file-replaced' | 'not-writable',
    readonly reference: string,
  ) {
    super(`store refused a write: ${problem} (reference ${reference})`);
    this.name = 'StoreUnavailableError';
  }
}
