/** The tenant an activity comes from: Teams puts it in conversation.tenantId and channelData.tenant.id. */
export function tenantOf(activity: { conversation?: { tenantId?: unknown }; channelData?: unknown }): string | undefined {
  if (typeof activity.conversation?.tenantId === 'string' && activity.conversation.tenantId !== '') return activity.conversation.tenantId;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  return typeof channelData?.tenant?.id === 'string' && channelData.tenant.id !== '' ? channelData.tenant.id : undefined;
}
