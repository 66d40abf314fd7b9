import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the URL (reply-to id for a reply, the activity itself for PUT). */
  activityId: string | undefined;
  body: Record<string, unknown>;
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
  private server: http.Server | undefined;
  private nextId = 1;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('FakeConnector is not listening');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
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
    this.calls.push({
      method: req.method,
      path: url.pathname,
      conversationId: decodeURIComponent(match[1]!),
      activityId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      body,
    });
    const id = req.method === 'PUT' && match[2] !== undefined ? decodeURIComponent(match[2]) : `reply-${this.nextId++}`;
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

  private answerMember(url: URL, res: http.ServerResponse): boolean {
    const match = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
    if (!match) return false;
    const userId = decodeURIComponent(match[2]!);
    this.memberLookups.push(userId);
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
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
