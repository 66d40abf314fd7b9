import type { CloudAdapter, Middleware, TurnContext } from 'botbuilder';

/** Default for OUTBOUND_TIMEOUT_SECONDS: Teams itself gives a bot about 15 s to answer a message. */
export const DEFAULT_OUTBOUND_TIMEOUT_MS = 15_000;

/**
 * A call to the Bot Connector got no complete answer in time. `code` is the one Node uses for a
 * timed-out socket, so callers that classify network failures (teams/bot-framework-proactive-sender.ts) treat it
 * as "no answer": transient, worth another try later.
 */
export class ConnectorTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly timeoutMs: number,
    method: string,
  ) {
    super(`Bot Connector svarede ikke inden for ${timeoutMs} ms (${method})`);
    this.name = 'ConnectorTimeoutError';
  }
}

/** The slice of @azure/core-rest-pipeline (under botbuilder's ConnectorClient) used here. */
interface PipelineRequestLike {
  method: string;
  abortSignal?: AbortSignal;
}
interface PipelinePolicyLike {
  name: string;
  sendRequest(request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<unknown>): Promise<unknown>;
}
interface ConnectorClientInternals {
  client?: { pipeline?: { addPolicy(policy: PipelinePolicyLike): void; getOrderedPolicies(): Array<{ name: string }> } };
}

const POLICY_NAME = 'maalbotConnectorTimeout';

/**
 * The pipeline policy: the whole call — connecting, the request, botbuilder's own retries and their
 * Retry-After waits, and reading the answer to its last byte — must finish within `timeoutMs`, or
 * it is aborted and fails with ConnectorTimeoutError. It has no phase, so core-rest-pipeline runs
 * it before the Retry phase: one deadline covers every retry of the call. The abort signal also
 * reaches the socket after the headers have arrived (the client's own `timeout` option stops
 * counting there), so an answer that stops half-way is cut too.
 */
export function connectorTimeoutPolicy(timeoutMs: number): PipelinePolicyLike {
  return {
    name: POLICY_NAME,
    async sendRequest(request, next) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      const caller = request.abortSignal;
      request.abortSignal = caller === undefined ? deadline.signal : AbortSignal.any([caller, deadline.signal]);
      try {
        return await next(request);
      } catch (err) {
        if (deadline.signal.aborted && caller?.aborted !== true) throw new ConnectorTimeoutError(timeoutMs, request.method);
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Middleware that bounds every call the bot makes to the Bot Connector: replies, card updates,
 * member lookups, the error apology, and proactive messages (continuations run the adapter's
 * middleware too). Without it a connector that hangs — or answers 429 with a long Retry-After,
 * which botbuilder waits out up to three times — holds a turn, and a reminder fan-out's slot,
 * indefinitely.
 *
 * botbuilder creates a ConnectorClient per turn and replaces any `requestPolicyFactories` given in
 * its options with its own, so the policy is added to each turn's client here instead.
 */
export function connectorTimeoutMiddleware(adapter: CloudAdapter, timeoutMs: number): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const pipeline = (context.turnState.get(adapter.ConnectorClientKey) as ConnectorClientInternals | undefined)?.client?.pipeline;
      if (pipeline !== undefined && !pipeline.getOrderedPolicies().some((p) => p.name === POLICY_NAME)) pipeline.addPolicy(connectorTimeoutPolicy(timeoutMs));
      await next();
    },
  };
}
