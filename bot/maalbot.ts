import { ActivityTypes, CardFactory, MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Reply } from '../domain/reply';
import type { QuestionAnswerer } from '../domain/answer-question';
import type { Logger } from './logger';
import { turnInfoFromActivity } from './turn-info-from-activity';

export interface MaalBotDeps {
  answerQuestion: QuestionAnswerer;
  logger: Logger;
}

/**
 * The thin Bot Framework shell: turns an incoming message into text for the domain and the
 * domain's Reply into an activity. No rules, no card building, no storage here — this class is
 * what a move to the Microsoft 365 Agents SDK or the Teams SDK replaces.
 */
export class MaalBot extends TeamsActivityHandler {
  constructor(private readonly deps: MaalBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    const activity = context.activity;
    // Action.Submit from a card also arrives as a message (with `value`); wired by the form issue.
    const text = typeof activity.text === 'string' ? activity.text : '';
    const { reply, intent } = await this.deps.answerQuestion(text, turnInfoFromActivity(activity));
    await context.sendActivity(toActivity(reply));
    this.deps.logger.info(
      {
        event: 'turn',
        conversationType: activity.conversation?.conversationType ?? 'unknown',
        intent,
        outcome: 'answered',
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      },
      'turn',
    );
  }
}

export function toActivity(reply: Reply) {
  if (reply.kind === 'text') return MessageFactory.text(reply.text);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  activity.type = ActivityTypes.Message;
  // Shown in notifications and by clients that cannot render the card.
  activity.summary = reply.summary;
  return activity;
}
