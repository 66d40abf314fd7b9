import assert from 'node:assert/strict';
import { readConfig, ConfigError } from '../../config/read-config';
import { readGraphConfig } from '../../config/read-graph-config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '66666666-7777-8888-9999-000000000000';
const DIRECTOR_A = 'aaaaaaaa-0000-0000-0000-00000000000a';
const DIRECTOR_B = 'BBBBBBBB-0000-0000-0000-00000000000B';
const full = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: 'graph-hemmelighed-42' };

describe('Graph configuration', () => {
  it('is off without any GRAPH_ variable (and readConfig says so with graph: undefined)', () => {
    assert.deepEqual(readGraphConfig({}), { graph: undefined, problems: [] });
    assert.equal(readConfig({}).graph, undefined);
  });

  it('treats empty values as unset (a copied .env.example leaves Graph off)', () => {
    assert.equal(readConfig({ GRAPH_TENANT_ID: '', GRAPH_CLIENT_ID: ' ', GRAPH_CLIENT_SECRET: '', GRAPH_DIRECTOR_USER_IDS: '' }).graph, undefined);
  });

  it('reads all settings', () => {
    const c = readConfig({
      ...full,
      GRAPH_MEETING_ORGANIZER: 'direktoer@erhvervshussydjylland.dk',
      GRAPH_DIRECTOR_USER_IDS: ` ${DIRECTOR_A}, ${DIRECTOR_B},,${DIRECTOR_A} `,
      GRAPH_BASE_URL: 'https://graph.microsoft.us',
    });
    assert.deepEqual(c.graph, {
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 'graph-hemmelighed-42',
      meetingOrganizer: 'direktoer@erhvervshussydjylland.dk',
      // trimmed, lower-cased, de-duplicated
      directorUserIds: [DIRECTOR_A, DIRECTOR_B.toLowerCase()],
      baseUrl: 'https://graph.microsoft.us/',
    });
  });

  it('accepts a tenant domain, an organiser object id and a loopback http base URL (tests)', () => {
    const g = readGraphConfig({ ...full, GRAPH_TENANT_ID: 'contoso.onmicrosoft.com', GRAPH_MEETING_ORGANIZER: DIRECTOR_A, GRAPH_BASE_URL: 'http://127.0.0.1:4567/' }).graph;
    assert.equal(g?.tenantId, 'contoso.onmicrosoft.com');
    assert.equal(g?.meetingOrganizer, DIRECTOR_A);
    assert.equal(g?.baseUrl, 'http://127.0.0.1:4567/');
    assert.deepEqual(g?.directorUserIds, []);
  });

  for (const missing of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const) {
    it(`refuses two of the three credentials, naming the missing ${missing}`, () => {
      const env: NodeJS.ProcessEnv = { ...full };
      delete env[missing];
      assert.throws(
        () => readConfig(env),
        (err: unknown) => err instanceof ConfigError && err.problems.length === 1 && err.problems[0]!.startsWith(`${missing}: mangler`),
      );
    });
  }

  it('names both missing variables when only one is set', () => {
    const problems = readGraphConfig({ GRAPH_CLIENT_ID: CLIENT }).problems;
    assert.deepEqual(problems.map((p) => p.split(':')[0]), ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_SECRET']);
  });

  const refusals: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
    ['a client id that is no GUID', { ...full, GRAPH_CLIENT_ID: 'maalbot' }, /^GRAPH_CLIENT_ID: skal være et GUID/],
    ['a tenant that is neither GUID nor domain', { ...full, GRAPH_TENANT_ID: 'min tenant' }, /^GRAPH_TENANT_ID: skal være et GUID eller et domæne/],
    ['an organiser that is neither GUID nor UPN', { ...full, GRAPH_MEETING_ORGANIZER: 'Direktøren' }, /^GRAPH_MEETING_ORGANIZER: skal være brugerens objekt-id/],
    ['a director entry that is no object id', { ...full, GRAPH_DIRECTOR_USER_IDS: `${DIRECTOR_A},jens@x.dk` }, /^GRAPH_DIRECTOR_USER_IDS: "jens@x.dk" er ikke et Entra-objekt-id/],
    ['a base URL over http to another host', { ...full, GRAPH_BASE_URL: 'http://graph.example.org/' }, /^GRAPH_BASE_URL: skal bruge https/],
    ['a base URL with a version path', { ...full, GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' }, /^GRAPH_BASE_URL: skal være roden uden version/],
    ['a base URL that is no URL', { ...full, GRAPH_BASE_URL: 'graph' }, /^GRAPH_BASE_URL: er ikke en URL/],
    ['an organiser without credentials', { GRAPH_MEETING_ORGANIZER: 'a@b.dk' }, /^GRAPH_MEETING_ORGANIZER: er sat, men Microsoft Graph er slået fra/],
    ['director ids without credentials', { GRAPH_DIRECTOR_USER_IDS: DIRECTOR_A }, /^GRAPH_DIRECTOR_USER_IDS: er sat, men Microsoft Graph er slået fra/],
  ];
  for (const [name, env, message] of refusals) {
    it(`refuses ${name} with a message naming the variable`, () => {
      assert.throws(
        () => readConfig(env),
        (err: unknown) => err instanceof ConfigError && err.problems.some((p) => message.test(p)),
      );
    });
  }

  it('never echoes the client secret in an error', () => {
    assert.throws(
      () => readConfig({ GRAPH_CLIENT_SECRET: 'graph-hemmelighed-42', GRAPH_CLIENT_ID: 'x' }),
      (err: unknown) => err instanceof ConfigError && !err.message.includes('graph-hemmelighed-42'),
    );
  });
});
