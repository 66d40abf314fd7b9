import assert from 'node:assert/strict';
import { readAccessPolicy } from '../../config/read-access-policy';
import { ConfigError, readConfig } from '../../config/read-config';
import { roleOf, mayRecordMeasurements } from '../../core/access/role-of';
import { policyNamesUpns } from '../../core/access/access-policy';
import type { TurnInfo } from '../../core/turn-info';

const ANNA = 'A1111111-1111-4111-8111-111111111111';

function user(overrides: Partial<TurnInfo['user']> = {}): TurnInfo['user'] {
  return { id: '29:x', aadObjectId: undefined, name: 'X', ...overrides };
}

describe('STAFF_USERS and ADMIN_USERS', function () {
  it('reads comma-separated object ids and UPNs, lower-cased, ignoring blanks and spaces', function () {
    const { policy, problems } = readAccessPolicy({ STAFF_USERS: ` ${ANNA} , Bo@Erhvervshus.dk,, `, ADMIN_USERS: 'chef@erhvervshus.dk' });
    assert.deepEqual(problems, []);
    assert.deepEqual([...policy.staff.objectIds], [ANNA.toLowerCase()]);
    assert.deepEqual([...policy.staff.upns], ['bo@erhvervshus.dk']);
    assert.deepEqual([...policy.admins.upns], ['chef@erhvervshus.dk']);
    assert.equal(policyNamesUpns(policy), true);
  });

  it('unset means nobody may write (fail closed), and needs no UPN lookups', function () {
    const { policy, problems } = readAccessPolicy({});
    assert.deepEqual(problems, []);
    assert.equal(policy.staff.objectIds.size + policy.staff.upns.size + policy.admins.objectIds.size + policy.admins.upns.size, 0);
    assert.equal(policyNamesUpns(policy), false);
    assert.equal(roleOf(user({ aadObjectId: ANNA }), policy), 'reader');
  });

  it('refuses an entry that is neither a GUID nor a UPN, naming the variable and the fix', function () {
    assert.throws(
      () => readConfig({ STAFF_USERS: `${ANNA},Anna Andersen`, ADMIN_USERS: '29:abc' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('STAFF_USERS: "Anna Andersen" er hverken et Entra-objekt-id (GUID) eller et UPN')) &&
        err.problems.some((p) => p.startsWith('ADMIN_USERS: "29:abc"')),
    );
  });

  it("accepts the Agents Playground's user id (not a GUID) in local mode only, so the forms can be tried there", function () {
    const PLAYGROUND = '00000000-0000-0000-0000-0000000000020';
    assert.ok(readConfig({ STAFF_USERS: PLAYGROUND }).access.staff.objectIds.has(PLAYGROUND));
    assert.throws(
      () => readConfig({ STAFF_USERS: PLAYGROUND, MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }),
      (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.startsWith('STAFF_USERS:')),
    );
  });

  it('readConfig carries the policy', function () {
    const config = readConfig({ STAFF_USERS: ANNA });
    assert.equal(roleOf(user({ aadObjectId: ANNA.toLowerCase() }), config.access), 'staff');
  });

  describe('roleOf', function () {
    const { policy } = readAccessPolicy({ STAFF_USERS: `${ANNA},bo@erhvervshus.dk`, ADMIN_USERS: 'c3333333-3333-4333-8333-333333333333,chef@erhvervshus.dk' });
    const cases: Array<[string, TurnInfo['user'], string]> = [
      ['staff by object id (any case)', user({ aadObjectId: ANNA }), 'staff'],
      ['staff by UPN (any case)', user({ upn: 'BO@erhvervshus.dk' }), 'staff'],
      ['admin by object id', user({ aadObjectId: 'C3333333-3333-4333-8333-333333333333' }), 'admin'],
      ['admin by UPN, also listed as nothing else', user({ aadObjectId: 'e5555555-5555-4555-8555-555555555555', upn: 'chef@erhvervshus.dk' }), 'admin'],
      ['a director (not listed)', user({ aadObjectId: 'e5555555-5555-4555-8555-555555555555', upn: 'erik@erhvervshus.dk' }), 'reader'],
      ['someone with no ids at all', user({ id: ANNA }), 'reader'],
      ['a UPN looked up as none', user({ upn: null }), 'reader'],
    ];
    for (const [name, u, role] of cases) {
      it(`${name} → ${role}`, function () {
        assert.equal(roleOf(u, policy), role);
      });
    }

    it('staff and admins may record measurements, readers may not', function () {
      assert.deepEqual((['reader', 'staff', 'admin'] as const).map(mayRecordMeasurements), [false, true, true]);
    });
  });
});

describe('STAFF_GROUP_IDS and ADMIN_GROUP_IDS', function () {
  const GROUP = 'AAAAAAAA-0000-4000-8000-000000000001';
  const GRAPH = { GRAPH_TENANT_ID: '11111111-2222-3333-4444-555555555555', GRAPH_CLIENT_ID: '66666666-7777-8888-9999-000000000000', GRAPH_CLIENT_SECRET: 'x' };

  it('reads group object ids, lower-cased', function () {
    const { policy, problems } = readAccessPolicy({ STAFF_GROUP_IDS: ` ${GROUP} ,`, ADMIN_GROUP_IDS: '' });
    assert.deepEqual(problems, []);
    assert.deepEqual([...(policy.staffGroupIds ?? [])], [GROUP.toLowerCase()]);
    assert.deepEqual([...(policy.adminGroupIds ?? [])], []);
  });

  it('refuses what is not a group object id, and groups without Microsoft Graph, all in one report', function () {
    assert.throws(
      () => readConfig({ STAFF_GROUP_IDS: 'Medarbejdere', ADMIN_GROUP_IDS: GROUP }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('STAFF_GROUP_IDS: "Medarbejdere" er ikke et gruppe-objekt-id (GUID)')) &&
        err.problems.some((p) => p.startsWith('STAFF_GROUP_IDS/ADMIN_GROUP_IDS: gruppemedlemskab slås op i Microsoft Graph, som er slået fra')),
    );
    assert.equal(readConfig({ ADMIN_GROUP_IDS: GROUP, ...GRAPH }).access.adminGroupIds?.has(GROUP.toLowerCase()), true);
  });
});

describe('roleOf with groups', function () {
  const policy = { ...readAccessPolicy({ STAFF_GROUP_IDS: 'aaaaaaaa-0000-4000-8000-000000000001', ADMIN_GROUP_IDS: 'aaaaaaaa-0000-4000-8000-000000000002' }).policy };
  const user = (groupIds?: string[]): TurnInfo['user'] => ({ id: '29:x', aadObjectId: '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11', name: 'X', groupIds });
  it('a staff group makes staff, an admin group admin, no checked group (or none checked) a reader', function () {
    assert.equal(roleOf(user(['AAAAAAAA-0000-4000-8000-000000000001']), policy), 'staff');
    assert.equal(roleOf(user(['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002']), policy), 'admin');
    assert.equal(roleOf(user([]), policy), 'reader');
    assert.equal(roleOf(user(undefined), policy), 'reader');
    assert.equal(roleOf(user(['bbbbbbbb-0000-4000-8000-000000000009']), policy), 'reader');
  });
});
