/**
 * What the domain may know about the turn it answers — copied out of the Bot Framework
 * activity by the shell, so no handler ever sees a TurnContext.
 */
export interface TurnInfo {
  conversationId: string;
  conversationType: 'personal' | 'groupChat' | 'channel' | 'unknown';
  tenantId: string | undefined;
  user: {
    /** The channel's user id (29:…). */
    id: string;
    /** Entra object id, when Teams sends it. */
    aadObjectId: string | undefined;
    name: string | undefined;
    /**
     * User principal name. Teams does not send it in activities: the shell looks it up only when a
     * UPN allow-list needs it (teams/upn-lookup.ts). undefined = not looked up; null = looked up, none found.
     */
    upn?: string | null;
    /**
     * Of the groups in STAFF_GROUP_IDS / ADMIN_GROUP_IDS, those the user is a transitive member of,
     * checked by the shell through Microsoft Graph (graph/graph-group-membership.ts). undefined =
     * not checked (no groups configured); a failed check gives [] (fail closed).
     */
    groupIds?: readonly string[];
  };
}
