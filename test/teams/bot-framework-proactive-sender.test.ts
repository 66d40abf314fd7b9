import assert from 'node:assert/strict';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createAdapter } from '../../teams/create-adapter';
import { BotProactiveSender } from '../../teams/bot-framework-proactive-sender';
import { DeliveryError } from '../../core/ports/delivery-error';
import { adaptiveCard, textBlock } from '../../cards/adaptive-card';
import { cardReply } from '../../core/reply';
import { RateLimitedConnector, type InjectedFailure } from '../helpers/rate-limited-connector';

function reference(serviceUrl: string, conversationId: string): Record<string, unknown> {
  return {
    bot: { id: '28:maalbot-test-bot', name: 'Målbot' },
    conversation: { id: conversationId, conversationType: 'channel', tenantId: 'tenant-1', isGroup: true },
    channelId: 'msteams',
    serviceUrl,
    locale: 'da-DK',
  };
}

const reply = cardReply(adaptiveCard([textBlock('Påmindelse')], [], 'Påmindelse'), 'Påmindelse');

describe('BotProactiveSender (continueConversationAsync over real HTTP)', function () {
  let connector: RateLimitedConnector;
  let failures: Map<string, InjectedFailure>;
  const logLines: string[] = [];
  const logger = pino({ level: 'error' }, new Writable({ write: (c: Buffer, _e, done) => (logLines.push(c.toString()), done()) }));
  const sender = () => new BotProactiveSender(createAdapter(undefined, logger), '');

  beforeEach(async function () {
    failures = new Map();
    logLines.length = 0;
    connector = new RateLimitedConnector({ inject: (id) => failures.get(id) });
    await connector.start();
  });
  afterEach(async function () {
    await connector.stop();
  });

  it('posts the card into the stored conversation as a new message', async function () {
    await sender().send(reference(connector.serviceUrl, '19:general@thread.tacv2'), reply);
    assert.equal(connector.requests.length, 1);
    const [r] = connector.requests;
    assert.equal(r!.conversationId, '19:general@thread.tacv2');
    assert.equal(r!.status, 200);
    const attachments = r!.body.attachments as Array<{ contentType: string; content: { body: Array<{ text: string }> } }>;
    assert.equal(attachments[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachments[0]!.content.body[0]!.text, 'Påmindelse');
    assert.equal(r!.body.summary, 'Påmindelse');
  });

  it("makes exactly one HTTP attempt on 429 (the connector client's own retries are off) and reports Retry-After", async function () {
    failures.set('c1', { status: 429, retryAfterSeconds: 2 });
    await assert.rejects(sender().send(reference(connector.serviceUrl, 'c1'), reply), (err: unknown) => {
      assert.ok(err instanceof DeliveryError);
      assert.equal(err.kind, 'transient');
      assert.equal(err.statusCode, 429);
      assert.equal(err.retryAfterMs, 2000);
      return true;
    });
    assert.equal(connector.requests.length, 1, 'botbuilder would have retried 429 three more times by itself');
  });

  it('makes one attempt on 503 too (no hidden exponential retries) and classifies it as transient', async function () {
    failures.set('c1', { status: 503 });
    await assert.rejects(sender().send(reference(connector.serviceUrl, 'c1'), reply), (err: unknown) => err instanceof DeliveryError && err.kind === 'transient' && err.statusCode === 503 && err.retryAfterMs === undefined);
    assert.equal(connector.requests.length, 1);
  });

  for (const [status, kind] of [
    [403, 'permanent'],
    [404, 'permanent'],
    [412, 'transient'],
    [502, 'transient'],
    [504, 'transient'],
    [400, 'failed'],
    [413, 'failed'],
    [500, 'failed'],
  ] as const) {
    it(`classifies HTTP ${status} as ${kind}, without posting an apology into the conversation`, async function () {
      failures.set('c1', { status });
      await assert.rejects(sender().send(reference(connector.serviceUrl, 'c1'), reply), (err: unknown) => err instanceof DeliveryError && err.kind === kind && err.statusCode === status);
      assert.equal(connector.requests.length, 1, 'the adapter error handler must not send "Beklager…" to the target');
    });
  }

  it('reports an unreachable connector as transient', async function () {
    const closed = connector.serviceUrl;
    await connector.stop();
    await assert.rejects(sender().send(reference(closed, 'c1'), reply), (err: unknown) => err instanceof DeliveryError && err.kind === 'transient' && err.statusCode === undefined);
  });
});
