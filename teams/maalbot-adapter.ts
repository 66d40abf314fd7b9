import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';

// botbuilder does not re-export botframework-connector's types; derive the one we need.
type BotFrameworkAuthentication = ConfigurationBotFrameworkAuthentication;
export type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with authentication and processing as two steps. `CloudAdapter.process` answers
 * 500 when a token's signature does not verify (a JsonWebTokenError escapes its auth layer) and
 * puts the error text in the body; splitting the steps lets the route answer every auth failure
 * with a plain 401 and every other failure without internals.
 */
export class MaalbotAdapter extends CloudAdapter {
  constructor(private readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
  }

  /** Validates the Authorization header against the activity (issuer, audience, signature, serviceUrl claim). */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.authentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an already authenticated activity; resolves to the invoke response, if any. */
  processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
