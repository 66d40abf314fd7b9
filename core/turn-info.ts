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
  };
}
