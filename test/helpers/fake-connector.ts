import http from 'node:http';
import { loopbackUrl, startLoopbackServer } from './loopback-server';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the URL (reply-to id for a reply, the activity itself for PUT). */
  activityId: string | undefined;
  body: Record<string, unknown>;
  /** The Authorization header the bot sent (its bearer token), if any. */
  authorization?: string;
  /** The activity id this connector answered with (`{ id }`): what the bot sent is known by it. */
  answeredId?: string;
}

/**
 * A fault the connector answers with instead of the normal reply (fault injection):
 *  - status: that HTTP status (with Retry-After when given, in seconds or as an HTTP date);
 *  - hang: never answers (until the connector stops);
 *  - reset: closes the connection without any answer;
 *  - drop-mid-response: sends 200 and half the body, then closes the connection;
 *  - hang-mid-response: sends 200 and half the body, then nothing more.
 */
export type ConnectorFault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'drop-mid-response' }
  | { kind: 'hang-mid-response' };

/** One request to an activities route, faulted or not, with its arrival time. */
export interface ConnectorAttempt extends ConnectorCall {
  at: number;
  /** The fault it got; undefined when it was answered normally. */
  fault: ConnectorFault['kind'] | undefined;
}

/**
 * A loopback Bot Connector speaking the v3 REST protocol the bot uses to reply:
 * POST /v3/conversations/{conversationId}/activities[/{replyToId}] and PUT …/activities/{id}.
 * It answers `{ id }` like the real service and records every call for assertions.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /**
   * Conversation members by user id (29:…), as GET /v3/conversations/{id}/members/{userId} returns
   * them (TeamsInfo.getMember): e.g. `{ id, name, aadObjectId, userPrincipalName }`. Unknown → 404.
   */
  readonly members = new Map<string, Record<string, unknown>>();
  /** Every member lookup, by user id. */
  readonly memberLookups: string[] = [];
  /** Answer every call this much later (a slow Bot Connector keeps a turn in flight). */
  responseDelayMs = 0;
  /**
   * Fault injection: decides a fault for a request (given its number among the requests to the same
   * conversation, 1-based), or undefined to answer normally. Faulted requests are not in `calls`.
   */
  fault: ((call: ConnectorCall, attempt: number) => ConnectorFault | undefined) | undefined;
  /** Fault injection for member lookups (TeamsInfo.getMember): every lookup gets this fault. */
  memberLookupFault: ConnectorFault | undefined;
  /** Every request to an activities route, faulted or not, in order of arrival. */
  readonly attempts: ConnectorAttempt[] = [];
  private readonly attemptsPerConversation = new Map<string, number>();
  private server: http.Server | undefined;
  private nextId = 1;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  get serviceUrl(): string {
    return loopbackUrl(this.server, 'FakeConnector');
  }

  async start(): Promise<void> {
    this.server = await startLoopbackServer((req, res, body) => this.handle(req, res, body), { keepAliveTimeoutMs: 60_000 });
  }

  // restify patches http.ServerResponse for the whole process (its writeHead does not return
  // `this`), and this server often shares a process with the bot: never chain writeHead.
  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && this.answerMember(url, res)) return;
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound' } }));
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadSyntax' } }));
      return;
    }
    const call: ConnectorCall = {
      method: req.method,
      path: url.pathname,
      conversationId: decodeURIComponent(match[1]!),
      activityId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      body,
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
    };
    const n = (this.attemptsPerConversation.get(call.conversationId) ?? 0) + 1;
    this.attemptsPerConversation.set(call.conversationId, n);
    const fault = this.fault?.(call, n);
    this.attempts.push({ ...call, at: Date.now(), fault: fault?.kind });
    if (fault !== undefined) {
      this.answerWithFault(res, fault);
      return;
    }
    const id = req.method === 'PUT' && match[2] !== undefined ? decodeURIComponent(match[2]) : `reply-${this.nextId++}`;
    this.calls.push({ ...call, answeredId: id });
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    };
    if (this.responseDelayMs > 0) setTimeout(answer, this.responseDelayMs);
    else answer();
    this.waiters = this.waiters.filter((w) => {
      if (this.calls.length >= w.count) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  private answerWithFault(res: http.ServerResponse, fault: ConnectorFault): void {
    const half = JSON.stringify({ id: 'reply-partial', padding: 'x'.repeat(64) }).slice(0, 30);
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }) });
        res.end(JSON.stringify({ error: { code: fault.status === 429 ? 'ThrottledRequest' : 'ServiceError', message: 'injected by the fake connector' } }));
        return;
      case 'hang':
        return; // ended by stop() (closeAllConnections)
      case 'reset':
        res.socket?.destroy();
        return;
      case 'drop-mid-response':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write(half, () => res.socket?.destroy());
        return;
      case 'hang-mid-response':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write(half);
        return;
    }
  }

  private answerMember(url: URL, res: http.ServerResponse): boolean {
    const match = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
    if (!match) return false;
    const userId = decodeURIComponent(match[2]!);
    this.memberLookups.push(userId);
    if (this.memberLookupFault !== undefined) {
      this.answerWithFault(res, this.memberLookupFault);
      return true;
    }
    const member = this.members.get(userId);
    res.writeHead(member ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(member ?? { error: { code: 'MemberNotFoundInConversation' } }));
    return true;
  }

  /** Resolves once at least `count` calls have arrived (replies are sent inside the turn, so usually already there). */
  waitForCalls(count: number, timeoutMs = 5000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} connector calls, got ${this.calls.length}`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.attempts.length = 0;
    this.attemptsPerConversation.clear();
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
