import type { TurnInfo } from '../turn-info';
import type { AccessPolicy, Principals, Role } from './access-policy';

function listed(user: TurnInfo['user'], p: Principals): boolean {
  const oid = user.aadObjectId?.trim().toLowerCase();
  const upn = user.upn?.trim().toLowerCase();
  return (oid !== undefined && oid !== '' && p.objectIds.has(oid)) || (upn !== undefined && upn !== '' && p.upns.has(upn));
}

function inGroup(user: TurnInfo['user'], groups: ReadonlySet<string> | undefined): boolean {
  return groups !== undefined && (user.groupIds ?? []).some((g) => groups.has(g.toLowerCase()));
}

/**
 * The user's role: admin if listed in ADMIN_USERS or a member of an ADMIN_GROUP_IDS group, staff
 * likewise (STAFF_USERS, STAFF_GROUP_IDS), else reader. Matches the Entra object id Teams sends,
 * the UPN when the shell looked it up, and the groups the shell checked through Graph.
 * The channel user id (29:…) is never used: it differs per bot and cannot be configured ahead.
 */
export function roleOf(user: TurnInfo['user'], policy: AccessPolicy): Role {
  if (listed(user, policy.admins) || inGroup(user, policy.adminGroupIds)) return 'admin';
  if (listed(user, policy.staff) || inGroup(user, policy.staffGroupIds)) return 'staff';
  return 'reader';
}

/** Staff and admins may record and correct measurements. */
export function mayRecordMeasurements(role: Role): boolean {
  return role === 'staff' || role === 'admin';
}
