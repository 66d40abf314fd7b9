import restify from 'restify';
import type { AppConfig } from '../config/read-config';
import type { ContractData } from '../goals/contract-schema';
import type { MeasurementStore } from '../store/measurement-store';
import { createQuestionAnswerer } from '../domain/answer-question';
import { createAdapter, type AuthEndpoints } from './create-adapter';
import type { MaalbotAdapter } from './maalbot-adapter';
import { messagesRoute } from './http/messages-route';
import { InFlightRequests } from './http/in-flight-requests';
import { defaultReadinessChecks, readinessRoute } from './http/readiness';
import { stopServer } from './http/stop-server';
import { MaalBot } from './maalbot';
import { calendarDate, type Clock } from './clock';
import type { Logger } from './logger';
import { appVersion } from './app-version';
import { createCardActionRouter } from '../domain/card-actions/card-action-router';
import { cardActionHandlers } from '../domain/card-actions/card-action-handlers';
import { ignoreConversationEvents } from '../domain/conversation-events';

export interface AppDeps {
  config: AppConfig;
  contract: ContractData;
  store: MeasurementStore;
  logger: Logger;
  clock: Clock;
  /** Tests only (a loopback OpenID/JWKS server): see bot/create-adapter.ts. */
  authEndpoints?: AuthEndpoints;
}

export interface App {
  server: restify.Server;
  adapter: MaalbotAdapter;
  bot: MaalBot;
  /**
   * Graceful stop: refuse new requests (503), wait for the turns in flight, close the server.
   * Resolves false when `timeoutMs` cut some turn short.
   */
  stop(timeoutMs: number): Promise<boolean>;
}

/**
 * Builds the whole app from its dependencies without listening, so tests can build it with
 * fakes and listen on port 0; bot/main.ts reads the config and listens.
 */
export function createApp(deps: AppDeps): App {
  const { config, contract, store, logger, clock } = deps;
  const version = appVersion();
  const adapter = createAdapter(config.credentials, logger, deps.authEndpoints);
  const answerQuestion = createQuestionAnswerer({ contract, store, today: () => calendarDate(clock(), config.timeZone) });
  const cardActions = createCardActionRouter(cardActionHandlers);
  const bot = new MaalBot({ answerQuestion, cardActions, conversations: ignoreConversationEvents, logger });

  const server = restify.createServer({ name: 'maalbot', handleUncaughtExceptions: false });
  const inFlight = new InFlightRequests();
  server.pre(inFlight.handler);
  // restify's default body limit is none: cap it before anything is parsed.
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false });

  server.post('/api/messages', bodyParser, messagesRoute({ adapter, tenantPolicy: config.tenantPolicy, logger, run: (context) => bot.run(context) }));

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json(200, { status: 'ok', version, store: store.kind, contract: { id: contract.id, goals: contract.goals.length } });
  });

  // Readiness (load balancers, orchestrators): store reachable, migrations applied, contract loaded.
  server.get('/readyz', readinessRoute(defaultReadinessChecks(store, contract), logger));

  return { server, adapter, bot, stop: (timeoutMs) => stopServer(server, inFlight, timeoutMs) };
}
