import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

/** A form like the measurement form: every input kind, Execute + Submit + ShowCard. */
export const FORM_CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Ny måling til Mål 4', weight: 'Bolder' },
    { type: 'Input.Number', id: 'value', label: 'Værdi', isRequired: true, errorMessage: 'Skriv en værdi i procent', min: 0, max: 100 },
    { type: 'Input.Date', id: 'measuredOn', label: 'Målt den', value: '2021-09-30' },
    { type: 'Input.ChoiceSet', id: 'segment', label: 'Segment', value: 'syd', choices: [{ title: 'Syd', value: 'syd' }, { title: 'Nord', value: 'nord' }] },
    { type: 'Input.Text', id: 'note', label: 'Note' },
    { type: 'Input.Toggle', id: 'confirm', title: 'Bekræft', label: 'Bekræft', value: 'false' },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Gem', verb: 'save', data: { goalId: '4' }, fallback: { type: 'Action.Submit', title: 'Gem', data: { verb: 'save', goalId: '4' } } },
    { type: 'Action.Submit', title: 'Send', data: { verb: 'send', goalId: '4' } },
    {
      type: 'Action.ShowCard',
      title: 'Kommentar',
      card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'comment', label: 'Kommentar', isRequired: true }], actions: [{ type: 'Action.Submit', title: 'Send kommentar', data: { verb: 'comment' } }] },
    },
  ],
};

/**
 * A stand-in for a bot, speaking the Bot Framework protocol the way Målbot does (replies POSTed to
 * the activity's serviceUrl, invoke responses in the HTTP body), so the chat's form handling can be
 * checked against exactly what it sends. It records every activity it receives.
 */
export class FakeTeamsBot {
  readonly received: Json[] = [];
  private server: http.Server | undefined;

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api/messages`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
        this.received.push(activity);
        void this.answer(activity).then(([status, body]) => {
          // restify may have patched http.ServerResponse in this process: never chain writeHead.
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(body === undefined ? '' : JSON.stringify(body));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async answer(activity: Json): Promise<[number, unknown]> {
    const conversation = activity.conversation as { id: string };
    const base = `${String(activity.serviceUrl)}v3/conversations/${encodeURIComponent(conversation.id)}/activities`;
    const send = (reply: Json, path = `/${encodeURIComponent(String(activity.id))}`, method = 'POST') =>
      fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', ...reply }) });

    if (activity.type === 'invoke') {
      const data = ((activity.value as Json).action as Json).data as Json;
      if (data.note === 'fejl') return [400, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Værdien kunne ikke gemmes' } }];
      const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Gemt: ${String(data.value)} (${String(data.segment)})` }] };
      return [200, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }];
    }
    const value = activity.value as Json | undefined;
    if (value?.verb === 'update-it') {
      await send({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Opdateret kort' }] } }] }, `/${encodeURIComponent(String(activity.replyToId))}`, 'PUT');
    } else if (value !== undefined) {
      await send({ text: `Modtaget: ${JSON.stringify(value)}` });
    } else if (String(activity.text).includes('form')) {
      await send({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: FORM_CARD }] });
    } else if (String(activity.text).includes('opdaterbar')) {
      await send({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [], actions: [{ type: 'Action.Submit', title: 'Opdater', data: { verb: 'update-it' } }] } }] });
    } else {
      await send({ type: 'typing' });
      await send({ text: `Ekko: ${String(activity.text)}` });
    }
    return [200, undefined];
  }
}
