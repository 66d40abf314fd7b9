import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/**
 * The baselines: bare botbuilder bots on the same stack as Målbot (restify 11, the same body
 * parser, CloudAdapter without credentials). `reply` undefined: a plain echo of the text. Given:
 * the card echo — the very reply Målbot sent (its text and attachments), so the stack's own cost of
 * sending that card is in the baseline too. Målbot's numbers are read against both.
 */
export function createEchoApp(maxBodyBytes: number, reply?: { text?: string; attachments?: unknown[] }): restify.Server {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    if (reply === undefined) await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    else await context.sendActivity({ type: 'message', text: reply.text, attachments: reply.attachments as never });
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false });
  server.post('/api/messages', bodyParser, async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return server;
}
