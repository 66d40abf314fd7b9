import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { appKeyOf, BoundedPromiseCache, ConnectorClientCache } from './connector-client-cache';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * The bot's BotFrameworkAuthentication with connector clients reused across turns
 * (teams/connector-client-cache.ts). Replies to incoming activities get their connector factory from
 * `authenticateRequest`; proactive sends (continueConversationAsync) from `createConnectorFactory`.
 * Each path has its own cache, because the proactive sender changes its client's retry policy.
 *
 * botbuilder also builds a UserTokenClient (credentials and a token-service pipeline of its own)
 * for every turn, whether the turn signs anyone in or not (Målbot never does); it holds no
 * per-turn state either, so one per bot app id is kept too.
 */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly replyClients = new ConnectorClientCache();
  readonly proactiveClients = new ConnectorClientCache();
  private readonly userTokenClients = new BoundedPromiseCache<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (result.connectorFactory === undefined) return result;
    return { ...result, connectorFactory: this.replyClients.factory(result.claimsIdentity, result.connectorFactory) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']> {
    return this.proactiveClients.factory(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrCreate(appKeyOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}
