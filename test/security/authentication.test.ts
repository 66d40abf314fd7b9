import assert from 'node:assert/strict';
import { startRunningApp, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { FakeBotFrameworkAuth } from '../helpers/fake-bot-framework-auth';

const APP_ID = '0d5a2f7e-1b3c-4d5e-8f90-123456789abc';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/**
 * With credentials configured, /api/messages accepts only valid Bot Framework tokens. The bot's
 * real auth layer (botbuilder's) is pointed at a loopback OpenID metadata + JWKS server whose key
 * signs the tokens. The probe is a card action with an unknown verb: it needs no outbound call,
 * and its answer (the bot's own "unknown action" error card response) proves a handler ran.
 */
describe('security: Bot Framework authentication on /api/messages', function () {
  let auth: FakeBotFrameworkAuth;
  let running: RunningApp;

  let restoreConsole: () => void;

  before(async function () {
    // botbuilder's auth layer writes every refusal to console.error itself; keep the test output readable.
    const original = console.error;
    console.error = () => undefined;
    restoreConsole = () => (console.error = original);
    auth = new FakeBotFrameworkAuth();
    await auth.start();
    running = await startRunningApp({
      env: { MAALBOT_MODE: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', MicrosoftAppTenantId: TENANT },
      authEndpoints: auth.endpoints(),
    });
  });
  after(async function () {
    restoreConsole();
    await running.close();
    await auth.stop();
  });

  function probe(serviceUrl = running.connector.serviceUrl): Record<string, unknown> {
    const base = teamsMessage({ text: '', serviceUrl, tenantId: TENANT });
    return { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'no-such-verb', data: {} }, trigger: 'manual' } };
  }

  async function send(activity: Record<string, unknown>, authorization?: string) {
    running.logs.length = 0;
    const res = await running.postActivity(activity, authorization === undefined ? {} : { authorization });
    const handlerRan = running.logs.some((l) => l.event === 'turn');
    return { ...res, handlerRan };
  }

  it('accepts a valid token: the handler runs', async function () {
    const activity = probe();
    const res = await send(activity, `Bearer ${auth.token({ aud: APP_ID, serviceurl: String(activity.serviceUrl) })}`);
    assert.equal(res.handlerRan, true, res.body);
    const body = JSON.parse(res.body) as { type: string; value: { message: string } };
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.match(body.value.message, /Den handling kender jeg ikke/);
  });

  const refusals: Array<[string, (a: Record<string, unknown>) => string | undefined]> = [
    ['a missing Authorization header', () => undefined],
    ['a header that is not a bearer token', () => 'Basic dXNlcjpwYXNz'],
    ['a malformed token', () => 'Bearer not.a.jwt'],
    ['an expired token', (a) => `Bearer ${auth.token({ aud: APP_ID, serviceurl: String(a.serviceUrl), expiresInSeconds: -3600 })}`],
    ['a token not yet valid', (a) => `Bearer ${auth.token({ aud: APP_ID, serviceurl: String(a.serviceUrl), notBeforeSeconds: 3600 })}`],
    ['a wrong issuer', (a) => `Bearer ${auth.token({ aud: APP_ID, serviceurl: String(a.serviceUrl), iss: 'https://evil.example' })}`],
    ['a wrong audience', (a) => `Bearer ${auth.token({ aud: 'another-bot', serviceurl: String(a.serviceUrl) })}`],
    ['a bad signature (a key the bot never saw)', (a) => `Bearer ${auth.token({ aud: APP_ID, serviceurl: String(a.serviceUrl) }, FakeBotFrameworkAuth.foreignKey())}`],
    ['a serviceurl claim that differs from the activity', () => `Bearer ${auth.token({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/evil/' })}`],
  ];
  for (const [name, header] of refusals) {
    it(`refuses ${name} with 401, runs no handler and leaks nothing`, async function () {
      const activity = probe();
      const res = await send(activity, header(activity));
      assert.equal(res.status, 401, res.body);
      assert.deepEqual(JSON.parse(res.body), { error: 'Unauthorized' });
      assert.equal(res.handlerRan, false);
      assert.equal(running.connector.calls.length, 0);
      assert.ok(running.logs.some((l) => l.event === 'auth-refused'), 'the refusal is logged');
    });
  }
});
