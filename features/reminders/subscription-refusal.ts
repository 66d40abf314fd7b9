import { mayChangeSubscription } from '../../core/access/may-change-subscription';
import { roleOf } from '../../core/access/role-of';
import type { AccessPolicy } from '../../core/access/access-policy';
import type { Reply } from '../../core/reply';
import type { TurnInfo } from '../../core/turn-info';

/** "kanalen", "gruppechatten": the shared conversation a refused change would have affected. */
function sharedPlace(conversationType: TurnInfo['conversationType']): string {
  if (conversationType === 'channel') return 'kanalen';
  if (conversationType === 'groupChat') return 'gruppechatten';
  return 'samtalen';
}

/**
 * The polite refusal when this user may not (un)subscribe this conversation
 * (core/access/may-change-subscription.ts), or undefined when they may. Checked before the
 * store is read or written, so a refusal changes nothing.
 */
export function subscriptionRefusal(turn: TurnInfo, access: AccessPolicy): Reply | undefined {
  if (mayChangeSubscription(roleOf(turn.user, access), turn.conversationType)) return undefined;
  const place = sharedPlace(turn.conversationType);
  return {
    kind: 'text',
    text:
      `Beklager – kun medarbejdere og administratorer kan slå påmindelser til eller fra for hele ${place}, fordi det ændrer, hvad alle her får. ` +
      `Du kan selv abonnere i en personlig chat med mig. Skriv "påmindelser" for at se, hvad ${place} får nu.`,
  };
}
