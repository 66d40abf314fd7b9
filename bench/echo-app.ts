import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/**
 * The baseline: a bare botbuilder echo bot on the same stack as Målbot (restify 11, the same
 * body parser, CloudAdapter without credentials). Målbot's numbers are read against it.
 */
export function createEchoApp(maxBodyBytes: number): restify.Server {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false });
  server.post('/api/messages', bodyParser, async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return server;
}
