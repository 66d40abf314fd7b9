import { GraphError } from '@microsoft/microsoft-graph-client';
import { retryAfterMs } from '../core/retry-after';
import { RETRYABLE_STATUS_CODES } from './graph-retry-middleware';

/**
 * A Graph call that failed after the retry middleware gave up. Callers branch on the typed
 * fields, never on the message: `transient` (429, 5xx, network — worth trying again later, after
 * `retryAfterMs` if Graph said so) or not (4xx — trying again will not help).
 */
export class GraphRequestError extends Error {
  readonly transient: boolean;

  constructor(
    /** What we tried, for the operator: "sendActivityNotification", "calendarView", … */
    readonly operation: string,
    /** undefined when no HTTP response arrived (network failure). */
    readonly statusCode: number | undefined,
    /** Graph's error.code, e.g. "ErrorItemNotFound", "Forbidden". */
    readonly graphCode: string | undefined,
    readonly retryAfterMs: number | undefined,
    detail: string,
  ) {
    super(`Microsoft Graph ${operation} fejlede${statusCode === undefined ? ' (intet svar)' : ` med HTTP ${statusCode}`}${graphCode ? ` ${graphCode}` : ''}: ${detail}`);
    this.name = 'GraphRequestError';
    this.transient = statusCode === undefined || RETRYABLE_STATUS_CODES.has(statusCode);
  }
}

/**
 * 403/404 from sendActivityNotification: the app is not installed for the user (or may not
 * notify them), or the user no longer exists. Sending again will not help; the delivery layer
 * stops notifying that person and logs it. `permanent` is the flag it checks.
 */
export class PermanentGraphError extends GraphRequestError {
  readonly permanent = true;

  constructor(operation: string, statusCode: number, graphCode: string | undefined, detail: string) {
    super(operation, statusCode, graphCode, undefined, detail);
    this.name = 'PermanentGraphError';
  }
}

const PERMANENT_FOR_RECIPIENT = new Set([403, 404, 410]);

/**
 * Converts whatever the Graph client threw into a GraphRequestError. With `recipientScoped`,
 * 403/404/410 become PermanentGraphError (they are about the addressed user, not about us).
 */
export function toGraphRequestError(operation: string, err: unknown, now: Date, options: { recipientScoped?: boolean } = {}): GraphRequestError {
  if (err instanceof GraphRequestError) return err;
  if (err instanceof GraphError) {
    // The client reports "no response" as statusCode -1 (or leaves it unset). A 2xx that still
    // failed was cut off (or timed out) while its body was read: that too is no complete answer.
    const answered = typeof err.statusCode === 'number' && err.statusCode > 0 && !(err.statusCode >= 200 && err.statusCode < 300);
    const status = answered ? (err.statusCode as number) : undefined;
    const code = err.code ?? undefined;
    const detail = err.message || (status === undefined ? String(err.body ?? 'ingen detaljer') : 'ingen detaljer');
    if (status !== undefined && options.recipientScoped === true && PERMANENT_FOR_RECIPIENT.has(status)) {
      return new PermanentGraphError(operation, status, code, detail);
    }
    return new GraphRequestError(operation, status, code, retryAfterMs(err.headers?.get('Retry-After'), now), detail);
  }
  return new GraphRequestError(operation, undefined, undefined, undefined, err instanceof Error ? err.message : String(err));
}
