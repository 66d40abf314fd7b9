import restify from 'restify';
import type { ActivityProcessor } from '../core/ports/activity-processor';
import type { Logger } from '../core/ports/logger';
import { InFlightRequests } from './in-flight-requests';
import { messagesRoute } from './messages-route';
import { readinessRoute, type ReadinessCheck } from './readiness';
import { stopServer } from './stop-server';
import { answerBodyRefusal, readJsonBody } from './read-json-body';
import type { TenantPolicy } from '../core/access/tenant-policy';
import type { FileDownloads } from '../core/ports/file-download';
import { filesRoute } from './files-route';

export interface HttpServerDeps {
  /** The body size limit for /api/messages (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  tenantPolicy: TenantPolicy;
  activities: ActivityProcessor;
  /** What GET /healthz answers with its 200 (version, store kind, contract …). */
  health: () => object;
  readinessChecks: readonly ReadinessCheck[];
  logger: Logger;
  /** The report's and export's signed download links (features/report); without it /api/files/ is not served. */
  files?: FileDownloads;
}

export interface HttpServer {
  server: restify.Server;
  /** Refuse new requests (503), wait for the ones in flight, close; false when `timeoutMs` cut some short. */
  stop(timeoutMs: number): Promise<boolean>;
}

/** The restify server and its routes: /api/messages, /healthz, /readyz, /api/files/ (signed links). Does not listen. */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'maalbot', handleUncaughtExceptions: false });
  const inFlight = new InFlightRequests();
  server.pre(inFlight.handler);
  // Our own bounded reader, not restify's bodyParser (no limit by default, gzip inflation): see read-json-body.ts.
  const bodyReader = async (req: restify.Request, res: restify.Response): Promise<boolean> => {
    const result = await readJsonBody(req, deps.maxBodyBytes);
    if (!result.ok) {
      answerBodyRefusal(req, res, result.refusal);
      return false;
    }
    req.body = result.body;
    return true;
  };
  const route = messagesRoute({ activities: deps.activities, tenantPolicy: deps.tenantPolicy, logger: deps.logger });
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    if (await bodyReader(req, res)) await route(req, res);
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json(200, deps.health());
  });

  // Readiness (load balancers, orchestrators): store reachable, migrations applied, contract loaded.
  server.get('/readyz', readinessRoute(deps.readinessChecks, deps.logger));

  if (deps.files !== undefined) {
    const files = filesRoute(deps.files, deps.logger);
    server.get('/api/files/*', files);
  }

  return { server, stop: (timeoutMs) => stopServer(server, inFlight, timeoutMs) };
}
