import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRunningApp, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { rawPost } from '../helpers/raw-post';
import { startBotProcess } from '../reliability/bot-process';

/** Internals a refusal must never carry: parser messages, stack frames, library names. */
const INTERNALS = /Unexpected token|Expected|position \d|at .*\.(js|ts):\d|Z_DATA_ERROR|zlib|SyntaxError|restify|node:internal/i;

describe('security: the request pipeline before authentication (issue 14, items 1, 2 and 8)', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let url: string;
  before(async () => {
    running = await startRunningApp();
    url = `${running.baseUrl}/api/messages`;
  });
  after(async () => running.close());

  it('refuses Content-Encoding: gzip with a body that is not gzip with 415, and keeps answering', async () => {
    const res = await rawPost(url, { headers: { 'content-encoding': 'gzip' }, body: '{}' });
    assert.equal(res.status, 415);
    assert.doesNotMatch(res.body, INTERNALS);
    assert.equal((await fetch(`${running.baseUrl}/healthz`)).status, 200);
  });

  it('refuses a gzip bomb (204 KB → 200 MB) with 415 without inflating it: memory stays flat', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
    assert.ok(bomb.length < 262_144, `the bomb fits the body limit (${bomb.length} bytes)`);
    const before = process.memoryUsage().rss;
    const answers = await Promise.all(Array.from({ length: 4 }, () => rawPost(url, { headers: { 'content-encoding': 'gzip' }, body: bomb })));
    const grown = process.memoryUsage().rss - before;
    for (const a of answers) assert.equal(a.status, 415);
    assert.ok(grown < 64 * 1024 * 1024, `rss grew by ${Math.round(grown / 1e6)} MB`);
  });

  it('refuses deflate, br and a list of encodings too, but accepts identity', async () => {
    for (const encoding of ['deflate', 'br', 'gzip, identity', 'x-gzip']) {
      assert.equal((await rawPost(url, { headers: { 'content-encoding': encoding }, body: '{}' })).status, 415, encoding);
    }
    const ok = await rawPost(url, { headers: { 'content-encoding': 'identity' }, body: JSON.stringify(teamsMessage({ text: 'hjælp', serviceUrl: running.connector.serviceUrl })) });
    assert.equal(ok.status, 200);
  });

  it('answers a 100 MB chunked body with 413 as soon as it passes MAX_BODY_BYTES, not after reading it', async () => {
    const res = await rawPost(url, { headers: { 'transfer-encoding': 'chunked' }, stream: { chunkBytes: 64 * 1024, totalBytes: 100 * 1024 * 1024 } });
    assert.equal(res.status, 413);
    // The limit is 256 KB; socket buffers on loopback hold a few MB at most.
    assert.ok(res.bytesWrittenAtAnswer < 16 * 1024 * 1024, `the client had written ${Math.round(res.bytesWrittenAtAnswer / 1e6)} MB when the 413 came`);
    assert.doesNotMatch(res.body, INTERNALS);
  });

  it('answers a declared Content-Length over the limit with 413 before reading', async () => {
    const res = await rawPost(url, { headers: { 'content-length': String(50 * 1024 * 1024) }, stream: { chunkBytes: 64 * 1024, totalBytes: 50 * 1024 * 1024 } });
    assert.equal(res.status, 413);
    assert.ok(res.bytesWrittenAtAnswer < 16 * 1024 * 1024);
  });

  it('answers malformed JSON with a fixed 400 that does not echo the parser', async () => {
    for (const body of ["{'type': 'message'}", '{"type":', '\u0000', '{"a":1}}', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      const res = await rawPost(url, { body });
      assert.equal(res.status, 400);
      assert.deepEqual(JSON.parse(res.body), { error: 'BadRequest', message: 'Ugyldig JSON' });
    }
  });

  it('refuses JSON nested deeper than 64 levels with 400 before parsing it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await rawPost(url, { body: deep });
    assert.equal(res.status, 400);
    assert.doesNotMatch(res.body, INTERNALS);
    const nestedValue = JSON.stringify({ ...teamsMessage({ text: 'x', serviceUrl: running.connector.serviceUrl }), value: JSON.parse(`${'{"a":'.repeat(70)}1${'}'.repeat(70)}`) as unknown });
    assert.equal((await rawPost(url, { body: nestedValue })).status, 400);
  });

  it('refuses a Content-Type that is not JSON with 415', async () => {
    assert.equal((await rawPost(url, { headers: { 'content-type': 'text/plain' }, body: '{}' })).status, 415);
    assert.equal((await rawPost(url, { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' })).status, 400);
  });
});

describe('security: one gzip request does not kill the real process (issue 14, item 1)', function () {
  this.timeout(60_000);
  it('answers 415 in local and production mode and the process keeps running', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-gzip-'));
    try {
      const modes: Array<Record<string, string>> = [{}, { MAALBOT_MODE: 'production', MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002' }];
      for (const mode of modes) {
        const bot = await startBotProcess({ DATABASE_URL: `sqlite:${path.join(dir, 'gzip.sqlite')}`, ...mode });
        try {
          const res = await rawPost(`http://127.0.0.1:${bot.port}/api/messages`, { headers: { 'content-encoding': 'gzip' }, body: '{}' });
          assert.equal(res.status, 415);
          await new Promise((r) => setTimeout(r, 200));
          assert.equal(bot.child.exitCode, null, 'still running');
          assert.equal((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status, 200);
        } finally {
          await bot.stop();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
