import type { CardViewer } from '../card-viewer';
import { MAX_REFRESH_USERS } from '../card-viewer';
import type { TurnInfo } from '../turn-info';
import type { AccessPolicy } from './access-policy';
import type { KnownStaff } from './known-staff';
import { mayChangeSubscription } from './may-change-subscription';
import { mayRecordMeasurements, roleOf } from './role-of';

/**
 * The viewer of a card answered to `turn`. Staff who ask are remembered, so later shared cards
 * refresh for them too; the asker comes first in the refresh list.
 */
export function cardViewerOf(turn: TurnInfo, access: AccessPolicy, knownStaff: KnownStaff): CardViewer {
  const role = roleOf(turn.user, access);
  const mayRecord = mayRecordMeasurements(role);
  if (mayRecord) knownStaff.remember(turn.user.id);
  const shared = turn.conversationType !== 'personal';
  return {
    mayRecord,
    mayChangeSubscription: mayChangeSubscription(role, turn.conversationType),
    shared,
    refreshUserIds: shared ? knownStaff.list().slice(0, MAX_REFRESH_USERS) : [],
  };
}
