import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../../goals/default-contract';
import { FakeConnector } from '../helpers/fake-connector';
import { teamsMessage } from '../helpers/teams-activity';
import { freePort } from '../helpers/free-port';

/**
 * Optional telemetry end to end: the bot as `npm start` runs it (app/main.ts, local mode) with
 * APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a loopback HTTPS collector that speaks the
 * Application Insights ingestion protocol (POST /v2.1/track, gzip'd JSON envelopes). A turn becomes
 * a Request span and a duration metric, flushed at shutdown; no message text leaves the bot.
 * Without the variable, no OpenTelemetry package is even loaded.
 */
interface Envelope {
  name: string;
  data: { baseType: string; baseData: Record<string, unknown> };
}

function startBot(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'app/main.ts'], { cwd: projectRoot(), env: { ...process.env, MicrosoftAppId: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the bot did not start:\n${out}`)), 60_000);
    const onData = (c: Buffer): void => {
      out += c.toString();
      if (/Målbot lytter på/.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the bot exited (${String(code)}):\n${out}`)));
  });
}

const stopped = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

const TURNS = 8;

describe('telemetry to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING)', function () {
  this.timeout(120_000);
  let dir: string;
  let connector: FakeConnector;

  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-telemetry-'));
    connector = new FakeConnector();
    await connector.start();
  });
  afterEach(async function () {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask(port: number, text: string, calls = 1): Promise<void> {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage({ text, serviceUrl: connector.serviceUrl })) });
    assert.equal(res.status, 200);
    await connector.waitForCalls(calls);
  }

  it('sends every turn as a Request span (none sampled away, even right after start) and a duration metric to the ingestion endpoint, without message text', async function () {
    // A self-signed certificate for 127.0.0.1: the exporter only speaks HTTPS.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const envelopes: Envelope[] = [];
    const raw: string[] = [];
    const collector = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
        if (req.method === 'POST' && req.url === '/v2.1/track') {
          raw.push(body.toString());
          envelopes.push(...(JSON.parse(body.toString()) as Envelope[]));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const ingestion = `https://127.0.0.1:${(collector.address() as net.AddressInfo).port}/`;
    const port = await freePort();
    const bot = await startBot({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=${ingestion}`,
    });
    try {
      // Turns in quick succession right after start: the distro's default rate-limited sampler
      // (5 traces/s, starting from an empty window) would drop some of them.
      for (let i = 1; i <= TURNS; i++) await ask(port, `status mål 4 – hemmelig tekst ${i}`, i);
    } finally {
      assert.equal(await stopped(bot.child), 0, bot.output());
      collector.close();
    }
    const requests = envelopes.filter((e) => e.data.baseType === 'RequestData' && String(e.data.baseData.name).startsWith('turn '));
    assert.equal(requests.length, TURNS, `${JSON.stringify(envelopes.map((e) => e.name))}\n${bot.output().slice(-2000)}`);
    assert.ok(requests.every((e) => (e.data.baseData.properties as Record<string, string>)['maalbot.outcome'] === 'answered'), JSON.stringify(requests).slice(0, 800));
    const metrics = envelopes.filter((e) => e.data.baseType === 'MetricData').flatMap((e) => e.data.baseData.metrics as Array<{ name: string }>);
    assert.ok(metrics.some((m) => m.name === 'maalbot.turn.duration'), metrics.map((m) => m.name).join(', '));
    assert.ok(!raw.join('').includes('hemmelig'), 'the message text is never sent');
  });

  it('without the variable, no OpenTelemetry package is loaded', async function () {
    // A preload that reports every module the bot loads whose name says OpenTelemetry or Azure Monitor.
    const preload = path.join(dir, 'watch.js');
    writeFileSync(preload, `const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (/opentelemetry|monitor-opentelemetry/.test(r)) process.stderr.write('LOADED ' + r + '\\n'); return load.call(this, r, ...a); };`);
    const port = await freePort();
    const bot = await startBot({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, APPLICATIONINSIGHTS_CONNECTION_STRING: '', NODE_OPTIONS: `--require ${preload}` });
    await ask(port, 'status mål 4');
    assert.equal(await stopped(bot.child), 0);
    assert.doesNotMatch(bot.output(), /LOADED/);
    assert.match(bot.output(), /Telemetry is off/);
  });
});
