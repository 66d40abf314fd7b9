import assert from 'node:assert/strict';
import { FakeGraphServer } from '../helpers/fake-graph-server';
import { testGraphClient } from '../helpers/graph-test-client';
import { createGraphGroupMembership } from '../../graph/graph-group-membership';
import { silentLogger } from '../../core/silent-logger';

const ANNA = '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11';
const STAFF_GROUP = 'aaaaaaaa-0000-4000-8000-000000000001';
const TEAM_GROUP = 'aaaaaaaa-0000-4000-8000-000000000002';
const ADMIN_GROUP = 'aaaaaaaa-0000-4000-8000-000000000003';

describe('group membership through Microsoft Graph (checkMemberGroups)', function () {
  let fake: FakeGraphServer;
  let clock = 0;
  const membership = (options: { timeoutMs?: number } = {}) =>
    createGraphGroupMembership({ client: testGraphClient(fake.baseUrl).client, logger: silentLogger, now: () => clock, ...options });

  beforeEach(async function () {
    fake = new FakeGraphServer();
    await fake.start();
    clock = 0;
    fake.users.set(ANNA, { installed: true });
    // Anna is in a team group, which is in the staff group: transitive membership.
    fake.groupMembers.set(TEAM_GROUP, new Set([ANNA]));
    fake.groupMembers.set(STAFF_GROUP, new Set([TEAM_GROUP]));
    fake.groupMembers.set(ADMIN_GROUP, new Set());
  });
  afterEach(async function () {
    await fake.stop();
  });

  it('asks POST /users/{id}/checkMemberGroups with the configured ids and answers the transitive ones', async function () {
    const groups = await membership()(ANNA, [ADMIN_GROUP, STAFF_GROUP]);
    assert.deepEqual(groups, [STAFF_GROUP]);
    const [call] = fake.callsTo('/checkMemberGroups', 'POST');
    assert.equal(call!.path, `/users/${ANNA}/checkMemberGroups`);
    assert.deepEqual(call!.body, { groupIds: [ADMIN_GROUP, STAFF_GROUP] });
    assert.deepEqual(fake.schemaProblems, []);
  });

  it('remembers an answer for five minutes, then asks again (someone removed from the group loses the role)', async function () {
    const check = membership();
    await check(ANNA, [STAFF_GROUP]);
    clock += 4 * 60_000;
    await check(ANNA, [STAFF_GROUP]);
    assert.equal(fake.callsTo('/checkMemberGroups').length, 1);
    fake.groupMembers.set(TEAM_GROUP, new Set());
    clock += 2 * 60_000;
    assert.deepEqual(await check(ANNA, [STAFF_GROUP]), []);
    assert.equal(fake.callsTo('/checkMemberGroups').length, 2);
  });

  it('asks in requests of at most 20 groups (Graph\'s limit)', async function () {
    const many = Array.from({ length: 45 }, (_, i) => `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`);
    fake.groupMembers.set(many[44]!, new Set([ANNA]));
    assert.deepEqual(await membership()(ANNA, many), [many[44]]);
    assert.deepEqual(fake.callsTo('/checkMemberGroups').map((c) => (c.body as { groupIds: string[] }).groupIds.length), [20, 20, 5]);
  });

  it('fails closed: an error, an unknown user or a hanging Graph answers no groups', async function () {
    fake.failNext({ pathIncludes: '/checkMemberGroups' }, { status: 403 });
    assert.deepEqual(await membership()(ANNA, [STAFF_GROUP]), []);
    assert.deepEqual(await membership()('0e0e0e0e-0000-4000-8000-000000000000', [STAFF_GROUP]), []);
    fake.failNext({ pathIncludes: '/checkMemberGroups' }, { network: 'hang' });
    const started = Date.now();
    assert.deepEqual(await membership({ timeoutMs: 300 })(ANNA, [STAFF_GROUP]), []);
    assert.ok(Date.now() - started < 2_000, 'the turn is not held up');
  });

  it('a failure is remembered briefly, so a Graph outage is not asked on every turn', async function () {
    const check = membership();
    fake.failNext({ pathIncludes: '/checkMemberGroups' }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    assert.deepEqual(await check(ANNA, [STAFF_GROUP]), []);
    const asked = fake.callsTo('/checkMemberGroups').length;
    clock += 10_000;
    assert.deepEqual(await check(ANNA, [STAFF_GROUP]), []);
    assert.equal(fake.callsTo('/checkMemberGroups').length, asked);
    clock += 30_000;
    fake.failNext({ pathIncludes: '/checkMemberGroups' });
    assert.deepEqual(await check(ANNA, [STAFF_GROUP]), [STAFF_GROUP]);
  });
});
