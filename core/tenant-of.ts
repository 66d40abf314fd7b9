/**
 * The tenant an activity comes from: Teams puts it in conversation.tenantId and channelData.tenant.id.
 * An empty string means "no tenant", in either place, so the tenant gate and the turn info agree.
 */
export function tenantOf(activity: { conversation?: { tenantId?: unknown }; channelData?: unknown }): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation !== '') return fromConversation;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  return typeof fromChannelData === 'string' && fromChannelData !== '' ? fromChannelData : undefined;
}
