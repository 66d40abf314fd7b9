import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** Default for OUTBOUND_TIMEOUT_SECONDS (the same bound as for the Bot Connector). */
export const DEFAULT_GRAPH_TIMEOUT_MS = 15_000;

/** One attempt at a Graph call got no answer in time. */
export class GraphTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Microsoft Graph svarede ikke inden for ${timeoutMs} ms`);
    this.name = 'GraphTimeoutError';
  }
}

/**
 * Bounds each attempt of a Graph call. The client's fetch has no timeout of its own, so a Graph that
 * accepts the connection and never answers would hold the reminder tick (calendarView) or a fan-out
 * slot (activity feed) forever. Placed after GraphRetryMiddleware, so every attempt gets its own
 * deadline and a timed-out attempt counts as a network failure there (retried within its bounds).
 *
 * The signal stays on the response: the client reads the body after the middleware chain has
 * returned, and a body that stops half-way is aborted by the same deadline.
 */
export class GraphTimeoutMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly timeoutMs: number = DEFAULT_GRAPH_TIMEOUT_MS) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (next === undefined) throw new Error('GraphTimeoutMiddleware has no next middleware');
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const caller = context.options?.signal ?? undefined;
    context.options = { ...context.options, signal: caller === undefined ? deadline : AbortSignal.any([caller, deadline]) };
    try {
      await next.execute(context);
    } catch (err) {
      if (deadline.aborted && caller?.aborted !== true) throw new GraphTimeoutError(this.timeoutMs);
      throw err;
    } finally {
      // The next attempt (a retry) gets a fresh deadline, and the caller's own signal back.
      context.options = { ...context.options, signal: caller };
    }
  }
}
