import { randomUUID } from 'node:crypto';
import { ChatConnector, type ChatAccount, type ConnectorEvent } from './chat-connector';
import { inputProblem, isRecord, normalizeInputValue, type Json } from './card-inputs';
import { plainStyle, renderCard, type CardButton, type TextStyle } from './render-card';

export type ChatConversationType = 'personal' | 'groupChat' | 'channel';

export interface ChatClientOptions {
  /** The bot's Bot Framework endpoint, e.g. http://localhost:3978/api/messages. */
  endpoint: string;
  conversationType?: ChatConversationType;
  user?: Partial<ChatAccount>;
  tenantId?: string;
  style?: TextStyle;
}

/** A button of the last answer, with the message its card arrived in (Teams sends that as replyToId). */
export interface ChatButton extends CardButton {
  activityId: string;
}

export type PressResult = { pressed: true; lines: string[] } | { pressed: false; problems: string[] };

/** The bot could not be reached or refused the request: an operator-facing Danish message. */
export class ChatError extends Error {
  readonly code = 'CHAT_FAILED';
}

const BOT = { id: '28:maalbot', name: 'Målbot' };
export const DEFAULT_CHAT_USER: ChatAccount = { id: '29:terminal-chat-user', name: 'Terminal-bruger', aadObjectId: '00000000-0000-4000-8000-00000000c4a7' };
export const DEFAULT_CHAT_TENANT = '00000000-0000-4000-8000-000000000001';
const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * A Teams-like client for a running Målbot: it posts activities to the bot's real HTTP endpoint
 * shaped like the ones Teams sends (channel msteams, tenant, user with aadObjectId, a mention in a
 * channel), runs a local Bot Connector (ChatConnector) as `serviceUrl` to receive the replies, and
 * renders them as text. Card buttons are pressed the way Teams presses them: Action.Execute as an
 * `adaptiveCard/action` invoke whose response body replaces the card, Action.Submit as a message
 * whose `value` holds the data and the inputs, imBack/messageBack as messages.
 */
export class ChatClient {
  private readonly style: TextStyle;
  private readonly user: ChatAccount;
  private readonly tenantId: string;
  private readonly conversationType: ChatConversationType;
  private readonly conversationId: string;
  private currentButtons: ChatButton[] = [];
  /** Connector events of the request in flight; undefined between requests. */
  private pending: ConnectorEvent[] | undefined;
  private readonly unsolicited: Array<(lines: string[]) => void> = [];
  private nextActivity = 1;
  /** The last card shown per message, so a client-side toggle (Action.ToggleVisibility) can redraw it. */
  private readonly cards = new Map<string, unknown>();

  private constructor(private readonly options: ChatClientOptions, private readonly connector: ChatConnector) {
    this.style = options.style ?? plainStyle;
    this.user = { ...DEFAULT_CHAT_USER, ...options.user };
    this.tenantId = options.tenantId ?? DEFAULT_CHAT_TENANT;
    this.conversationType = options.conversationType ?? 'personal';
    const unique = randomUUID().replace(/-/g, '');
    this.conversationId =
      this.conversationType === 'channel'
        ? `19:terminal-chat-${unique}@thread.tacv2`
        : this.conversationType === 'groupChat'
          ? `19:terminal-chat-${unique}@thread.v2`
          : `a:terminal-chat-${unique}`;
    connector.onEvent((event) => {
      if (this.pending) this.pending.push(event);
      else {
        const lines = this.render([event]);
        for (const listener of this.unsolicited) listener(lines);
      }
    });
  }

  static async start(options: ChatClientOptions): Promise<ChatClient> {
    const connector = new ChatConnector({ ...DEFAULT_CHAT_USER, ...options.user });
    await connector.start();
    return new ChatClient(options, connector);
  }

  /** The buttons of the last answer, numbered as printed. */
  get buttons(): readonly ChatButton[] {
    return this.currentButtons;
  }

  /** Messages the bot sends outside an answer (reminders): called with their rendered lines. */
  onUnsolicited(listener: (lines: string[]) => void): void {
    this.unsolicited.push(listener);
  }

  /** Types `text` and sends it; resolves with the rendered answer. */
  async say(text: string): Promise<string[]> {
    const mention = this.conversationType === 'channel' ? `<at>${BOT.name}</at> ` : '';
    const activity = this.activity({ type: 'message', text: `${mention}${text}`, ...this.mentionEntity() });
    this.currentButtons = [];
    const { events } = await this.post(activity);
    return this.render(events);
  }

  /**
   * Presses button `number` of the last answer. `typed` holds values for its input fields (by id);
   * fields not given keep the card's start value. Nothing is sent while a field would be refused.
   */
  async press(number: number, typed: Readonly<Record<string, string>> = {}): Promise<PressResult> {
    const button = this.currentButtons.find((b) => b.number === number);
    if (!button) return { pressed: false, problems: [`Der er ingen knap [${number}] i det seneste svar.`] };
    // Only Execute and Submit send the card's fields; opening a ShowCard or a URL sends nothing.
    if (button.action.type !== 'Action.Execute' && button.action.type !== 'Action.Submit') return { pressed: true, lines: await this.perform(button, {}) };
    const known = new Set(button.inputs.map((i) => i.id));
    const problems = Object.keys(typed).filter((k) => !known.has(k)).map((k) => `Kortet har intet felt "${k}" (felter: ${[...known].join(', ') || 'ingen'}).`);
    const values: Record<string, string> = {};
    for (const input of button.inputs) {
      const value = typed[input.id] !== undefined ? normalizeInputValue(input, typed[input.id]!) : input.initial;
      const problem = inputProblem(input, value);
      if (problem !== undefined) problems.push(problem);
      values[input.id] = value;
    }
    if (problems.length > 0) return { pressed: false, problems };
    return { pressed: true, lines: await this.perform(button, values) };
  }

  async close(): Promise<void> {
    await this.connector.stop();
  }

  private async perform(button: ChatButton, values: Record<string, string>): Promise<string[]> {
    const action = button.action;
    const data = action.data;
    switch (action.type) {
      case 'Action.Execute': {
        this.currentButtons = []; // the answer numbers its own buttons
        const activity = this.activity({
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: button.activityId,
          value: { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data: { ...(isRecord(data) ? data : {}), ...values } }, trigger: 'manual' },
        });
        const { events, body } = await this.post(activity);
        return [...this.render(events), ...this.renderInvokeResponse(body, button.activityId)];
      }
      case 'Action.Submit': {
        const msteams = isRecord(data) && isRecord(data.msteams) ? data.msteams : undefined;
        if (msteams?.type === 'imBack' && typeof msteams.value === 'string') return this.say(msteams.value);
        this.currentButtons = [];
        if (msteams?.type === 'messageBack') {
          const activity = this.activity({ type: 'message', text: typeof msteams.text === 'string' ? msteams.text : '', value: msteams.value, replyToId: button.activityId });
          return this.render((await this.post(activity)).events);
        }
        const value = isRecord(data) ? { ...data, ...values } : Object.keys(values).length > 0 ? values : data;
        const activity = this.activity({ type: 'message', value, replyToId: button.activityId });
        return this.render((await this.post(activity)).events);
      }
      case 'Action.OpenUrl':
        return [`(Åbn ${String(action.url ?? '')} i en browser.)`];
      case 'Action.ToggleVisibility': {
        // Client-side, as in Teams: the targets' visibility flips and the same card is drawn again.
        const card = this.cards.get(button.activityId);
        if (card === undefined) return ['(Kortet er ikke længere vist.)'];
        const targets = new Set((Array.isArray(action.targetElements) ? action.targetElements : []).map((t) => (isRecord(t) ? String(t.elementId) : String(t))));
        const toggled = toggleVisibility(card, targets);
        this.currentButtons = [];
        return this.indent(`${this.style.bold(BOT.name)} (${button.title}):`, this.renderCardOf(toggled, button.activityId));
      }
      case 'Action.ShowCard': {
        const lines = renderCard(action.card, { style: this.style, register: this.register(button.activityId), parentInputs: button.inputs });
        return this.indent(`${this.style.bold(BOT.name)} (${button.title}):`, lines);
      }
      default:
        return [`(${String(action.type)} kan ikke bruges i terminalen.)`];
    }
  }

  private renderInvokeResponse(body: unknown, activityId: string): string[] {
    if (!isRecord(body)) return [];
    if (body.type === CARD) {
      return this.indent(`${this.style.bold(BOT.name)} (kortet blev opdateret):`, this.renderCardOf(body.value, activityId));
    }
    if (body.type === 'application/vnd.microsoft.activity.message') return [`${this.style.bold(BOT.name)}: ${String(body.value)}`];
    if (body.type === 'application/vnd.microsoft.error') {
      const message = isRecord(body.value) && typeof body.value.message === 'string' ? body.value.message : JSON.stringify(body.value);
      return [`${this.style.bold(BOT.name)} ${this.style.color('attention', `(fejl ${String(body.statusCode)})`)}: ${message}`];
    }
    return [`${this.style.bold(BOT.name)}: (svar af typen ${String(body.type)})`];
  }

  /** Connector events as text; their cards' buttons join the numbered list (reset by each user action). */
  private render(events: readonly ConnectorEvent[]): string[] {
    const out: string[] = [];
    for (const event of events) {
      if (event.kind === 'delete') {
        out.push(this.style.subtle(`${BOT.name} slettede en besked.`));
        continue;
      }
      if (event.activity.type !== 'message') continue; // typing indicators and the like
      const header = event.kind === 'update' ? `${this.style.bold(BOT.name)} (kortet blev opdateret):` : `${this.style.bold(BOT.name)}:`;
      out.push(...this.renderMessage(event.activity, event.activityId, header));
    }
    return out;
  }

  private renderMessage(activity: Json, activityId: string, header: string): string[] {
    const lines: string[] = [];
    if (typeof activity.text === 'string' && activity.text.trim() !== '') lines.push(...activity.text.split('\n'));
    for (const attachment of Array.isArray(activity.attachments) ? activity.attachments : []) {
      if (!isRecord(attachment)) continue;
      if (attachment.contentType === CARD) lines.push(...this.renderCardOf(attachment.content, activityId));
      else lines.push(this.style.subtle(`[vedhæftning: ${String(attachment.contentType)}]`));
    }
    if (lines.length === 1 && !Array.isArray(activity.attachments)) return [`${header} ${lines[0]}`];
    return this.indent(header, lines);
  }

  private renderCardOf(card: unknown, activityId: string): string[] {
    this.cards.set(activityId, card);
    return renderCard(card, { style: this.style, register: this.register(activityId) });
  }

  private indent(header: string, lines: readonly string[]): string[] {
    return [header, ...lines.map((l) => (l === '' ? '' : `  ${l}`))];
  }

  private register(activityId: string) {
    return (button: Omit<CardButton, 'number'>): number => {
      const number = this.currentButtons.length + 1;
      this.currentButtons.push({ ...button, number, activityId });
      return number;
    };
  }

  private mentionEntity(): Json {
    const clientInfo = { type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Terminal', timezone: 'Europe/Copenhagen' };
    const mention = { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT };
    return { entities: this.conversationType === 'channel' ? [mention, clientInfo] : [clientInfo] };
  }

  private activity(fields: Json): Json {
    const channel = this.conversationType === 'channel';
    const teamId = '19:terminal-chat-team@thread.tacv2';
    return {
      id: `terminal-${Date.now()}-${this.nextActivity++}`,
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      localTimezone: 'Europe/Copenhagen',
      serviceUrl: this.connector.serviceUrl,
      channelId: 'msteams',
      from: { id: this.user.id, name: this.user.name, aadObjectId: this.user.aadObjectId },
      conversation: { id: this.conversationId, conversationType: this.conversationType, tenantId: this.tenantId, isGroup: this.conversationType !== 'personal' },
      recipient: BOT,
      locale: 'da-DK',
      textFormat: 'plain',
      channelData: channel
        ? { tenant: { id: this.tenantId }, team: { id: teamId }, channel: { id: this.conversationId }, teamsTeamId: teamId, teamsChannelId: this.conversationId }
        : { tenant: { id: this.tenantId } },
      ...fields,
    };
  }

  /** POSTs to the bot; every connector event until its answer belongs to this request. */
  private async post(activity: Json): Promise<{ events: ConnectorEvent[]; body: unknown }> {
    const events: ConnectorEvent[] = [];
    this.pending = events;
    let res: Response;
    try {
      res = await fetch(this.options.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    } catch {
      throw new ChatError(`Kan ikke nå botten på ${this.options.endpoint}. Kører den? Start den med "npm start" i et andet vindue.`);
    } finally {
      this.pending = undefined;
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    if (res.status === 401) {
      throw new ChatError('Botten kræver Bot Framework-autentificering (MicrosoftAppId er sat). npm run chat taler kun med en bot i lokal tilstand: start den uden MicrosoftAppId.');
    }
    if (res.status === 403) {
      throw new ChatError(`Botten afviste tenant-id ${this.tenantId} (ALLOWED_TENANT_IDS). Brug --tenant med et tilladt id.`);
    }
    // An invoke's status is the card action's own (400/500 come with a body the chat shows).
    const isInvoke = activity.type === 'invoke' && isRecord(body) && typeof body.type === 'string';
    if (res.status >= 400 && !isInvoke) {
      const detail = isRecord(body) ? [body.message, ...(Array.isArray(body.problems) ? body.problems : []), body.reference ? `reference ${String(body.reference)}` : undefined].filter(Boolean).join('; ') : '';
      throw new ChatError(`Botten svarede HTTP ${res.status}${detail ? `: ${detail}` : ''}.`);
    }
    return { events, body };
  }
}

/** A copy of the card with the visibility of the elements named in `targets` flipped (Action.ToggleVisibility). */
function toggleVisibility(node: unknown, targets: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => toggleVisibility(n, targets));
  if (!isRecord(node)) return node;
  const copy: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toggleVisibility(v, targets)]));
  if (typeof node.id === 'string' && targets.has(node.id)) copy.isVisible = node.isVisible === false;
  return copy;
}
