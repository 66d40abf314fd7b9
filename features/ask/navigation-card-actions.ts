import { z } from 'zod';
import { cardLanguageSchema } from '../../core/language';
import { CARD_VERBS } from '../../core/card-verbs';
import { cardVerbHandler, type CardActionRequest } from '../../core/ports/card-action';
import { cardReply, type Reply } from '../../core/reply';
import type { TurnInfo } from '../../core/turn-info';
import type { AnswerContext } from './answer-context';
import { intentHandlers } from './intent-handlers';
import { subscriptionRefusal } from '../reminders/subscription-refusal';
import { subscribeAnswer } from '../reminders/subscribe-answer';
import { unsubscribeAnswer } from '../reminders/unsubscribe-answer';
import { formOriginOf } from '../measurements/form/form-origin';
import { confirmationAnswer } from '../measurements/form/confirmation-answer';
import { formCancelledCard } from '../measurements/form/form-cancelled-card';
import { formScopeOf } from '../measurements/form/form-scope';
import type { MeasurementFormDeps } from '../measurements/form/measurement-form-deps';
import { findGoal } from '../../goals/contract-queries';
import { GOAL_FACT_KINDS } from '../status/goal-fact-answer';
import type { ConversationTopic } from '../../core/ports/conversation-memory';

/** The answer context for a button: drawn for the person who pressed it (the answer replaces the card for them). */
export type AnswerContexts = (turn: TurnInfo, options?: { personal?: boolean }) => AnswerContext;

const noData = z.looseObject({});
/** The card's language, carried by the buttons of an English card (status, overview, several goals, help, deadlines, history); Danish when absent. */
const language = cardLanguageSchema;
const goalData = z.looseObject({ goalId: z.string().max(20) });
const languageData = z.looseObject({ language });
const statusData = z.looseObject({ goalId: z.string().max(20), language });
/** The choice card's button when a fact was asked: the fact kind from the fixed list, never free text. */
const goalFactData = z.looseObject({ goalId: z.string().max(20), fact: z.enum(GOAL_FACT_KINDS), language });
const refreshData = z.looseObject({ view: z.enum(['status', 'history', 'reminders']), goalId: z.string().max(20).optional(), language });

function formsOf(ctx: AnswerContext): MeasurementFormDeps {
  return { contract: ctx.contract, contracts: ctx.contracts, store: ctx.store, today: () => ctx.today, timeZone: ctx.timeZone, access: ctx.access, newSubmissionId: ctx.newSubmissionId };
}

/**
 * A button that showed a goal (status card, overview row, choice card, several-goals card) makes it
 * the conversation's topic for this user, as typing the question would: "hvad med baseline?" then refers to it.
 */
async function shownGoal(ctx: AnswerContext, topic: ConversationTopic, answer: Promise<Reply>): Promise<Reply> {
  const reply = await answer;
  if (reply.kind === 'card' && findGoal(ctx.contract, topic.goalId) !== undefined) await ctx.topics?.remember(ctx.turn, topic);
  return reply;
}

/** Turning reminders on or off from the reminders card: the card comes back with the new state (or the refusal as text). */
async function toggleReminders(ctx: AnswerContext, change: (c: AnswerContext) => Promise<Reply>): Promise<Reply> {
  const answer = await change(ctx);
  if (ctx.reminders === undefined || subscriptionRefusal(ctx.turn, ctx.access) !== undefined) return answer;
  const card = await intentHandlers.reminders({ kind: 'reminders', language: 'da' }, ctx);
  return card.kind === 'card' ? card : answer;
}

/**
 * The navigation verbs: each answers as the typed command would ("oversigt", "frister", "hjælp",
 * "status mål 4", "påmindelser", "abonnér …"), and the answer replaces the pressed card. Also the
 * Universal Actions refresh (a shared card rebuilt for whoever looks at it) and a form's "Annuller".
 */
export function navigationCardActions(contexts: AnswerContexts) {
  const own = (request: CardActionRequest): AnswerContext => contexts(request.turn, { personal: true });
  return {
    [CARD_VERBS.showOverview]: cardVerbHandler(languageData, async ({ language }, r) => intentHandlers.overview({ kind: 'overview', language }, own(r))),
    [CARD_VERBS.showDeadlines]: cardVerbHandler(languageData, async ({ language }, r) => intentHandlers.deadlines({ kind: 'deadlines', language }, own(r))),
    [CARD_VERBS.showHelp]: cardVerbHandler(languageData, async ({ language }, r) => intentHandlers.help({ kind: 'help', language }, own(r))),
    [CARD_VERBS.showContract]: cardVerbHandler(languageData, async ({ language }, r) => intentHandlers.contract({ kind: 'contract', language }, own(r))),
    [CARD_VERBS.showReminders]: cardVerbHandler(noData, async (_d, r) => intentHandlers.reminders({ kind: 'reminders', language: 'da' }, own(r))),
    [CARD_VERBS.showStatus]: cardVerbHandler(statusData, async ({ goalId, language }, r) => {
      const ctx = own(r);
      return shownGoal(ctx, { goalId }, intentHandlers['goal-status']({ kind: 'goal-status', language, goalId }, ctx));
    }),
    [CARD_VERBS.showGoalFact]: cardVerbHandler(goalFactData, async ({ goalId, fact, language }, r) => {
      const ctx = own(r);
      return shownGoal(ctx, { goalId, fact }, intentHandlers['goal-fact']({ kind: 'goal-fact', language, goalId, fact }, ctx));
    }),
    [CARD_VERBS.subscribeReminders]: cardVerbHandler(noData, async (_d, r) => toggleReminders(own(r), subscribeAnswer)),
    [CARD_VERBS.unsubscribeReminders]: cardVerbHandler(noData, async (_d, r) => toggleReminders(own(r), unsubscribeAnswer)),
    /** { view, goalId? }: the card as this person may see it; the role is checked here, never trusted from the card. */
    [CARD_VERBS.refreshCard]: cardVerbHandler(refreshData, async ({ view, goalId, language }, r) => {
      const ctx = own(r);
      if (view === 'reminders') return intentHandlers.reminders({ kind: 'reminders', language: 'da' }, ctx);
      if (goalId === undefined) return { kind: 'error', statusCode: 400, message: 'Kortet er beskadiget eller forældet. Prøv at hente det igen, fx med "oversigt".' };
      if (view === 'history') return intentHandlers.history({ kind: 'history', language, goalId }, ctx);
      return intentHandlers['goal-status']({ kind: 'goal-status', language, goalId }, ctx);
    }),
    /** { goalId, back, backMeasurementId? }: the card the form replaced; nothing is stored. */
    [CARD_VERBS.cancelForm]: cardVerbHandler(goalData, async (data, r) => {
      const ctx = own(r);
      const origin = formOriginOf(data);
      switch (origin.view) {
        case 'status':
          return intentHandlers['goal-status']({ kind: 'goal-status', language: 'da', goalId: data.goalId }, ctx);
        case 'history':
          return intentHandlers.history({ kind: 'history', language: 'da', goalId: data.goalId }, ctx);
        case 'confirmation':
          return confirmationAnswer(formsOf(ctx), data.goalId, origin.measurementId);
        case 'none': {
          const scope = formScopeOf(ctx.contract, data.goalId);
          return scope === undefined ? { kind: 'text', text: 'Indberetningen er annulleret – intet er gemt.' } : cardReply(formCancelledCard(scope.goal));
        }
      }
    }),
  };
}
