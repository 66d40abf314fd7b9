import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createApp, type App, type AppDeps } from '../../app/create-app';
import { readConfig } from '../../config/read-config';
import { loadContract } from '../../goals/load-contract';
import { contractBook, type ContractBook } from '../../goals/contract-book';
import { defaultContractPath } from '../../goals/default-contract';
import type { ContractData } from '../../goals/contract-schema';
import { openDatabase } from '../../store/open-database';
import type { Database, DatabaseHealth } from '../../core/ports/database';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { Clock } from '../../core/time/clock';
import type { AuthEndpoints } from '../../teams/create-adapter';
import { FakeConnector } from './fake-connector';

export interface RunningApp {
  app: App;
  baseUrl: string;
  store: MeasurementStore;
  contract: ContractData;
  connector: FakeConnector;
  /** Every JSON log line the app wrote. */
  logs: Array<Record<string, unknown>>;
  /** POSTs an activity (object or raw string) to /api/messages. */
  postActivity(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Defaults to a fresh SQLite database in a temp dir (its measurement store and its health). */
  database?: Database;
  /** Overrides the database's measurement store (e.g. a failing fake). */
  store?: MeasurementStore;
  /** Overrides what /readyz and /healthz ask (e.g. a database whose migrations are behind). */
  health?: DatabaseHealth;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Point the bot's token validation at a loopback OpenID/JWKS server (test/helpers/fake-bot-framework-auth.ts). */
  authEndpoints?: AuthEndpoints;
  /** The contract years; default the 2021 contract alone. */
  contracts?: ContractBook;
  /** The report store (explanations, file offers); default the database's. */
  reportStore?: AppDeps['reportStore'];
  /** Reminders: a reminder store (and schedule, meeting source …) for createApp; default none. */
  reminders?: Pick<AppDeps, 'reminderStore' | 'schedule' | 'meetingSource' | 'activityFeed' | 'instanceId'>;
  /** Roles from security groups (STAFF_GROUP_IDS, ADMIN_GROUP_IDS): the Graph-backed check. */
  groupMembership?: AppDeps['groupMembership'];
  /** Follow-up context; default the database's (pass null for none). */
  conversationMemory?: AppDeps['conversationMemory'] | null;
}

/** The real app (createApp) listening on a free loopback port, with a loopback fake Bot Connector. */
export async function startRunningApp(options: StartOptions = {}): Promise<RunningApp> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-e2e-'));
  const database = options.database ?? (await openDatabase(`sqlite:${path.join(tempDir, 'e2e.sqlite')}`, { baseDir: tempDir }));
  const store = options.store ?? database.measurements;
  const contract = loadContract(defaultContractPath());
  const contracts = options.contracts ?? contractBook([contract]);
  const connector = new FakeConnector();
  await connector.start();
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = readConfig({ LOG_LEVEL: 'debug', ...options.env });
  const logger = pino({ level: config.logLevel }, sink);
  const app = createApp({ config, contracts, store, database: options.health ?? database, logger, clock: options.clock ?? (() => new Date()), authEndpoints: options.authEndpoints, groupMembership: options.groupMembership, reportStore: options.reportStore ?? database.reports, ...options.reminders, conversationMemory: options.conversationMemory === null ? undefined : (options.conversationMemory ?? database.topics) });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const port = (app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    store,
    contract,
    connector,
    logs,
    async postActivity(activity, headers = {}) {
      const res = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      return { status: res.status, body: await res.text() };
    },
    async close() {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await connector.stop();
      if (options.database === undefined) await database.close();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card in a reply the bot sent to the connector. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> {
  const attachments = body.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no Adaptive Card in reply: ${JSON.stringify(body).slice(0, 300)}`);
  return card.content;
}

/** All text a card shows (TextBlock texts, FactSet titles and values), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string') out.push(o.title);
      if (typeof o.value === 'string') out.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}
