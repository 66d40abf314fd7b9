import type { TurnInfo } from '../turn-info';
import type { AccessPolicy, Principals, Role } from './access-policy';

function listed(user: TurnInfo['user'], p: Principals): boolean {
  const oid = user.aadObjectId?.trim().toLowerCase();
  const upn = user.upn?.trim().toLowerCase();
  return (oid !== undefined && oid !== '' && p.objectIds.has(oid)) || (upn !== undefined && upn !== '' && p.upns.has(upn));
}

/**
 * The user's role: admin if listed in ADMIN_USERS, staff if in STAFF_USERS, else reader.
 * Matches the Entra object id Teams sends, and the UPN when the shell looked it up.
 * The channel user id (29:…) is never used: it differs per bot and cannot be configured ahead.
 */
export function roleOf(user: TurnInfo['user'], policy: AccessPolicy): Role {
  if (listed(user, policy.admins)) return 'admin';
  if (listed(user, policy.staff)) return 'staff';
  return 'reader';
}

/** Staff and admins may record and correct measurements. */
export function mayRecordMeasurements(role: Role): boolean {
  return role === 'staff' || role === 'admin';
}
