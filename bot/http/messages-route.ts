import type restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import type { MaalbotAdapter } from '../maalbot-adapter';
import type { Logger } from '../logger';
import { newErrorReference } from '../error-reference';
import { describeActivityProblems, inboundActivitySchema } from './activity-schema';
import { tenantAllowed, type TenantPolicy } from './tenant-policy';
import { tenantOf } from '../../core/tenant-of';

export interface MessagesRouteDeps {
  adapter: MaalbotAdapter;
  tenantPolicy: TenantPolicy;
  logger: Logger;
  run: (context: TurnContext) => Promise<void>;
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
    const activity = parsed.data as unknown as Activity; // shape checked above; botbuilder's type is wider
    const header = req.headers.authorization;
    let auth;
    try {
      auth = await deps.adapter.authenticate(activity, typeof header === 'string' ? header : '');
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
      const invokeResponse = await deps.adapter.processAuthenticated(auth, activity, deps.run);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.status, invokeResponse.body);
      else {
        res.status(invokeResponse?.status ?? 200);
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
