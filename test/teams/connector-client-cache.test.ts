import assert from 'node:assert/strict';
import { AppCredentials, type AuthenticatorResult, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Activity, TurnContext } from 'botbuilder';
import { createAdapter } from '../../teams/create-adapter';
import type { MaalbotAdapter } from '../../teams/maalbot-adapter';
import { CachingBotFrameworkAuthentication } from '../../teams/caching-bot-framework-authentication';
import { ConnectorClientCache, type ConnectorClient } from '../../teams/connector-client-cache';
import { silentLogger } from '../../core/silent-logger';
import { FakeBotFrameworkAuth } from '../helpers/fake-bot-framework-auth';
import { FakeConnector } from '../helpers/fake-connector';

const APP_ID = '00000000-0000-0000-0000-00000000c0de';
/** How long a token this test's token service hands out stays usable (botbuilder renews it 5 minutes early). */
const TOKEN_LIFETIME_MS = 400;

/** Real botbuilder AppCredentials (its token cache and expiry check), with a loopback token service. */
class ShortLivedCredentials extends AppCredentials {
  constructor(
    appId: string,
    private readonly issued: string[],
    scope: string,
  ) {
    super(appId, undefined, scope);
  }
  protected async refreshToken(): Promise<AuthenticatorResult> {
    const token = `token-${this.issued.length + 1}`;
    this.issued.push(token);
    return { accessToken: token, expiresOn: new Date(Date.now() + 5 * 60_000 + TOKEN_LIFETIME_MS) };
  }
}

let factories = 0;

class CountingCredentialsFactory extends ServiceClientCredentialsFactory {
  readonly issued: string[] = [];
  /** botbuilder caches tokens process-wide by app id and scope: a scope of its own per factory. */
  private readonly scope = `https://api.botframework.com/test-${++factories}`;
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string): Promise<AppCredentials> {
    return new ShortLivedCredentials(appId, this.issued, this.scope);
  }
}

describe('teams/connector-client-cache: one ConnectorClient per serviceUrl, tokens still fresh', function () {
  const auth = new FakeBotFrameworkAuth();
  const connectorA = new FakeConnector();
  const connectorB = new FakeConnector();
  let credentials: CountingCredentialsFactory;
  let adapter: MaalbotAdapter;

  before(async () => {
    await Promise.all([auth.start(), connectorA.start(), connectorB.start()]);
  });
  after(async () => {
    await Promise.all([auth.stop(), connectorA.stop(), connectorB.stop()]);
  });
  beforeEach(() => {
    connectorA.reset();
    connectorB.reset();
    credentials = new CountingCredentialsFactory();
    adapter = createAdapter({ appId: APP_ID, appPassword: 'unused', appType: 'SingleTenant', tenantId: 'tenant' }, silentLogger, auth.endpoints(), { credentialsFactory: credentials });
  });

  function message(serviceUrl: string, text: string): Activity {
    return {
      type: 'message',
      id: `in-${text}`,
      text,
      channelId: 'msteams',
      serviceUrl,
      from: { id: '29:user', name: 'Bruger' },
      recipient: { id: `28:${APP_ID}`, name: 'Målbot' },
      conversation: { id: 'a:conversation', conversationType: 'personal', tenantId: 'tenant' },
    } as Activity;
  }

  /** One authenticated turn that replies once; resolves to the turn's connector client. */
  async function replyTurn(serviceUrl: string, text: string): Promise<unknown> {
    const activity = message(serviceUrl, text);
    const result = await adapter.authenticate(activity, `Bearer ${auth.token({ aud: APP_ID, serviceurl: serviceUrl })}`);
    let client: unknown;
    await adapter.processAuthenticated(result, activity, async (context: TurnContext) => {
      client = context.turnState.get(adapter.ConnectorClientKey);
      await context.sendActivity(`svar på ${text}`);
    });
    return client;
  }

  it('reuses the client for turns on one serviceUrl, and its replies carry a valid token after the old one expired', async () => {
    const first = await replyTurn(connectorA.serviceUrl, 'en');
    const second = await replyTurn(connectorA.serviceUrl, 'to');
    await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_MS + 150));
    const third = await replyTurn(connectorA.serviceUrl, 'tre');

    assert.equal(second, first);
    assert.equal(third, first);
    assert.deepEqual(connectorA.calls.map((c) => c.authorization), ['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    assert.deepEqual(credentials.issued, ['token-1', 'token-2']);
  });

  it('gives two serviceUrls two clients, each talking to its own connector', async () => {
    const a = await replyTurn(connectorA.serviceUrl, 'a');
    const b = await replyTurn(connectorB.serviceUrl, 'b');
    const a2 = await replyTurn(connectorA.serviceUrl, 'a2');

    assert.notEqual(b, a);
    assert.equal(a2, a);
    assert.deepEqual(connectorA.calls.map((c) => c.body.text), ['svar på a', 'svar på a2']);
    assert.deepEqual(connectorB.calls.map((c) => c.body.text), ['svar på b']);
    for (const call of [...connectorA.calls, ...connectorB.calls]) assert.match(call.authorization ?? '', /^Bearer token-\d+$/);
  });

  it('keeps proactive clients apart from reply clients: removing retries for a proactive send leaves replies retrying', async () => {
    const replyClient = await replyTurn(connectorA.serviceUrl, 'svar');
    const reference = { serviceUrl: connectorA.serviceUrl, channelId: 'msteams', conversation: { id: 'a:conversation' }, bot: { id: `28:${APP_ID}` } };
    const proactiveClients: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      await adapter.continueConversationAsync(APP_ID, reference as never, async (context: TurnContext) => {
        proactiveClients.push(context.turnState.get(adapter.ConnectorClientKey));
        await context.sendActivity('påmindelse');
      });
    }
    assert.notEqual(proactiveClients[0], replyClient);
    assert.equal(proactiveClients[1], proactiveClients[0]);

    // A 503 on the next reply: the reply client still has its retry policy and tries again.
    connectorA.fault = (_call, attempt) => (attempt === 4 ? { kind: 'status', status: 503, retryAfter: '0' } : undefined);
    (proactiveClients[0] as { client: { pipeline: { removePolicy(o: { phase: string }): void } } }).client.pipeline.removePolicy({ phase: 'Retry' });
    const again = await replyTurn(connectorA.serviceUrl, 'igen');
    assert.equal(again, replyClient);
    assert.deepEqual(connectorA.attempts.map((a) => a.fault), [undefined, undefined, undefined, 'status', undefined]);
  });

  it('reuses the user token client too, across reply turns and across proactive turns', async () => {
    const seen: unknown[] = [];
    for (const text of ['en', 'to']) {
      const activity = message(connectorA.serviceUrl, text);
      const result = await adapter.authenticate(activity, `Bearer ${auth.token({ aud: APP_ID, serviceurl: connectorA.serviceUrl })}`);
      await adapter.processAuthenticated(result, activity, async (context: TurnContext) => {
        seen.push(context.turnState.get(adapter.UserTokenClientKey));
      });
    }
    for (let i = 0; i < 2; i++) {
      await adapter.continueConversationAsync(APP_ID, { serviceUrl: connectorA.serviceUrl, channelId: 'msteams', conversation: { id: 'a:conversation' } } as never, async (context: TurnContext) => {
        seen.push(context.turnState.get(adapter.UserTokenClientKey));
      });
    }
    assert.ok(seen[0] !== undefined && seen[2] !== undefined);
    assert.equal(seen[1], seen[0]);
    assert.equal(seen[3], seen[2]);
  });

  it('builds one client per key when turns start together', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map((i) => replyTurn(connectorA.serviceUrl, `samtidig ${i}`)));
    assert.equal(new Set(clients).size, 1);
    assert.equal((adapter as unknown as { botFrameworkAuthentication: CachingBotFrameworkAuthentication }).botFrameworkAuthentication.replyClients.size, 1);
  });
});

describe('teams/connector-client-cache: ConnectorClientCache', () => {
  const claims = (aud: string) => ({ isAuthenticated: true, claims: [{ type: 'aud', value: aud }] }) as never;
  function countingFactory(fail = false) {
    const created: string[] = [];
    return {
      created,
      create: async (serviceUrl: string, audience?: string) => {
        created.push(`${serviceUrl} ${audience ?? ''}`);
        if (fail) throw new Error('no token');
        return { serviceUrl } as unknown as ConnectorClient;
      },
    };
  }

  it('keys by app, serviceUrl and audience, and drops the oldest beyond its size', async () => {
    const cache = new ConnectorClientCache(2);
    const inner = countingFactory();
    await cache.factory(claims('bot'), inner).create('https://a/', 'scope');
    await cache.factory(claims('bot'), inner).create('https://a/', 'scope');
    await cache.factory(claims('bot'), inner).create('https://a/', 'other');
    await cache.factory(claims('another-bot'), inner).create('https://a/', 'scope');
    assert.deepEqual(inner.created, ['https://a/ scope', 'https://a/ other', 'https://a/ scope']);
    assert.equal(cache.size, 2);
    await cache.factory(claims('bot'), inner).create('https://a/', 'scope'); // the oldest, dropped: built again
    assert.equal(inner.created.length, 4);
  });

  it('does not keep a failed creation', async () => {
    const cache = new ConnectorClientCache();
    const inner = countingFactory(true);
    for (let i = 0; i < 2; i++) {
      const error = await cache.factory(claims('bot'), inner).create('https://a/').catch((e: unknown) => e);
      assert.ok(error instanceof Error);
    }
    assert.equal(inner.created.length, 2);
    assert.equal(cache.size, 0);
  });
});
