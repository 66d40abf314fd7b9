import type { ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions, TurnContext } from 'botbuilder';
import type { BotCredentials } from '../config/read-config';
import type { Logger } from '../core/ports/logger';
import { turnLoggerOf } from './turn-logger';
import { newErrorReference } from '../core/error-reference';
import { MaalbotAdapter } from './maalbot-adapter';
import { CachingBotFrameworkAuthentication } from './caching-bot-framework-authentication';
import { connectorTimeoutMiddleware, ConnectorTimeoutError, DEFAULT_OUTBOUND_TIMEOUT_MS } from './connector-timeout';

export interface AdapterOptions {
  /** Longest a call to the Bot Connector may take, retries included (OUTBOUND_TIMEOUT_SECONDS). */
  outboundTimeoutMs?: number;
  /** Where outbound bearer tokens come from; botbuilder's MSAL-backed default unless a test gives its own. */
  credentialsFactory?: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1];
}

/**
 * Where the auth layer fetches OpenID metadata and which issuer it trusts. Only tests (a loopback
 * JWKS server) and sovereign clouds override these. botbuilder switches to a fully parameterised
 * mode once any endpoint is overridden, so an override must give the whole set (platform notes).
 */
export type AuthEndpoints = Required<
  Pick<
    ConfigurationBotFrameworkAuthenticationOptions,
    | 'ToBotFromChannelOpenIdMetadataUrl'
    | 'ToBotFromChannelTokenIssuer'
    | 'ToBotFromEmulatorOpenIdMetadataUrl'
    | 'ToChannelFromBotLoginUrl'
    | 'ToChannelFromBotOAuthScope'
    | 'OAuthUrl'
    | 'ValidateAuthority'
    | 'CallerId'
  >
>;

/**
 * The adapter with the one error boundary of the bot: details go to the log under a short
 * reference, the user gets a short Danish apology with that reference — never internals.
 */
export function createAdapter(credentials: BotCredentials | undefined, logger: Logger, authEndpoints?: AuthEndpoints, options: AdapterOptions = {}): MaalbotAdapter {
  // Connector clients are reused across turns (teams/connector-client-cache.ts).
  const auth = new CachingBotFrameworkAuthentication(
    credentials === undefined
      ? {} // no MicrosoftAppId: authentication is off (local mode only; readConfig refuses this in production)
      : {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.appPassword,
          MicrosoftAppType: credentials.appType,
          MicrosoftAppTenantId: credentials.tenantId,
          ...authEndpoints,
        },
    options.credentialsFactory,
  );
  const adapter = new MaalbotAdapter(auth);
  // Every call to the Bot Connector is bounded in time (teams/connector-timeout.ts).
  adapter.use(connectorTimeoutMiddleware(adapter, options.outboundTimeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const reference = newErrorReference();
    const log = turnLoggerOf(context, logger); // carries the conversation and activity ids
    log.error({ err: error, reference }, 'turn failed');
    // The Bot Connector did not answer in time: an apology through it would only wait as long again.
    if (error instanceof ConnectorTimeoutError) return;
    try {
      await context.sendActivity(`Beklager, der gik noget galt hos mig. Prøv igen om lidt. (Reference: ${reference})`);
    } catch (sendError) {
      log.error({ err: sendError, reference }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
