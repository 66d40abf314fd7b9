import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { RecordingTransport, testGraphClient } from '../helpers/graph-test-client';
import { GraphRequestError, toGraphRequestError } from '../../graph/graph-request-error';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('Graph client: retries and authentication', () => {
  let fake: FakeGraphServer;
  beforeEach(async () => {
    fake = new FakeGraphServer();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  /** A plain GET through the real client; errors come back as GraphRequestError like in the app. */
  async function getEvents(client: ReturnType<typeof testGraphClient>['client']): Promise<unknown> {
    try {
      return await client.api('/users/organisator@erhvervshus.test/events').get();
    } catch (err) {
      throw toGraphRequestError('list events', err, NOW);
    }
  }

  it('waits exactly what Retry-After asks on 429, then succeeds', async () => {
    const { client, sleeps } = testGraphClient(fake.baseUrl);
    fake.failNext({ pathIncludes: '/events' }, { status: 429, headers: { 'Retry-After': '7' } });
    const result = (await getEvents(client)) as { value: unknown[] };
    assert.deepEqual(result.value, []);
    assert.deepEqual(sleeps, [7000]);
    assert.deepEqual(fake.callsTo('/events').map((c) => c.status), [429, 200]);
  });

  it('retries 503, 500 and 502 with exponential backoff and jitter when no Retry-After is given', async () => {
    const { client, sleeps } = testGraphClient(fake.baseUrl); // random() = 0.5, base 1 s
    fake.failNext({ pathIncludes: '/events' }, { status: 503 }, { status: 500 }, { status: 502 });
    await getEvents(client);
    assert.deepEqual(sleeps, [500, 1000, 2000]);
    assert.deepEqual(fake.callsTo('/events').map((c) => c.status), [503, 500, 502, 200]);
  });

  it('gives up after 3 retries (4 requests, not the 16 two stacked retry handlers would make) with a transient error', async () => {
    const { client, sleeps } = testGraphClient(fake.baseUrl);
    fake.failNext({ pathIncludes: '/events' }, ...Array.from({ length: 10 }, () => ({ status: 504 })));
    await assert.rejects(getEvents(client), (err: unknown) => err instanceof GraphRequestError && err.statusCode === 504 && err.transient);
    assert.equal(fake.callsTo('/events').length, 4);
    assert.equal(sleeps.length, 3);
  });

  it('does not sit out a Retry-After longer than a minute: one request, the wait goes to the caller', async () => {
    const { client, sleeps } = testGraphClient(fake.baseUrl);
    fake.failNext({ pathIncludes: '/events' }, { status: 429, headers: { 'Retry-After': '3600' } });
    await assert.rejects(getEvents(client), (err: unknown) => err instanceof GraphRequestError && err.statusCode === 429 && err.transient && err.retryAfterMs === 3_600_000);
    assert.deepEqual(sleeps, []);
    assert.equal(fake.callsTo('/events').length, 1);
  });

  it('does not retry a 400 and reports it as not transient', async () => {
    const { client, sleeps } = testGraphClient(fake.baseUrl);
    fake.failNext({ pathIncludes: '/events' }, { status: 400 });
    await assert.rejects(getEvents(client), (err: unknown) => err instanceof GraphRequestError && err.statusCode === 400 && !err.transient);
    assert.deepEqual(sleeps, []);
    assert.equal(fake.callsTo('/events').length, 1);
  });

  it('retries a refused connection and then reports a transient error without a status', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { client, sleeps } = testGraphClient(`http://127.0.0.1:${port}/`);
    await assert.rejects(getEvents(client), (err: unknown) => err instanceof GraphRequestError && err.statusCode === undefined && err.transient);
    assert.equal(sleeps.length, 3);
  });

  it('sends no token over http (the loopback fake) and never asks the credential for one', async () => {
    const { client, credential } = testGraphClient(fake.baseUrl);
    await getEvents(client);
    assert.equal(fake.calls[0]!.headers.authorization, undefined);
    assert.deepEqual(credential.requests, []);
  });

  const clouds: Array<[string, string | undefined, string]> = [
    ['the global cloud by default', undefined, 'https://graph.microsoft.com/.default'],
    ['a sovereign cloud', 'https://graph.microsoft.us/', 'https://graph.microsoft.us/.default'],
    ['a custom https host', 'https://graph.example.test/', 'https://graph.example.test/.default'],
  ];
  for (const [name, baseUrl, scope] of clouds) {
    it(`attaches a bearer token for ${name}, requested for ${scope}`, async () => {
      const transport = new RecordingTransport();
      const { client, credential } = testGraphClient(baseUrl, { transport });
      await client.api('/users/x/events').get();
      assert.equal(transport.requests[0]!.headers.authorization, 'Bearer fake-token');
      assert.ok(transport.requests[0]!.url.startsWith(`${baseUrl ?? 'https://graph.microsoft.com/'}v1.0/users/x/events`), transport.requests[0]!.url);
      assert.deepEqual(credential.requests, [[scope]]);
    });
  }
});
