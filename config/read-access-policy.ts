import type { AccessPolicy, Principals } from '../core/access/access-policy';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The Microsoft 365 Agents Playground's made-up user object id (`00000000-0000-0000-0000-0000000000020`)
 * has 13 digits in its last group, so it is no GUID. Accepted only in local mode (no bot credentials,
 * where the Playground is the client), so a newcomer can try the forms there; never with credentials.
 */
const PLAYGROUND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{13}$/i;
// A UPN is name@domain; only the shape is checked (Entra allows more characters than an e-mail).
const UPN = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function readList(env: NodeJS.ProcessEnv, name: 'STAFF_USERS' | 'ADMIN_USERS', localMode: boolean): { principals: Principals; problems: string[] } {
  const entries = (env[name] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const objectIds = new Set<string>();
  const upns = new Set<string>();
  const bad: string[] = [];
  for (const entry of entries) {
    if (GUID.test(entry) || (localMode && PLAYGROUND_ID.test(entry))) objectIds.add(entry.toLowerCase());
    else if (UPN.test(entry)) upns.add(entry.toLowerCase());
    else bad.push(entry);
  }
  const problems =
    bad.length === 0
      ? []
      : [
          `${name}: ${bad.map((b) => JSON.stringify(b)).join(', ')} er hverken et Entra-objekt-id (GUID) eller et UPN (navn@domæne); ` +
            'angiv kommaseparerede værdier, fx 6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11,anna@erhvervshus.dk',
        ];
  return { principals: { objectIds, upns }, problems };
}

function readGroups(env: NodeJS.ProcessEnv, name: 'STAFF_GROUP_IDS' | 'ADMIN_GROUP_IDS'): { ids: Set<string>; problems: string[] } {
  const entries = (env[name] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = entries.filter((e) => !GUID.test(e));
  const problems =
    bad.length === 0
      ? []
      : [`${name}: ${bad.map((b) => JSON.stringify(b)).join(', ')} er ikke et gruppe-objekt-id (GUID); angiv sikkerhedsgruppernes "Object ID" fra Entra ID, kommasepareret`];
  return { ids: new Set(entries.filter((e) => GUID.test(e)).map((e) => e.toLowerCase())), problems };
}

/**
 * STAFF_USERS and ADMIN_USERS: comma-separated Entra object ids and/or UPNs of the people who
 * may record measurements (staff) and administer the bot (admins, who may also record).
 * Unset means nobody: every write is refused politely until someone is configured.
 * STAFF_GROUP_IDS and ADMIN_GROUP_IDS: Entra ID security groups whose (transitive) members are
 * staff / admins, for organisations that manage roles by group rather than by list.
 */
export function readAccessPolicy(env: NodeJS.ProcessEnv): { policy: AccessPolicy; problems: string[] } {
  // Local mode = no bot credentials (authentication off): the Agents Playground's user id is accepted there.
  const localMode = (env.MicrosoftAppId ?? '').trim() === '';
  const staff = readList(env, 'STAFF_USERS', localMode);
  const admins = readList(env, 'ADMIN_USERS', localMode);
  // Security groups (checked through Graph; read-config.ts insists that Graph is on when they are set).
  const staffGroups = readGroups(env, 'STAFF_GROUP_IDS');
  const adminGroups = readGroups(env, 'ADMIN_GROUP_IDS');
  return {
    policy: { staff: staff.principals, admins: admins.principals, staffGroupIds: staffGroups.ids, adminGroupIds: adminGroups.ids },
    problems: [...staff.problems, ...admins.problems, ...staffGroups.problems, ...adminGroups.problems],
  };
}
