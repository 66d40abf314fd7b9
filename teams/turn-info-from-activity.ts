import type { Activity } from 'botbuilder';
import { tenantOf } from '../core/tenant-of';
import type { TurnInfo } from '../core/turn-info';

const CONVERSATION_TYPES = new Set(['personal', 'groupChat', 'channel']);

/** Copies what the domain may know out of a Bot Framework activity. */
export function turnInfoFromActivity(activity: Partial<Activity>): TurnInfo {
  const type = activity.conversation?.conversationType;
  return {
    conversationId: activity.conversation?.id ?? '',
    conversationType: type !== undefined && CONVERSATION_TYPES.has(type) ? (type as TurnInfo['conversationType']) : 'unknown',
    tenantId: tenantOf(activity),
    user: {
      id: activity.from?.id ?? '',
      aadObjectId: activity.from?.aadObjectId,
      name: activity.from?.name,
    },
  };
}
