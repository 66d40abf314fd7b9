/**
 * Why a delivery failed, as the fan-out needs to know it:
 *  - permanent: the target is gone (403 bot removed / not in roster, 404 conversation gone) →
 *    deactivate it, never retry;
 *  - transient: 429, 412, 502, 503, 504 or no response → retry after `retryAfterMs` or a backoff;
 *  - failed: anything else (400, 401, 413 too big, 500 …) → give up on this one, log it.
 * Senders (teams/bot-framework-proactive-sender.ts, the Graph activity-feed notifier) throw these or errors
 * carrying the same flags; classifyDeliveryFailure turns either into a DeliveryError.
 */
export type DeliveryFailureKind = 'permanent' | 'transient' | 'failed';

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    /** undefined when no HTTP response arrived. */
    readonly statusCode: number | undefined,
    /** From the Retry-After header, when the service sent one. */
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Teams' documented retryable statuses ("Handle rate limits for bots"). */
export const RETRYABLE_STATUS_CODES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);
/** The target no longer reaches anyone. */
export const PERMANENT_STATUS_CODES: ReadonlySet<number> = new Set([403, 404]);

export function deliveryErrorForStatus(statusCode: number, retryAfterMs: number | undefined, detail: string): DeliveryError {
  const kind: DeliveryFailureKind = PERMANENT_STATUS_CODES.has(statusCode) ? 'permanent' : RETRYABLE_STATUS_CODES.has(statusCode) ? 'transient' : 'failed';
  return new DeliveryError(kind, statusCode, retryAfterMs, `HTTP ${statusCode}: ${detail}`);
}

/**
 * Any error from a sender → DeliveryError. Errors from other ports are read by their typed flags
 * (`permanent: true`, `transient: boolean`, `statusCode`, `retryAfterMs` — what the Graph
 * notifier's errors carry), never by their message.
 */
export function classifyDeliveryFailure(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { permanent?: unknown; transient?: unknown; statusCode?: unknown; retryAfterMs?: unknown; message?: unknown };
  const statusCode = typeof e.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : undefined;
  const retryAfterMs = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.permanent === true) return new DeliveryError('permanent', statusCode, undefined, message);
  if (e.transient === true) return new DeliveryError('transient', statusCode, retryAfterMs, message);
  if (e.transient === false) return new DeliveryError('failed', statusCode, undefined, message);
  if (statusCode !== undefined) return deliveryErrorForStatus(statusCode, retryAfterMs, message);
  return new DeliveryError('failed', undefined, undefined, message);
}
