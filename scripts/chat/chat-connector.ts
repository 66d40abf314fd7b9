import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRecord, type Json } from './card-inputs';

/** What the bot did in the conversation, as the Bot Connector saw it. */
export type ConnectorEvent =
  | { kind: 'send'; conversationId: string; activityId: string; replyToId: string | undefined; activity: Json }
  | { kind: 'update'; conversationId: string; activityId: string; activity: Json }
  | { kind: 'delete'; conversationId: string; activityId: string };

export interface ChatAccount {
  id: string;
  name: string;
  aadObjectId: string;
}

/**
 * The Bot Connector for `npm run chat`: a loopback server speaking the v3 REST calls the bot makes
 * (the chat sends the bot its URL as `serviceUrl`). It answers like the real service — an `{ id }`
 * for each message, the chat user as the conversation's only member — and reports every message,
 * update and delete to the chat. Only for local mode: it checks no tokens.
 */
export class ChatConnector {
  private server: http.Server | undefined;
  private nextId = 1;
  private readonly listeners: Array<(event: ConnectorEvent) => void> = [];

  constructor(private readonly user: ChatAccount) {}

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('ChatConnector is not listening');
    return `http://127.0.0.1:${address.port}/`;
  }

  onEvent(listener: (event: ConnectorEvent) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  // When the chat shares a process with the bot (tests), restify has patched http.ServerResponse:
  // its writeHead does not return `this`, so never chain it.
  private reply(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    const [v3, conversations, conversationId, collection, itemId] = parts;
    if (v3 !== 'v3' || conversations !== 'conversations') return this.reply(res, 404, { error: { code: 'NotFound' } });

    if (conversationId === undefined && req.method === 'POST') {
      // createConversation (a proactive 1:1): the chat has only one conversation to offer.
      return this.reply(res, 200, { id: `chat-conversation-${this.nextId++}` });
    }
    if (conversationId === undefined) return this.reply(res, 404, { error: { code: 'NotFound' } });

    if (collection === 'members' || collection === 'pagedmembers') {
      const member = { id: this.user.id, name: this.user.name, aadObjectId: this.user.aadObjectId, objectId: this.user.aadObjectId, userRole: 'user' };
      if (itemId !== undefined) return itemId === this.user.id ? this.reply(res, 200, member) : this.reply(res, 404, { error: { code: 'MemberNotFoundInConversation' } });
      return this.reply(res, 200, collection === 'members' ? [member] : { members: [member] });
    }
    if (collection !== 'activities') return this.reply(res, 404, { error: { code: 'NotFound' } });

    if (req.method === 'DELETE' && itemId !== undefined) {
      this.emit({ kind: 'delete', conversationId, activityId: itemId });
      return this.reply(res, 200, {});
    }
    let activity: unknown;
    try {
      activity = JSON.parse(raw);
    } catch {
      return this.reply(res, 400, { error: { code: 'BadSyntax' } });
    }
    if (!isRecord(activity)) return this.reply(res, 400, { error: { code: 'BadSyntax' } });

    if (req.method === 'PUT' && itemId !== undefined) {
      this.emit({ kind: 'update', conversationId, activityId: itemId, activity });
      return this.reply(res, 200, { id: itemId });
    }
    if (req.method === 'POST') {
      const activityId = `chat-${this.nextId++}`;
      this.emit({ kind: 'send', conversationId, activityId, replyToId: itemId, activity });
      return this.reply(res, 200, { id: activityId });
    }
    return this.reply(res, 405, { error: { code: 'MethodNotAllowed' } });
  }

  private emit(event: ConnectorEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
