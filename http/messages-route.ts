import type restify from 'restify';
import type { ActivityProcessor, AuthenticatedActivity } from '../core/ports/activity-processor';
import type { Logger } from '../core/ports/logger';
import { newErrorReference } from '../core/error-reference';
import { describeActivityProblems, inboundActivitySchema } from './activity-schema';
import { tenantAllowed, type TenantPolicy } from '../core/access/tenant-policy';
import { tenantOf } from '../core/tenant-of';

export interface MessagesRouteDeps {
  /** The Teams side (teams/teams-activity-processor.ts): authentication and the turn. */
  activities: ActivityProcessor;
  tenantPolicy: TenantPolicy;
  logger: Logger;
}

/**
 * POST /api/messages: shape check (400) → authentication (401) → tenant allow-list (403) → the turn.
 * No handler runs before all three pass, and no response carries internal error text.
 */
export function messagesRoute(deps: MessagesRouteDeps) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const parsed = inboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.json(400, { error: 'BadRequest', message: 'Ugyldig aktivitet', problems: describeActivityProblems(parsed.error) });
      return;
    }
    const activity = parsed.data;
    const header = req.headers.authorization;
    let authenticated: AuthenticatedActivity;
    try {
      authenticated = await deps.activities.authenticate(activity, typeof header === 'string' ? header : '');
    } catch (err) {
      deps.logger.warn({ event: 'auth-refused', reason: err instanceof Error ? err.name : 'unknown', activityType: activity.type }, 'request refused: authentication failed');
      res.json(401, { error: 'Unauthorized' });
      return;
    }
    const tenantId = tenantOf(activity);
    if (!tenantAllowed(deps.tenantPolicy, tenantId)) {
      deps.logger.warn({ event: 'tenant-refused', tenantId: tenantId ?? null, activityType: activity.type }, 'activity from a tenant that is not allowed was dropped');
      res.json(403, { error: 'Forbidden' });
      return;
    }
    try {
      const response = await authenticated.run();
      if (response.body !== undefined) res.json(response.status, response.body);
      else {
        res.status(response.status);
        res.end();
      }
    } catch (err) {
      // onTurnError handles failures inside the turn; this is what escapes it (e.g. the reply itself failing).
      const reference = newErrorReference();
      deps.logger.error({ err, reference, activityType: activity.type }, 'activity processing failed');
      res.json(500, { error: 'InternalError', reference });
    }
  };
}
