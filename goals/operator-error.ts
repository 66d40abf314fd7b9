/**
 * An error written for whoever runs Målbot (bad configuration, a data file that cannot be used,
 * an unreadable DATABASE_URL): its message says what is wrong and how to fix it, so it is printed
 * plainly, without a stack. `code` is a stable name for scripts and tests; the message may change.
 * It lives in goals/, the ground floor, so that goals/ and every layer above may extend it.
 */
export abstract class OperatorError extends Error {
  abstract readonly code: string;
}
