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
