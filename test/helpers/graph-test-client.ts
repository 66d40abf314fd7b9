import type { Client, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createGraphClient, type GraphClientDeps } from '../../graph/create-graph-client';
import type { GraphConfig } from '../../config/read-graph-config';

/** A credential that never calls Entra; records the scopes it was asked for. */
export class FakeCredential implements TokenCredential {
  readonly requests: string[][] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.requests.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: 'fake-token', expiresOnTimestamp: Date.UTC(2100, 0, 1) };
  }
}

export interface TestGraphClient {
  client: Client;
  /** Every wait the retry middleware asked for, in ms (the sleep itself returns at once). */
  sleeps: number[];
  credential: FakeCredential;
}

export function graphConfigFor(baseUrl: string | undefined, overrides: Partial<GraphConfig> = {}): GraphConfig {
  return {
    tenantId: '11111111-2222-3333-4444-555555555555',
    clientId: '66666666-7777-8888-9999-000000000000',
    clientSecret: 'not-used',
    meetingOrganizer: 'organisator@erhvervshus.test',
    directorUserIds: [],
    baseUrl,
    ...overrides,
  };
}

/** The real client (createGraphClient) with a fake credential and recorded, instant sleeps. */
export function testGraphClient(baseUrl: string | undefined, deps: Partial<GraphClientDeps> = {}): TestGraphClient {
  const sleeps: number[] = [];
  const credential = new FakeCredential();
  const client = createGraphClient(graphConfigFor(baseUrl), {
    credential,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => new Date('2026-03-02T08:00:00Z'),
    ...deps,
  });
  return { client, sleeps, credential };
}

/** A last middleware that records each request instead of sending it, answering `{ value: [] }`. */
export class RecordingTransport implements Middleware {
  readonly requests: Array<{ url: string; headers: Record<string, string> }> = [];
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers = Object.fromEntries(Object.entries((context.options?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    this.requests.push({ url, headers });
    context.response = new Response(JSON.stringify({ value: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
  }
}
