export interface BackoffOptions {
  /** First backoff when the service named no Retry-After. Default 1 000 ms. */
  baseMs: number;
  /** Largest backoff. Default 30 000 ms. */
  maxMs: number;
  /** A Retry-After above this is cut to it, so one answer cannot stall a fan-out. Default 60 000 ms. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000, maxRetryAfterMs: 60_000 };

/**
 * How long to wait after failed attempt number `attempt` (1 = the first try failed).
 * With Retry-After: that long (capped), plus up to 10 % so throttled senders do not return in a
 * herd. Without: exponential backoff with "equal jitter" — between half and all of
 * base·2^(attempt−1), capped at maxMs.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (retryAfterMs !== undefined) {
    const wait = Math.min(Math.max(0, retryAfterMs), options.maxRetryAfterMs);
    return Math.round(wait + wait * 0.1 * random());
  }
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
