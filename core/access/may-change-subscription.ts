import type { TurnInfo } from '../turn-info';
import type { Role } from './access-policy';

/**
 * Who may turn the reminders on or off for a conversation ("abonnér/afmeld påmindelser").
 * In a channel or group chat the subscription decides what everyone there receives, so only staff
 * and admins may change it; in a personal chat it concerns only the person, who may always choose
 * for themselves. A conversation of unknown type counts as shared (fail closed).
 */
export function mayChangeSubscription(role: Role, conversationType: TurnInfo['conversationType']): boolean {
  if (conversationType === 'personal') return true;
  return role === 'staff' || role === 'admin';
}
