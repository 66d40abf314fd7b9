import assert from 'node:assert/strict';
import { startRunningApp, cardOf, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import { inputById, inputIds, submitAction } from '../helpers/card-inputs';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { testGraphClient } from '../helpers/graph-test-client';
import { createGraphGroupMembership } from '../../graph/graph-group-membership';
import { silentLogger } from '../../core/silent-logger';

/**
 * Roles from Entra ID security groups, end to end over HTTP: STAFF_GROUP_IDS names a group, the
 * app asks the loopback Graph (checkMemberGroups, transitive) who is in it, and a member records
 * a measurement while someone outside it is refused with the object id an administrator needs.
 * Graph failing refuses (fail closed); the user lists keep working beside the groups.
 */
const STAFF_GROUP = 'aaaaaaaa-0000-4000-8000-000000000001';
const NESTED_TEAM = 'aaaaaaaa-0000-4000-8000-000000000002';
const ANNA = { fromId: '29:anna', fromAadObjectId: '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11', fromName: 'Anna Andersen' };
const DORTE = { fromId: '29:dorte', fromAadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', fromName: 'Direktør Dorte' };
const LISTED = { fromId: '29:listed', fromAadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003', fromName: 'Listet Lise' };
type User = typeof ANNA;

describe('roles from security groups (STAFF_GROUP_IDS through Microsoft Graph)', function () {
  let graph: FakeGraphServer;
  let running: RunningApp;

  beforeEach(async function () {
    graph = new FakeGraphServer();
    await graph.start();
    for (const u of [ANNA, DORTE, LISTED]) graph.users.set(u.fromAadObjectId, { installed: true });
    graph.groupMembers.set(NESTED_TEAM, new Set([ANNA.fromAadObjectId]));
    graph.groupMembers.set(STAFF_GROUP, new Set([NESTED_TEAM]));
    const groupMembership = createGraphGroupMembership({ client: testGraphClient(graph.baseUrl).client, logger: silentLogger });
    running = await startRunningApp({
      clock: () => new Date('2021-10-15T10:00:00Z'),
      env: { STAFF_GROUP_IDS: STAFF_GROUP, STAFF_USERS: LISTED.fromAadObjectId, GRAPH_TENANT_ID: '11111111-2222-3333-4444-555555555555', GRAPH_CLIENT_ID: '66666666-7777-8888-9999-000000000000', GRAPH_CLIENT_SECRET: 'x', GRAPH_BASE_URL: graph.baseUrl },
      groupMembership,
    });
  });
  afterEach(async function () {
    await running.close();
    await graph.stop();
  });

  async function invoke(verb: string, data: Record<string, unknown>, user: User): Promise<{ statusCode: number; type: string; value: unknown }> {
    const res = await running.postActivity(teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb, data, ...user }));
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
  }

  async function record(user: User): Promise<{ statusCode: number; type: string; value: unknown }> {
    const form = await invoke('openUpdateForm', { goalId: '4' }, user);
    if (form.type !== 'application/vnd.microsoft.card.adaptive') return form;
    const card = form.value as Record<string, unknown>;
    const action = submitAction(card);
    const values: Record<string, string> = { value: '41', period: '2021', measuredOn: '2021-10-01', source: 'brugerevaluering' };
    const inputs = Object.fromEntries(inputIds(card).map((id) => [id, values[id] ?? String(inputById(card, id)?.value ?? '')]));
    return invoke(action.verb, { ...action.data, ...inputs }, user);
  }

  it('a member of a group inside the staff group records a measurement; the status card offers her "Opdater"', async function () {
    const saved = await record(ANNA);
    assert.match(JSON.stringify(saved.value), /Målingen er gemt/);
    assert.equal((await running.store.listMeasurements(running.contract.id)).length, 1);
    const activity = teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl, fromAadObjectId: ANNA.fromAadObjectId });
    await running.postActivity(activity);
    await running.connector.waitForCalls(1);
    const card = cardOf(running.connector.calls[0]!.body) as { actions?: Array<{ title: string }> };
    assert.ok(card.actions?.some((a) => a.title === 'Opdater'));
    assert.ok(graph.callsTo('/checkMemberGroups').every((c) => JSON.stringify(c.body) === JSON.stringify({ groupIds: [STAFF_GROUP] })));
  });

  it('someone outside the group is refused and told the object id an administrator needs; nothing is stored', async function () {
    const refused = await record(DORTE);
    assert.equal(refused.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(refused.value), /^Beklager – kun medarbejdere/);
    assert.match(String(refused.value), /Administratoren skal bruge dit Entra-objekt-id: a1b2c3d4-0000-4000-8000-000000000001\./);
    assert.deepEqual(await running.store.listMeasurements(running.contract.id), []);
  });

  it('fails closed when Graph fails: the group member is refused, someone in STAFF_USERS still records', async function () {
    graph.failNext({ pathIncludes: '/checkMemberGroups' }, { status: 403 }, { status: 403 }, { status: 403 }, { status: 403 });
    assert.match(String((await record(ANNA)).value), /^Beklager/);
    assert.match(JSON.stringify((await record(LISTED)).value), /Målingen er gemt/);
    assert.equal((await running.store.listMeasurements(running.contract.id)).length, 1);
  });
});
