/**
 * Which of `groupIds` the user (Entra object id) is a transitive member of. Never rejects: a
 * failure answers [] (the user is then matched by the user lists only: fail closed).
 */
export type GroupMembership = (userObjectId: string, groupIds: readonly string[]) => Promise<readonly string[]>;
