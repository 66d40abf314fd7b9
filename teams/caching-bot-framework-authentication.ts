import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { ConnectorClientCache } from './connector-client-cache';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];

/**
 * The bot's BotFrameworkAuthentication with connector clients reused across turns
 * (teams/connector-client-cache.ts). Replies to incoming activities get their connector factory from
 * `authenticateRequest`; proactive sends (continueConversationAsync) from `createConnectorFactory`.
 * Each path has its own cache, because the proactive sender changes its client's retry policy.
 */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly replyClients = new ConnectorClientCache();
  readonly proactiveClients = new ConnectorClientCache();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (result.connectorFactory === undefined) return result;
    return { ...result, connectorFactory: this.replyClients.factory(result.claimsIdentity, result.connectorFactory) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']> {
    return this.proactiveClients.factory(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }
}
