import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { AppConfig } from '../config/read-config';
import type { ContractData } from '../goals/contract-schema';
import type { MeasurementStore } from '../store/measurement-store';
import { createQuestionAnswerer } from '../domain/answer-question';
import { createAdapter } from './create-adapter';
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
}

export interface App {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: MaalBot;
}

/**
 * Builds the whole app from its dependencies without listening, so tests can build it with
 * fakes and listen on port 0; bot/main.ts reads the config and listens.
 */
export function createApp(deps: AppDeps): App {
  const { config, contract, store, logger, clock } = deps;
  const version = appVersion();
  const adapter = createAdapter(config.credentials, logger);
  const answerQuestion = createQuestionAnswerer({ contract, store, today: () => calendarDate(clock(), config.timeZone) });
  const cardActions = createCardActionRouter(cardActionHandlers);
  const bot = new MaalBot({ answerQuestion, cardActions, conversations: ignoreConversationEvents, logger });

  const server = restify.createServer({ name: 'maalbot', handleUncaughtExceptions: false });
  // restify's default body limit is none: cap it before anything is parsed.
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false });

  server.post('/api/messages', bodyParser, async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json(200, { status: 'ok', version, store: store.kind, contract: { id: contract.id, goals: contract.goals.length } });
  });

  return { server, adapter, bot };
}
