import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  TelemetryHandler,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { GraphConfig } from '../config/read-graph-config';
import { GraphRetryMiddleware, type GraphRetryOptions } from './graph-retry-middleware';
import { DEFAULT_GRAPH_TIMEOUT_MS, GraphTimeoutMiddleware } from './graph-timeout-middleware';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/';

export interface GraphClientDeps extends Omit<GraphRetryOptions, 'onRetry'> {
  /** Defaults to a ClientSecretCredential from the config; tests pass a fake that never calls Entra. */
  credential?: TokenCredential;
  /** Replaces the last middleware (the one that calls fetch), for tests that record requests. */
  transport?: Middleware;
  onRetry?: GraphRetryOptions['onRetry'];
  /** Longest wait for one attempt, body included (OUTBOUND_TIMEOUT_SECONDS; default 15 s). */
  timeoutMs?: number;
}

/**
 * The one Graph client the app uses. Same chain as the client's default (auth → retry → redirect
 * → telemetry → fetch) except that the retry step is our GraphRetryMiddleware, whose clock and
 * sleep are injected (see its comment), and that every attempt is bounded in time
 * (GraphTimeoutMiddleware, right after the retry step). The token is requested for
 * `{baseUrl}.default`, so a sovereign-cloud GRAPH_BASE_URL gets a token for that cloud.
 *
 * The client attaches the token only to https URLs of known Graph hosts (plus a custom https
 * base URL, added as a custom host): over http — the loopback fake in tests — no token is sent.
 */
export function createGraphClient(config: GraphConfig, deps: GraphClientDeps = {}): Client {
  const baseUrl = config.baseUrl ?? DEFAULT_GRAPH_BASE_URL;
  const origin = new URL(baseUrl);
  const credential = deps.credential ?? new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [`${origin.protocol}//${origin.host}/.default`] });
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new GraphRetryMiddleware(deps),
    new GraphTimeoutMiddleware(deps.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    deps.transport ?? new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({
    baseUrl,
    middleware,
    // A non-default https host (a sovereign cloud not in the client's list) still gets the token.
    ...(origin.protocol === 'https:' ? { customHosts: new Set([origin.hostname]) } : {}),
  });
}
