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
  };
}
