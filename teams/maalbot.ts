import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  teamsGetTeamInfo,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Attachment,
  type FileConsentCardResponse,
} from 'botbuilder';
import type { FileConsentHandler } from '../core/ports/file-consent';
import type { Reply } from '../core/reply';
import type { QuestionAnswerer } from '../core/ports/question-answerer';
import type { CardActionHandler, CardActionResult } from '../core/ports/card-action';
import type { ConversationEvents } from '../core/ports/conversation-events';
import type { Logger } from '../core/ports/logger';
import { turnInfoFromActivity } from './turn-info-from-activity';
import { newErrorReference } from '../core/error-reference';
import { createTurnLogger, TURN_LOGGER_KEY, turnLoggerOf } from './turn-logger';
import type { UpnLookup } from './upn-lookup';
import type { TurnInfo } from '../core/turn-info';
import type { Telemetry } from '../core/ports/telemetry';
import { SentCards } from './sent-cards';
import { MAX_CARD_BYTES, withinCardBudget } from '../core/card-budget';

export interface MaalBotDeps {
  answerQuestion: QuestionAnswerer;
  cardActions: CardActionHandler;
  conversations: ConversationEvents;
  logger: Logger;
  /** Set when an allow-list names UPNs: card actions then carry the user's UPN (teams/upn-lookup.ts). */
  lookupUpn?: UpnLookup;
  /** Set when roles come from security groups: which of the configured groups this Entra user is in (graph/graph-group-membership.ts). */
  memberGroups?: (userObjectId: string) => Promise<readonly string[]>;
  /** Traces and metrics per turn (telemetry/); default none. */
  telemetry?: Telemetry;
  /** The welcome on install (features/ask/welcome-answer.ts): a reply, or undefined to say nothing. */
  welcome?: (turn: TurnInfo) => Promise<Reply | undefined>;
  /** The cards this bot sent, which an Action.Submit may replace (teams/sent-cards.ts); default a new one. */
  sentCards?: SentCards;
  /** The answer to a file consent card (features/report); without it a consent is only acknowledged. */
  fileConsent?: FileConsentHandler;
}

/**
 * The thin Bot Framework shell: turns activities into plain requests for the domain
 * (question text, card actions by verb, conversation events) and the domain's answers back into
 * activities and invoke responses. No rules, no card building, no storage here — this class is
 * what a move to the Microsoft 365 Agents SDK or the Teams SDK replaces.
 */
export class MaalBot extends TeamsActivityHandler {
  private readonly sentCards: SentCards;

  constructor(private readonly deps: MaalBotDeps) {
    super();
    this.sentCards = deps.sentCards ?? new SentCards();
    this.onMessage(async (context, next) => {
      await this.track(context, 'message');
      if (isCardSubmit(context.activity.value)) await this.answerSubmit(context, context.activity.value);
      else await this.answerMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.track(context, 'installation');
      // 'add-upgrade' is a new version of an installed app: no welcome.
      if (context.activity.action === 'add') await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botAdded) {
        await this.track(context, 'members-added');
        await this.welcome(context);
      }
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.deps.conversations.removed({ conversationId: context.activity.conversation.id, teamId: teamsGetTeamInfo(context.activity)?.id ?? undefined, reason: 'uninstalled' });
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (teamInfo, context, next) => {
      await this.deps.conversations.removed({ conversationId: context.activity.conversation.id, teamId: teamInfo.id ?? undefined, reason: 'team-deleted' });
      await next();
    });
  }

  /** Every turn gets its own child logger (conversation and activity ids; see teams/turn-logger.ts). */
  override async run(context: TurnContext): Promise<void> {
    context.turnState.set(TURN_LOGGER_KEY, createTurnLogger(this.deps.logger, context.activity));
    await super.run(context);
  }

  /** Universal Actions: the invoke response replaces the card in place (or shows a message/error). */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.track(context, 'card-action');
    const started = process.hrtime.bigint();
    const verb = typeof invokeValue.action?.verb === 'string' ? invokeValue.action.verb : '';
    const data = isRecord(invokeValue.action?.data) ? invokeValue.action.data : {};
    let result = await this.runCardAction(verb, data, context, 'execute');
    // The card in the response replaces the pressed one: if that was ours, remember its new buttons.
    if (result.kind === 'card') this.sentCards.replaced(context.activity.conversation.id, context.activity.replyToId, result.card);
    // A file cannot replace a card: the consent card goes out as a message of its own.
    if (result.kind === 'file-consent' || result.kind === 'file-info') {
      await context.sendActivity(toActivity(result));
      result = { kind: 'text', text: result.summary };
    }
    this.logTurn(context, `action:${verb}`, outcomeOf(result), started);
    return toInvokeResponse(result);
  }

  /** fileConsent/invoke: the domain uploads on accept and says what happened; the invoke is answered 200 by botbuilder. */
  protected override async handleTeamsFileConsent(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const started = process.hrtime.bigint();
    if (this.deps.fileConsent === undefined) return;
    const action = response?.action === 'accept' ? 'accept' : 'decline';
    try {
      const reply = await this.deps.fileConsent({ action, context: response?.context, uploadInfo: response?.uploadInfo ?? undefined }, await this.turnInfo(context));
      if (reply !== undefined) await context.sendActivity(toActivity(reply));
      this.logTurn(context, `file-consent:${action}`, reply === undefined ? 'replay' : reply.kind, started);
    } catch (err) {
      const reference = newErrorReference();
      turnLoggerOf(context, this.deps.logger).error({ err, reference }, 'file consent failed');
      await context.sendActivity(MessageFactory.text(`Beklager, filen kunne ikke sendes. Bed om den igen om lidt. (Reference: ${reference})`));
    }
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    const activity = context.activity;
    const text = typeof activity.text === 'string' ? activity.text : '';
    const answer = await this.deps.answerQuestion(text, await this.turnInfo(context));
    const { intent } = answer;
    const reply = this.budgeted(context, answer.reply);
    const sent = await context.sendActivity(toActivity(reply));
    if (reply.kind === 'card') this.sentCards.remember(activity.conversation.id, sent?.id, reply.card);
    this.logTurn(context, intent, 'answered', started);
  }

  /**
   * Action.Submit fallback (clients without Universal Actions): update the card that was pressed —
   * only if it is a card this bot sent here with that button (the replyToId is the sender's word);
   * otherwise the card goes out as a new message.
   */
  private async answerSubmit(context: TurnContext, value: { verb: string } & Record<string, unknown>): Promise<void> {
    const started = process.hrtime.bigint();
    const { verb, ...data } = value;
    const result = await this.runCardAction(verb, data, context, 'submit');
    const replyToId = context.activity.replyToId;
    const conversationId = context.activity.conversation.id;
    if (result.kind === 'card' && this.sentCards.mayReplace(conversationId, replyToId, verb, data)) {
      const update = MessageFactory.attachment(CardFactory.adaptiveCard(result.card));
      update.id = replyToId;
      await context.updateActivity(update);
      this.sentCards.remember(conversationId, replyToId, result.card);
    } else if (result.kind === 'card') {
      const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(result.card)));
      this.sentCards.remember(conversationId, sent?.id, result.card);
    } else if (result.kind === 'error') {
      await context.sendActivity(MessageFactory.text(result.message));
    } else {
      await context.sendActivity(toActivity(result));
    }
    this.logTurn(context, `action:${verb}`, outcomeOf(result), started);
  }

  /** Every card the bot sends or puts in place passes the size budget here (core/card-budget.ts). */
  private budgeted<R extends CardActionResult>(context: TurnContext, result: R): R | Reply {
    if (result.kind === 'error') return result;
    const { reply, bytes } = withinCardBudget(result);
    if (bytes !== undefined) turnLoggerOf(context, this.deps.logger).error({ event: 'card-over-budget', bytes, limit: MAX_CARD_BYTES }, 'a card over the size budget was replaced by a text');
    return reply;
  }

  /** A failing handler must still answer an invoke (else Teams retries): log it, show a reference. */
  private async runCardAction(verb: string, data: Record<string, unknown>, context: TurnContext, via: 'execute' | 'submit'): Promise<CardActionResult> {
    try {
      return this.budgeted(context, await this.deps.cardActions({ verb, data, turn: await this.turnInfo(context), via }));
    } catch (err) {
      const reference = newErrorReference();
      turnLoggerOf(context, this.deps.logger).error({ err, reference, verb }, 'card action failed');
      return { kind: 'error', statusCode: 500, message: `Beklager, handlingen kunne ikke gennemføres. Prøv igen om lidt. (Reference: ${reference})` };
    }
  }

  /** The turn as the domain sees it; with the UPN when an allow-list needs it (cached per user, teams/upn-lookup.ts), and the groups when roles come from groups. */
  private async turnInfo(context: TurnContext): Promise<TurnInfo> {
    const turn = turnInfoFromActivity(context.activity);
    const oid = turn.user.aadObjectId;
    const [upn, groupIds] = await Promise.all([
      this.deps.lookupUpn === undefined ? undefined : this.deps.lookupUpn(context),
      // Without an object id there is nobody to look up: no group, fail closed.
      this.deps.memberGroups === undefined ? undefined : oid === undefined || oid === '' ? [] : this.deps.memberGroups(oid),
    ]);
    if (upn !== undefined) turn.user.upn = upn;
    if (groupIds !== undefined) turn.user.groupIds = groupIds;
    return turn;
  }

  /** Teams announces one install twice (installationUpdate and conversationUpdate): the welcome rule decides. A failure is only logged. */
  private async welcome(context: TurnContext): Promise<void> {
    if (this.deps.welcome === undefined) return;
    try {
      const reply = await this.deps.welcome(turnInfoFromActivity(context.activity));
      if (reply !== undefined) await context.sendActivity(toActivity(reply));
    } catch (err) {
      turnLoggerOf(context, this.deps.logger).error({ err }, 'could not send the welcome');
    }
  }

  /** Remember where the bot can reach people later; a failure here must not cost the answer. */
  private async track(context: TurnContext, via: 'message' | 'installation' | 'members-added' | 'card-action'): Promise<void> {
    try {
      await this.deps.conversations.seen({
        reference: { ...TurnContext.getConversationReference(context.activity) },
        turn: turnInfoFromActivity(context.activity),
        teamId: teamsGetTeamInfo(context.activity)?.id ?? undefined,
        via,
      });
    } catch (err) {
      turnLoggerOf(context, this.deps.logger).error({ err, conversationType: context.activity.conversation?.conversationType }, 'could not record the conversation');
    }
  }

  private logTurn(context: TurnContext, intent: string, outcome: string, started: bigint): void {
    const conversationType = context.activity.conversation?.conversationType ?? 'unknown';
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    turnLoggerOf(context, this.deps.logger).info({ event: 'turn', conversationType, intent, outcome, durationMs }, 'turn');
    this.deps.telemetry?.turn({ name: intent, outcome, conversationType, durationMs, failed: outcome === 'error' });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCardSubmit(value: unknown): value is { verb: string } & Record<string, unknown> {
  return isRecord(value) && typeof value.verb === 'string';
}

/** Teams' own attachment types for files from a bot (platform notes: "Files from a bot"). */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

function fileAttachment(reply: Extract<Reply, { kind: 'file-consent' | 'file-info' }>): Attachment {
  if (reply.kind === 'file-consent') {
    const context = { offerId: reply.offerId };
    return { contentType: FILE_CONSENT_CONTENT_TYPE, name: reply.fileName, content: { description: reply.description, sizeInBytes: reply.sizeInBytes, acceptContext: context, declineContext: context } };
  }
  return { contentType: FILE_INFO_CONTENT_TYPE, contentUrl: reply.contentUrl, name: reply.fileName, content: { uniqueId: reply.uniqueId, fileType: reply.fileType } };
}

export function toActivity(reply: Reply) {
  if (reply.kind === 'text') return MessageFactory.text(reply.text);
  if (reply.kind === 'file-consent' || reply.kind === 'file-info') {
    const files = MessageFactory.attachment(fileAttachment(reply));
    files.summary = reply.summary;
    return files;
  }
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  activity.type = ActivityTypes.Message;
  // Shown in notifications and by clients that cannot render the card.
  activity.summary = reply.summary;
  return activity;
}

/** The turn log's outcome of a card action: 'card', 'message' (a text) or 'error', as operators know them. */
function outcomeOf(result: CardActionResult): 'card' | 'message' | 'error' | 'file-consent' | 'file-info' {
  return result.kind === 'text' ? 'message' : result.kind;
}

function toInvokeResponse(result: CardActionResult): AdaptiveCardInvokeResponse {
  switch (result.kind) {
    case 'card':
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card as unknown as Record<string, unknown> };
    case 'text':
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.text as unknown as Record<string, unknown> };
    case 'file-consent':
    case 'file-info':
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.summary as unknown as Record<string, unknown> };
    case 'error':
      return {
        statusCode: result.statusCode,
        type: 'application/vnd.microsoft.error',
        value: { code: result.statusCode === 403 ? 'Forbidden' : result.statusCode === 400 ? 'BadRequest' : 'InternalError', message: result.message } as unknown as Record<string, unknown>,
      };
  }
}
