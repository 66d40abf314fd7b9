/**
 * Who may do what. Everyone who can reach the bot is a reader (status, overview, history);
 * staff may also record and correct measurements; admins may do everything staff may (and what
 * later admin commands add). Read from STAFF_USERS and ADMIN_USERS by config/read-access-policy.ts.
 */
export type Role = 'reader' | 'staff' | 'admin';

/** A list of people by Entra object id and/or user principal name, both lower-cased. */
export interface Principals {
  objectIds: ReadonlySet<string>;
  upns: ReadonlySet<string>;
}

export interface AccessPolicy {
  staff: Principals;
  admins: Principals;
  /**
   * Entra ID security groups (object ids, lower-cased) whose transitive members are staff / admins
   * (STAFF_GROUP_IDS, ADMIN_GROUP_IDS). Membership is checked through Microsoft Graph by the shell
   * and arrives as TurnInfo.user.groupIds. Absent = no groups.
   */
  staffGroupIds?: ReadonlySet<string>;
  adminGroupIds?: ReadonlySet<string>;
}

const none: Principals = { objectIds: new Set(), upns: new Set() };

/** Nobody may write: the default when nothing is configured (fail closed). */
export const NOBODY_MAY_WRITE: AccessPolicy = { staff: none, admins: none };

/**
 * True when some entry is a UPN. Teams does not send UPNs in activities, so the shell then looks the
 * user up (TeamsInfo.getMember) before a card action; with object ids only, no lookup is needed.
 */
export function policyNamesUpns(policy: AccessPolicy): boolean {
  return policy.staff.upns.size > 0 || policy.admins.upns.size > 0;
}

/** Every configured group, admins' first; empty when roles come from the user lists only. */
export function policyGroupIds(policy: AccessPolicy): string[] {
  return [...new Set([...(policy.adminGroupIds ?? []), ...(policy.staffGroupIds ?? [])])];
}
