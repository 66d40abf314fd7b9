import type { Activity, TurnContext } from 'botbuilder';
import type { ActivityProcessor } from '../core/ports/activity-processor';
import type { MaalbotAdapter } from './maalbot-adapter';

/** The ActivityProcessor port on the Bot Framework adapter: authenticate, then process the turn with `run`. */
export function teamsActivityProcessor(adapter: MaalbotAdapter, run: (context: TurnContext) => Promise<void>): ActivityProcessor {
  return {
    async authenticate(shapeChecked, authHeader) {
      const activity = shapeChecked as Activity; // shape checked by the HTTP route; botbuilder's type is wider
      const auth = await adapter.authenticate(activity, authHeader);
      return {
        async run() {
          const invokeResponse = await adapter.processAuthenticated(auth, activity, run);
          return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
        },
      };
    },
  };
}
