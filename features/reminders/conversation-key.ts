/**
 * A Teams channel message arrives in conversation "19:…@thread.tacv2;messageid=1712…": the channel
 * plus the thread it was posted in. Reminders go to the channel itself (a new post, not a reply
 * buried in whatever thread someone typed "abonnér" in), so the thread suffix is dropped from the
 * key and from the stored reference. Other conversation ids pass through unchanged.
 */
export function channelConversationId(conversationId: string): string {
  return conversationId.replace(/;messageid=[^;]*$/i, '');
}

/** The delivery target id of a conversation. */
export function conversationTargetId(conversationId: string): string {
  return `conv:${conversationId}`;
}

/** The delivery target id of a person's Teams activity feed (Microsoft Graph). */
export function feedTargetId(userId: string): string {
  return `feed:${userId.toLowerCase()}`;
}
