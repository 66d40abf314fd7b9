import http from 'node:http';
import { loopbackUrl, startLoopbackServer } from './loopback-server';

/** At most `limit` accepted messages in any `perMs`. */
export interface Limit {
  limit: number;
  perMs: number;
}

/** Teams' documented limits for one bot in one conversation thread. */
export const TEAMS_THREAD_LIMITS: readonly Limit[] = [
  { limit: 7, perMs: 1000 },
  { limit: 8, perMs: 2000 },
  { limit: 60, perMs: 30_000 },
  { limit: 1800, perMs: 3_600_000 },
];

/** An answer forced on a request instead of the normal one. */
export interface InjectedFailure {
  status: number;
  /** Sent as Retry-After (seconds, may be fractional here) when set. */
  retryAfterSeconds?: number;
}

export interface RateLimitedConnectorOptions {
  /** Per-conversation limits; default Teams'. */
  perConversation?: readonly Limit[];
  /** Limit over all conversations (the app per tenant); default 30 per second. Undefined-able with `null`. */
  perApp?: Limit | null;
  /** Retry-After (seconds) on a 429 for exceeding a limit. Default 1. */
  throttleRetryAfterSeconds?: number;
  /** Decides a forced answer for the n-th request (1-based) to a conversation, or none. */
  inject?: (conversationId: string, requestNumber: number) => InjectedFailure | undefined;
}

export interface ConnectorRequest {
  conversationId: string;
  at: number;
  status: number;
  /** 'ok' | 'limit' (throttled for exceeding a limit) | 'injected'. */
  outcome: 'ok' | 'limit' | 'injected';
  body: Record<string, unknown>;
}

/**
 * A stricter loopback Bot Connector for proactive sends: it enforces Teams' per-thread limits
 * (7/1 s, 8/2 s, 60/30 s, 1800/h) and an app-wide rate, answering 429 with Retry-After when a
 * sender goes too fast, and injects 429/403/404/5xx on demand. Only accepted messages count
 * toward the limits. It records every request, so tests count duplicates and losses.
 */
export class RateLimitedConnector {
  readonly requests: ConnectorRequest[] = [];
  private readonly accepted = new Map<string, number[]>();
  private readonly appAccepted: number[] = [];
  private readonly requestCounts = new Map<string, number>();
  private server: http.Server | undefined;
  private nextId = 1;
  private readonly perConversation: readonly Limit[];
  private readonly perApp: Limit | null;

  constructor(private readonly options: RateLimitedConnectorOptions = {}) {
    this.perConversation = options.perConversation ?? TEAMS_THREAD_LIMITS;
    this.perApp = options.perApp === undefined ? { limit: 30, perMs: 1000 } : options.perApp;
  }

  get serviceUrl(): string {
    return loopbackUrl(this.server, 'RateLimitedConnector');
  }

  async start(): Promise<void> {
    this.server = await startLoopbackServer((req, res, body) => this.handle(req, res, body), { keepAliveTimeoutMs: 60_000 });
  }

  /** Accepted messages per conversation id. */
  deliveredCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests) if (r.outcome === 'ok') counts.set(r.conversationId, (counts.get(r.conversationId) ?? 0) + 1);
    return counts;
  }

  delivered(): ConnectorRequest[] {
    return this.requests.filter((r) => r.outcome === 'ok');
  }

  /** The largest number of accepted messages to one conversation seen in any window of `perMs`. */
  maxInWindow(conversationId: string | null, perMs: number): number {
    const times = this.delivered()
      .filter((r) => conversationId === null || r.conversationId === conversationId)
      .map((r) => r.at)
      .sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= perMs) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  }

  // restify patches http.ServerResponse process-wide: never chain writeHead(...).end(...).
  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      this.reply(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
      return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      this.reply(res, 400, { error: { code: 'BadSyntax', message: 'body is not JSON' } });
      return;
    }
    const at = Date.now();
    const n = (this.requestCounts.get(conversationId) ?? 0) + 1;
    this.requestCounts.set(conversationId, n);

    const injected = this.options.inject?.(conversationId, n);
    if (injected !== undefined) {
      this.requests.push({ conversationId, at, status: injected.status, outcome: 'injected', body });
      const headers: Record<string, string> = {};
      if (injected.retryAfterSeconds !== undefined) headers['retry-after'] = String(injected.retryAfterSeconds);
      this.reply(res, injected.status, { error: { code: codeFor(injected.status), message: 'injected by the test connector' } }, headers);
      return;
    }
    const times = this.accepted.get(conversationId) ?? [];
    const overThread = this.perConversation.some((l) => times.filter((t) => at - t < l.perMs).length >= l.limit);
    const overApp = this.perApp !== null && this.appAccepted.filter((t) => at - t < this.perApp!.perMs).length >= this.perApp.limit;
    if (overThread || overApp) {
      this.requests.push({ conversationId, at, status: 429, outcome: 'limit', body });
      this.reply(res, 429, { error: { code: 'ThrottledRequest', message: overThread ? 'thread rate exceeded' : 'app rate exceeded' } }, { 'retry-after': String(this.options.throttleRetryAfterSeconds ?? 1) });
      return;
    }
    times.push(at);
    this.accepted.set(conversationId, times.length > 2000 ? times.slice(-1800) : times);
    this.appAccepted.push(at);
    if (this.appAccepted.length > 1000) this.appAccepted.splice(0, this.appAccepted.length - 100);
    this.requests.push({ conversationId, at, status: 200, outcome: 'ok', body });
    this.reply(res, 200, { id: `proactive-${this.nextId++}` });
  }

  private reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

function codeFor(status: number): string {
  switch (status) {
    case 403:
      return 'BotNotInConversationRoster';
    case 404:
      return 'ConversationNotFound';
    case 412:
      return 'PreconditionFailed';
    case 429:
      return 'ThrottledRequest';
    default:
      return status >= 500 ? 'ServiceError' : 'BadRequest';
  }
}
