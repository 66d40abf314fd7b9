import assert from 'node:assert/strict';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import type { MeasurementStore } from '../../core/ports/measurement-store';

/** 15 October 2021, 12:00 in Copenhagen: inside the contract year, before most targets are due. */
const OCT_2021 = () => new Date('2021-10-15T10:00:00Z');

describe('end to end: Teams activities over HTTP to /api/messages', () => {
  let running: RunningApp;

  before(async () => {
    running = await startRunningApp({ clock: OCT_2021 });
    const base = { contractId: running.contract.id, done: null, segment: null, note: null, recordedBy: 'test', demo: false };
    await running.store.appendMeasurement({ ...base, kpiId: '4a', value: 47, period: '2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (brugerevaluering)' });
    await running.store.appendMeasurement({ ...base, kpiId: '1a', value: 35, period: 'efterår 2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (spørgeskemaundersøgelse)' });
  });
  after(async () => running.close());
  beforeEach(() => running.connector.reset());

  async function ask(text: string, opts: { kind?: 'channel' | 'personal' | 'groupChat'; mention?: boolean } = {}) {
    const activity = teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind: opts.kind ?? 'channel', mention: opts.mention ?? opts.kind !== 'personal' });
    const res = await running.postActivity(activity);
    assert.equal(res.status, 200, res.body);
    await running.connector.waitForCalls(1);
    assert.equal(running.connector.calls.length, 1, 'exactly one reply');
    const call = running.connector.calls[0]!;
    return { activity, call };
  }

  it('answers "@Målbot status mål 4?" in a channel with a valid status card for Mål 4, as a reply to the message', async () => {
    const { activity, call } = await ask('status mål 4?', { kind: 'channel', mention: true });
    const conversation = activity.conversation as { id: string };
    assert.equal(call.method, 'POST');
    assert.equal(call.conversationId, conversation.id);
    assert.equal(call.activityId, activity.id, 'reply is threaded to the question');
    assert.equal(call.body.type, 'message');
    assert.equal(call.body.replyToId, activity.id);
    const card = cardOf(call.body);
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
    assert.match(text, /mindst 45 %/);
    assert.match(text, /47 %/);
    assert.match(text, /Opfyldt/i);
    assert.equal(typeof call.body.summary, 'string');
  });

  it('shows a new measurement on the next question (no stale card)', async () => {
    const first = await ask('status mål 4', { kind: 'personal' });
    assert.match(cardText(cardOf(first.call.body)), /47 %/);
    running.connector.reset();
    await running.store.appendMeasurement({
      contractId: running.contract.id, kpiId: '4a', value: 41, done: null, segment: null, note: null, recordedBy: 'test', demo: false,
      period: '2021', measuredOn: '2021-10-01', source: 'Erhvervsstyrelsen (brugerevaluering)',
    });
    const second = await ask('status mål 4', { kind: 'personal' });
    const text = cardText(cardOf(second.call.body));
    assert.match(text, /41 %/);
    assert.match(text, /I risiko/i, '41 % is more than 3 points below 45 % before the deadline');
  });

  it('answers a topic question in a personal chat ("hvordan går det med kendskab?") with Mål 1', async () => {
    const { call } = await ask('hvordan går det med kendskab?', { kind: 'personal' });
    const card = cardOf(call.body);
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /Mål 1 – Virksomhedernes kendskab til erhvervshusene/);
    assert.match(text, /35 %/);
    assert.match(text, /32 %/, 'shows the Sydjylland baseline');
  });

  it('handles Teams channel HTML: entities, &nbsp; and a trailing newline', async () => {
    const { call } = await ask('Status&nbsp;Mål&nbsp;9c?\n', { kind: 'channel', mention: true });
    assert.match(cardText(cardOf(call.body)), /Mål 9c/);
  });

  it('answers English too ("goal 4 status"), with the English status card', async () => {
    const { call } = await ask('goal 4 status', { kind: 'groupChat', mention: true });
    const text = cardText(cardOf(call.body));
    assert.match(text, /Goal 4 – Erhvervshusenes knudepunktsfunktion/);
    assert.match(text, /Overall status: /);
    assert.doesNotMatch(text, /Mål 4|Samlet status/);
  });

  it('gives an overview card with a line per goal 1–10', async () => {
    const { call } = await ask('oversigt', { kind: 'personal' });
    const card = cardOf(call.body);
    assertSendableCard(card);
    const text = cardText(card);
    for (let n = 1; n <= 10; n++) assert.match(text, new RegExp(`Mål ${n}\\b`), `overview mentions Mål ${n}`);
  });

  it('answers an unknown goal kindly, naming the goals that exist', async () => {
    const { call } = await ask('status mål 11', { kind: 'personal' });
    const card = cardOf(call.body);
    assertSendableCard(card);
    assert.match(cardText(card), /Kontrakten har ingen Mål 11 \(målene er 1–10, 9a–9d\)/);
  });

  it('answers an empty message (only the mention) with the help card', async () => {
    const { call } = await ask('', { kind: 'channel', mention: true });
    const card = cardOf(call.body);
    assertSendableCard(card);
    assert.match(cardText(card), /status mål 4/);
  });

  it('answers nonsense with a friendly Danish card, not an error', async () => {
    const { call } = await ask('qwerty zxcvb', { kind: 'personal' });
    const card = cardOf(call.body);
    assertSendableCard(card);
    assert.match(cardText(card), /Det forstod jeg ikke/);
  });

  it('lists the reporting calendar for "frister"', async () => {
    const { call } = await ask('frister', { kind: 'personal' });
    const card = cardOf(call.body);
    assertSendableCard(card);
    assert.match(cardText(card), /31\. december 2021/);
  });

  it('writes one log line per turn with type, intent, outcome and duration — and no message text', async () => {
    running.logs.length = 0;
    await ask('status mål 4 hemmelig-tekst', { kind: 'personal' });
    const turns = running.logs.filter((l) => l.event === 'turn');
    assert.equal(turns.length, 1);
    assert.equal(turns[0]!.intent, 'goal-status');
    assert.equal(turns[0]!.conversationType, 'personal');
    assert.equal(turns[0]!.outcome, 'answered');
    assert.equal(typeof turns[0]!.durationMs, 'number');
    assert.ok(!JSON.stringify(running.logs).includes('hemmelig-tekst'), 'message text stays out of the log');
  });

  it('GET /healthz answers 200 with version, store kind and the contract', async () => {
    const res = await fetch(`${running.baseUrl}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.status, 'ok');
    assert.equal(body.store, 'sqlite');
    assert.match(String(body.version), /^\d+\.\d+\.\d+/);
    assert.deepEqual(body.contract, { id: 'kkr-syddanmark-sydjylland-2021', goals: 14 });
  });

  it('refuses malformed JSON with 400 and no internals', async () => {
    const res = await running.postActivity('{"type": "message", ');
    assert.equal(res.status, 400);
    assert.doesNotMatch(res.body, /at \w+ \(|node_modules|SyntaxError/);
    assert.equal(running.connector.calls.length, 0);
  });

  const malformed: Array<[string, (a: Record<string, unknown>) => unknown, RegExp]> = [
    ['no conversation', (a) => ({ ...a, conversation: undefined }), /conversation/],
    ['a numeric text', (a) => ({ ...a, text: 42 }), /text/],
    ['a serviceUrl that is not http(s)', (a) => ({ ...a, serviceUrl: 'file:///etc/passwd' }), /serviceUrl/],
    ['no type', (a) => ({ ...a, type: '' }), /type/],
    ['an array instead of an activity', () => [1, 2, 3], /activity|type/],
  ];
  for (const [name, mutate, field] of malformed) {
    it(`refuses an activity with ${name} with 400 naming the field, and runs no handler`, async () => {
      const res = await running.postActivity(mutate(teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl })));
      assert.equal(res.status, 400);
      const body = JSON.parse(res.body) as { error: string; problems: string[] };
      assert.equal(body.error, 'BadRequest');
      assert.match(body.problems.join('\n'), field);
      assert.equal(running.connector.calls.length, 0);
    });
  }

  it('answers GET /api/messages with 405 and no handler runs', async () => {
    const res = await fetch(`${running.baseUrl}/api/messages`);
    assert.equal(res.status, 405);
    assert.equal(running.connector.calls.length, 0);
  });

  it('refuses a body over MAX_BODY_BYTES with 413 before parsing', async () => {
    const big = JSON.stringify(teamsMessage({ text: 'x'.repeat(300_000), serviceUrl: running.connector.serviceUrl }));
    const res = await running.postActivity(big);
    assert.equal(res.status, 413);
    assert.equal(running.connector.calls.length, 0);
  });
});

describe('end to end: tenant allow-list', () => {
  const ALLOWED = '11111111-2222-3333-4444-555555555555';
  let running: RunningApp;
  before(async () => {
    running = await startRunningApp({ clock: OCT_2021, env: { ALLOWED_TENANT_IDS: ALLOWED } });
  });
  after(async () => running.close());

  it('answers an allowed tenant (tenant id in conversation.tenantId)', async () => {
    const res = await running.postActivity(teamsMessage({ text: 'hjælp', serviceUrl: running.connector.serviceUrl, tenantId: ALLOWED.toUpperCase() }));
    assert.equal(res.status, 200);
    assert.equal(running.connector.calls.length, 1);
  });

  it('drops another tenant before any handler runs, logs it, and answers 403', async () => {
    running.connector.reset();
    running.logs.length = 0;
    const res = await running.postActivity(teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl, tenantId: '99999999-2222-3333-4444-555555555555' }));
    assert.equal(res.status, 403);
    assert.equal(running.connector.calls.length, 0);
    assert.ok(running.logs.some((l) => l.event === 'tenant-refused' && l.tenantId === '99999999-2222-3333-4444-555555555555'));
    assert.ok(!running.logs.some((l) => l.event === 'turn'), 'no turn was logged');
  });

  it('reads the tenant from channelData.tenant.id when conversation.tenantId is missing', async () => {
    running.connector.reset();
    const activity = teamsMessage({ text: 'hjælp', serviceUrl: running.connector.serviceUrl, tenantId: '99999999-2222-3333-4444-555555555555' }) as { conversation: Record<string, unknown> };
    delete activity.conversation.tenantId;
    assert.equal((await running.postActivity(activity)).status, 403);
    const allowed = teamsMessage({ text: 'hjælp', serviceUrl: running.connector.serviceUrl, tenantId: ALLOWED }) as { conversation: Record<string, unknown> };
    delete allowed.conversation.tenantId;
    assert.equal((await running.postActivity(allowed)).status, 200);
  });

  it('drops an activity that names no tenant at all', async () => {
    const activity = teamsMessage({ text: 'hjælp', serviceUrl: running.connector.serviceUrl }) as { conversation: Record<string, unknown>; channelData?: unknown };
    delete activity.conversation.tenantId;
    delete activity.channelData;
    assert.equal((await running.postActivity(activity)).status, 403);
  });
});

describe('end to end: the error boundary', () => {
  it('tells the user a short Danish message with a reference, and logs the details', async () => {
    const failing: MeasurementStore = {
      kind: 'sqlite',
      migrate: async () => undefined,
      appendMeasurement: async () => {
        throw new Error('unused');
      },
      appendMeasurements: async () => {
        throw new Error('unused');
      },
      appendSubmission: async () => {
        throw new Error('unused');
      },
      measurementById: async () => undefined,
      newestVersionOf: async () => undefined,
      latestMeasurementsAsOf: async () => [],
      measurementBySubmission: async () => undefined,
      listMeasurements: async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      },
      probeWrite: async () => undefined,
      listSeriesPage: async () => [],
      historyFirstPage: async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      },
      statusRows: async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      },
      latestMeasurements: async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      },
      appliedMigrations: async () => [1],
      ping: async () => undefined,
      close: async () => undefined,
    };
    const running = await startRunningApp({ store: failing, clock: OCT_2021 });
    try {
      const res = await running.postActivity(teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl }));
      assert.ok(res.status < 500 || !/SQLITE|secret/.test(res.body), 'no internals in the HTTP response');
      assert.doesNotMatch(res.body, /SQLITE|secret/);
      await running.connector.waitForCalls(1);
      const text = String(running.connector.calls[0]!.body.text);
      assert.match(text, /^Beklager, der gik noget galt hos mig\. Prøv igen om lidt\. \(Reference: [0-9a-f]{6}\)$/);
      const reference = /Reference: ([0-9a-f]{6})/.exec(text)![1];
      const errorLine = running.logs.find((l) => l.reference === reference);
      assert.ok(errorLine, 'the log has the details under the same reference');
      assert.match(JSON.stringify(errorLine), /SQLITE_CORRUPT/);
    } finally {
      await running.close();
    }
  });
});
