import restify from 'restify';
import type { ActivityProcessor } from '../core/ports/activity-processor';
import type { Logger } from '../core/ports/logger';
import { InFlightRequests } from './in-flight-requests';
import { messagesRoute } from './messages-route';
import { readinessRoute, type ReadinessCheck } from './readiness';
import { stopServer } from './stop-server';
import type { TenantPolicy } from '../core/access/tenant-policy';

export interface HttpServerDeps {
  /** The body size limit for /api/messages (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  tenantPolicy: TenantPolicy;
  activities: ActivityProcessor;
  /** What GET /healthz answers with its 200 (version, store kind, contract …). */
  health: () => object;
  readinessChecks: readonly ReadinessCheck[];
  logger: Logger;
}

export interface HttpServer {
  server: restify.Server;
  /** Refuse new requests (503), wait for the ones in flight, close; false when `timeoutMs` cut some short. */
  stop(timeoutMs: number): Promise<boolean>;
}

/** The restify server and its routes: /api/messages, /healthz, /readyz. Does not listen. */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'maalbot', handleUncaughtExceptions: false });
  const inFlight = new InFlightRequests();
  server.pre(inFlight.handler);
  // restify's default body limit is none: cap it before anything is parsed.
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false });

  server.post('/api/messages', bodyParser, messagesRoute({ activities: deps.activities, tenantPolicy: deps.tenantPolicy, logger: deps.logger }));

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json(200, deps.health());
  });

  // Readiness (load balancers, orchestrators): store reachable, migrations applied, contract loaded.
  server.get('/readyz', readinessRoute(deps.readinessChecks, deps.logger));

  return { server, stop: (timeoutMs) => stopServer(server, inFlight, timeoutMs) };
}
