import assert from 'node:assert/strict';
import { readConfig, ConfigError } from '../../config/read-config';

describe('readConfig', () => {
  it('gives a local config with defaults from an empty environment', () => {
    const c = readConfig({});
    assert.equal(c.mode, 'local');
    assert.equal(c.port, 3978);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.credentials, undefined);
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.contractFile, 'goals/contracts');
    assert.equal(c.logLevel, 'info');
    assert.equal(c.maxBodyBytes, 262_144);
    assert.equal(c.outboundTimeoutMs, 15_000);
    assert.equal(c.timeZone, 'Europe/Copenhagen');
  });

  it('treats empty strings as unset (a copied .env.example works as is)', () => {
    const c = readConfig({ PORT: '', MicrosoftAppId: '', MicrosoftAppPassword: '  ', DATABASE_URL: '' });
    assert.equal(c.port, 3978);
    assert.equal(c.credentials, undefined);
    assert.equal(c.databaseUrl, undefined);
  });

  it('reads credentials for a single-tenant bot', () => {
    const c = readConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant', MAALBOT_MODE: 'production' });
    assert.deepEqual(c.credentials, { appId: 'app', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' });
    assert.equal(c.mode, 'production');
  });

  it('accepts a managed identity without a password', () => {
    const c = readConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' });
    assert.equal(c.credentials?.appPassword, undefined);
  });

  const refusals: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
    ['production without credentials', { MAALBOT_MODE: 'production' }, /MicrosoftAppId: produktionstilstand kræver/],
    ['an unknown mode', { MAALBOT_MODE: 'prod' }, /MAALBOT_MODE: skal være "local" eller "production"/],
    ['a port that is not a number', { PORT: 'abc' }, /PORT: /],
    ['a port out of range', { PORT: '70000' }, /PORT: skal være 0–65535/],
    ['a password without an app id', { MicrosoftAppPassword: 'x' }, /MicrosoftAppId: mangler/],
    ['an app id without a password', { MicrosoftAppId: 'a', MicrosoftAppTenantId: 't' }, /MicrosoftAppPassword: mangler/],
    ['single tenant without a tenant id', { MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }, /MicrosoftAppTenantId: mangler/],
    ['an unknown app type', { MicrosoftAppType: 'Foo' }, /MicrosoftAppType: skal være/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: /],
    ['an unknown time zone', { TIME_ZONE: 'Europe/Vojens' }, /TIME_ZONE: er ikke en kendt IANA-tidszone/],
    ['a tiny body limit', { MAX_BODY_BYTES: '10' }, /MAX_BODY_BYTES: mindst 1024/],
    ['no outbound timeout', { OUTBOUND_TIMEOUT_SECONDS: '0' }, /OUTBOUND_TIMEOUT_SECONDS: mindst 1/],
    ['an outbound timeout over two minutes', { OUTBOUND_TIMEOUT_SECONDS: '600' }, /OUTBOUND_TIMEOUT_SECONDS: højst 120/],
  ];
  for (const [name, env, message] of refusals) {
    it(`refuses ${name} with a message naming the variable`, () => {
      assert.throws(() => readConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    });
  }

  it('reports every problem at once: the schema\'s and the other readers\'', () => {
    assert.throws(
      () => readConfig({ PORT: 'abc', LOG_LEVEL: 'loud', REMINDER_TICK_SECONDS: '0' }),
      (err: unknown) => err instanceof ConfigError && /PORT: /.test(err.message) && /LOG_LEVEL: /.test(err.message) && /REMINDER_TICK_SECONDS: /.test(err.message),
    );
  });

  it('never echoes a secret in its error', () => {
    assert.throws(
      () => readConfig({ MicrosoftAppPassword: 'hemmelig-værdi-123' }),
      (err: unknown) => err instanceof ConfigError && !err.message.includes('hemmelig-værdi-123'),
    );
  });
});

describe('readConfig: tenant allow-list (ALLOWED_TENANT_IDS)', () => {
  const creds = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'AAAAAAAA-2222-3333-4444-555555555555' };

  it('lets any tenant in, in local mode without credentials', () => {
    assert.deepEqual(readConfig({}).tenantPolicy, { kind: 'any' });
  });

  it("defaults to the bot's own tenant when credentials are set", () => {
    assert.deepEqual(readConfig(creds).tenantPolicy, { kind: 'only', tenantIds: new Set(['aaaaaaaa-2222-3333-4444-555555555555']) });
  });

  it('fails closed: credentials without any tenant (multi-tenant app, no list) allow nobody', () => {
    const c = readConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' });
    assert.deepEqual(c.tenantPolicy, { kind: 'only', tenantIds: new Set() });
  });

  it('reads a comma-separated list, case-insensitively', () => {
    const c = readConfig({ ...creds, ALLOWED_TENANT_IDS: ' 11111111-2222-3333-4444-555555555555 ,BBBBBBBB-2222-3333-4444-555555555555' });
    assert.deepEqual(c.tenantPolicy, { kind: 'only', tenantIds: new Set(['11111111-2222-3333-4444-555555555555', 'bbbbbbbb-2222-3333-4444-555555555555']) });
  });

  it('refuses something that is not a tenant id, naming the variable', () => {
    assert.throws(() => readConfig({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' }), (err: unknown) => err instanceof ConfigError && /ALLOWED_TENANT_IDS: "contoso\.onmicrosoft\.com" er ikke et tenant-id/.test(err.message));
  });
});
