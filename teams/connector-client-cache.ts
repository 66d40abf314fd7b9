import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

// botbuilder does not re-export botframework-connector's types; derive the ones needed here.
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];

/** More distinct (app, serviceUrl, audience) keys than Teams has regions; beyond it the oldest is dropped. */
export const DEFAULT_CONNECTOR_CACHE_SIZE = 64;

/**
 * One ConnectorClient per (bot app id, serviceUrl, audience) instead of one per turn. botbuilder's
 * ConnectorFactory builds a new client — credentials, an @azure/core-client pipeline and its
 * policies — for every turn (about a tenth of a turn's CPU). The client holds no per-turn state:
 * its credentials ask for the bearer token on every request and refresh it when it expires, so
 * one client can serve every turn for its key.
 *
 * Policies added to a cached client stay on it (teams/connector-timeout.ts adds its policy once;
 * teams/bot-framework-proactive-sender.ts removes the retry policy), so replies and proactive sends
 * keep separate caches (teams/caching-bot-framework-authentication.ts).
 */
export class ConnectorClientCache {
  private readonly clients: BoundedPromiseCache<ConnectorClient>;

  constructor(maxSize = DEFAULT_CONNECTOR_CACHE_SIZE) {
    this.clients = new BoundedPromiseCache(maxSize);
  }

  /** How many clients are cached (tests). */
  get size(): number {
    return this.clients.size;
  }

  /** A factory that answers from this cache and asks `inner` only for a key it has not seen. */
  factory(claimsIdentity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    const app = appKeyOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
        this.clients.getOrCreate(JSON.stringify([app, serviceUrl, audience ?? '']), () => inner.create(serviceUrl, audience)),
    };
  }
}

/**
 * Promises by key, at most `maxSize` of them (the oldest goes first). Concurrent callers of one key
 * share one creation; a creation that fails is not kept, so the next call tries again.
 */
export class BoundedPromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly maxSize = DEFAULT_CONNECTOR_CACHE_SIZE) {}

  get size(): number {
    return this.entries.size;
  }

  getOrCreate(key: string, create: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const created = create();
    this.entries.set(key, created);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    if (this.entries.size > this.maxSize) this.entries.delete(this.entries.keys().next().value!);
    return created;
  }
}

const APP_CLAIMS = new Set(['aud', 'appid', 'azp', 'ver']);

/**
 * The claims botbuilder derives the outbound app id from (the audience for a channel, appid/azp
 * for a skill): equal claims, equal connector factory.
 */
export function appKeyOf(claimsIdentity: ClaimsIdentity): string {
  return JSON.stringify(claimsIdentity.claims.filter((c) => APP_CLAIMS.has(c.type)).map((c) => [c.type, c.value]));
}
