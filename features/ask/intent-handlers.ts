import type { IntentHandlers } from './answer-context';
import { fromStatusRows } from '../status/from-status-rows';
import { goalStatusAnswer } from '../status/goal-status-answer';
import { overviewAnswer } from '../status/overview-answer';
import { answerHelp, answerNotUnderstood, answerUnknownGoal, unknownGoalReply } from './help-answer';
import { deadlinesAnswer } from '../reminders/deadlines-answer';
import { nextMeetingAnswer } from '../reminders/next-meeting-answer';
import { subscribeAnswer } from '../reminders/subscribe-answer';
import { unsubscribeAnswer } from '../reminders/unsubscribe-answer';
import { remindersAnswer } from '../reminders/reminders-answer';
import { updateFormAnswer } from '../measurements/form/update-form-answer';
import { historyAnswer } from '../measurements/history/history-answer';

/**
 * The one registry of intent → handler: each adapts the intent and the asking context to the
 * feature's plain answer function. Add an answer in its own file and name it here.
 */
export const intentHandlers: IntentHandlers = {
  'goal-status': async ({ goalId }, ctx) =>
    fromStatusRows(ctx, ['goal-status', ctx.contract.id, goalId, ctx.today], (measurements) =>
      // The parser only yields ids that exist; a contract swapped under us is the only way to undefined.
      goalStatusAnswer(goalId, { contract: ctx.contract, measurements, today: ctx.today }) ?? unknownGoalReply(ctx.contract, goalId),
    ),
  overview: async (_intent, ctx) => fromStatusRows(ctx, ['overview', ctx.contract.id, ctx.today], (measurements) => overviewAnswer({ contract: ctx.contract, measurements, today: ctx.today })),
  help: answerHelp,
  'not-understood': answerNotUnderstood,
  'unknown-goal': answerUnknownGoal,
  deadlines: async (_intent, ctx) => deadlinesAnswer({ contract: ctx.contract, today: ctx.today, schedule: ctx.reminders?.schedule }),
  'next-meeting': async (_intent, ctx) => nextMeetingAnswer({ contract: ctx.contract, store: ctx.store, today: ctx.today, reminders: ctx.reminders }),
  'update-form': async ({ goalId }, ctx) =>
    updateFormAnswer(goalId, ctx.turn, {
      contract: ctx.contract,
      store: ctx.store,
      today: () => ctx.today,
      timeZone: ctx.timeZone,
      access: ctx.access,
      newSubmissionId: ctx.newSubmissionId,
    }),
  history: async ({ goalId }, ctx) => historyAnswer(goalId, ctx),
  subscribe: async (_intent, ctx) => subscribeAnswer(ctx),
  unsubscribe: async (_intent, ctx) => unsubscribeAnswer(ctx),
  reminders: async (_intent, ctx) => remindersAnswer(ctx),
};
