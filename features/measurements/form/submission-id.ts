/**
 * Submission ids are issued by the server when it renders a form (a random UUID in the action's
 * data). They are idempotency keys, not credentials: every submit is still checked for the role,
 * and a forged or reused id can at most return someone's confirmation of a measurement that
 * everyone may read anyway. So issued ids are not recorded; only their shape is checked, and the
 * store keeps each id once (a UNIQUE column) — in canonical form, so a re-cased id is the same one.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one form a submission id is compared and stored in: lower case (a UUID's hex digits are
 * case-insensitive, so `ABC…` and `abc…` are the same submission), or undefined when it is not one.
 */
export function canonicalSubmissionId(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}
