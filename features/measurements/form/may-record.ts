import { policyGroupIds, policyNamesUpns } from '../../../core/access/access-policy';
import { mayRecordMeasurements, roleOf } from '../../../core/access/role-of';
import type { TurnInfo } from '../../../core/turn-info';
import type { MeasurementFormDeps } from './measurement-form-deps';

/**
 * Whether this user may record: 'yes', 'no', or 'unknown' when the answer could depend on a UPN
 * or a group membership nobody looked up (the app's shell always looks it up when UPNs are configured; a caller without
 * a shell may not). Opening a form on 'unknown' is harmless: only 'yes' may submit.
 */
export function mayRecord(deps: Pick<MeasurementFormDeps, 'access'>, turn: TurnInfo): 'yes' | 'no' | 'unknown' {
  if (mayRecordMeasurements(roleOf(turn.user, deps.access))) return 'yes';
  const upnUnknown = turn.user.upn === undefined && policyNamesUpns(deps.access); // undefined: nobody looked
  const groupsUnknown = turn.user.groupIds === undefined && policyGroupIds(deps.access).length > 0;
  return upnUnknown || groupsUnknown ? 'unknown' : 'no';
}
