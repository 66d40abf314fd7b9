import assert from 'node:assert/strict';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { InFlightRequests } from '../../http/in-flight-requests';
import { GracefulShutdown } from '../../app/graceful-shutdown';
import { startRunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('GracefulShutdown (app/graceful-shutdown.ts)', () => {
  it('runs the steps once, in the order added, and resolves 0', async () => {
    const { logger } = capturingLogger();
    const order: string[] = [];
    const shutdown = new GracefulShutdown(logger)
      .add('requests', async () => order.push('requests'))
      .add('scheduler', async () => order.push('scheduler'))
      .add('store', async () => order.push('store'));
    const [a, b] = await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);
    assert.equal(a, 0);
    assert.equal(b, 0);
    assert.deepEqual(order, ['requests', 'scheduler', 'store']);
  });

  it('keeps going after a failing step (the store still closes) and resolves 1', async () => {
    const { logger, lines } = capturingLogger();
    const order: string[] = [];
    const shutdown = new GracefulShutdown(logger)
      .add('requests', async () => {
        throw new Error('drain timed out');
      })
      .add('store', async () => order.push('store'));
    assert.equal(await shutdown.run('SIGTERM'), 1);
    assert.deepEqual(order, ['store']);
    assert.ok(lines.some((l) => l.event === 'shutdown-step' && l.step === 'requests' && l.level === 50));
  });
});

describe('App.stop: stop taking requests, finish the turns in flight', () => {
  it('waits for a turn held up by a slow Bot Connector, refuses new requests meanwhile, then closes', async () => {
    const running = await startRunningApp();
    let closed = false;
    try {
      running.connector.responseDelayMs = 600;
      const activity = teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl });
      const turn = running.postActivity(activity);
      await running.connector.waitForCalls(1); // the reply is on its way: the turn is in flight

      const stopping = running.app.stop(5000);
      // A request on a new connection is refused: the listening socket is closed.
      await assert.rejects(fetch(`${running.baseUrl}/healthz`, { headers: { connection: 'close' } }));
      const finished = await stopping;
      closed = true;

      assert.equal(finished, true, 'nothing was cut short');
      const res = await turn;
      assert.equal(res.status, 200, 'the turn in flight completed');
      assert.equal(running.connector.calls.length, 1);
      assert.ok(running.logs.some((l) => l.event === 'turn' && l.intent === 'goal-status'));
    } finally {
      running.connector.responseDelayMs = 0;
      if (closed) {
        await running.connector.stop();
        await running.store.close();
      } else await running.close();
    }
  });

  it('reports false when a turn outlasts the timeout, and still closes', async () => {
    const running = await startRunningApp();
    try {
      running.connector.responseDelayMs = 2000;
      const turn = running.postActivity(teamsMessage({ text: 'oversigt', serviceUrl: running.connector.serviceUrl })).catch(() => 'cut');
      await running.connector.waitForCalls(1);
      assert.equal(await running.app.stop(100), false);
      assert.equal(await turn, 'cut', 'the connection of the unfinished turn was closed');
    } finally {
      running.connector.responseDelayMs = 0;
      await running.connector.stop();
      await running.store.close();
    }
  });
});

describe('InFlightRequests (http/in-flight-requests.ts)', () => {
  it('once draining, answers new requests 503 with Connection: close, and counts the ones in flight', async () => {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    const inFlight = new InFlightRequests();
    server.pre(inFlight.handler);
    let release: () => void = () => undefined;
    server.get('/slow', async (_req: restify.Request, res: restify.Response) => {
      await new Promise<void>((resolve) => (release = resolve));
      res.json(200, { ok: true });
    });
    server.get('/fast', async (_req: restify.Request, res: restify.Response) => {
      res.json(200, { ok: true });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const slow = fetch(`${base}/slow`);
      while (inFlight.count === 0) await new Promise((r) => setTimeout(r, 5));
      const drained = inFlight.drain(5000);

      const refused = await fetch(`${base}/fast`);
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('connection'), 'close');
      assert.deepEqual(await refused.json(), { status: 'stopping' });
      assert.equal(inFlight.count, 1, 'the refused request was never counted');

      release();
      assert.equal((await slow).status, 200);
      assert.equal(await drained, true);
      assert.equal(inFlight.count, 0);
    } finally {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
