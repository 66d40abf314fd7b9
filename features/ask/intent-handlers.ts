import type { IntentHandlers } from './answer-context';
import { drawnFor } from '../../core/card-viewer';
import { fromStatusRows } from '../status/from-status-rows';
import { goalStatusAnswer } from '../status/goal-status-answer';
import { overviewAnswer } from '../status/overview-answer';
import { statusPoint } from '../status/status-point';
import { contractCard } from '../status/contract-card';
import { cardReply } from '../../core/reply';
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
  'goal-status': async ({ goalId, at }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    // The buttons follow who looks (core/card-viewer.ts): part of what the cached card depends on.
    const drawn = drawnFor(ctx.viewer, ctx.personal);
    const viewerKey = [String(drawn.mayRecord), drawn.shared ? drawn.refreshUserIds.join(',') : ''];
    return fromStatusRows({ ...ctx, contract }, asOf, ['goal-status', contract.id, goalId, asOf, ...viewerKey], (measurements) =>
      // The parser only yields ids of the contract in force; another year may not have the goal.
      goalStatusAnswer(goalId, { contract, measurements, today: asOf, viewer: drawn }) ?? unknownGoalReply(contract, goalId),
    );
  },
  overview: async ({ at }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    return fromStatusRows({ ...ctx, contract }, asOf, ['overview', contract.id, asOf], (measurements) => overviewAnswer({ contract, measurements, today: asOf }));
  },
  contract: async ({ at }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at);
    if (!point.ok) return { kind: 'text', text: point.text };
    return cardReply(contractCard(point.contract, ctx.contracts, point.asOf), 'Om kontrakten');
  },
  help: answerHelp,
  'not-understood': answerNotUnderstood,
  'unknown-goal': answerUnknownGoal,
  deadlines: async (_intent, ctx) => deadlinesAnswer({ contract: ctx.contract, today: ctx.today, schedule: ctx.reminders?.schedule }),
  'next-meeting': async (_intent, ctx) => nextMeetingAnswer({ contract: ctx.contract, store: ctx.store, today: ctx.today, reminders: ctx.reminders }),
  'update-form': async ({ goalId }, ctx) =>
    updateFormAnswer(goalId, ctx.turn, {
      contract: ctx.contract,
      contracts: ctx.contracts,
      store: ctx.store,
      today: () => ctx.today,
      timeZone: ctx.timeZone,
      access: ctx.access,
      newSubmissionId: ctx.newSubmissionId,
    }),
  history: async ({ goalId }, ctx) => historyAnswer(goalId, { ...ctx, viewer: drawnFor(ctx.viewer, ctx.personal) }),
  subscribe: async (_intent, ctx) => subscribeAnswer(ctx),
  unsubscribe: async (_intent, ctx) => unsubscribeAnswer(ctx),
  reminders: async (_intent, ctx) => remindersAnswer({ ...ctx, viewer: drawnFor(ctx.viewer, ctx.personal) }),
};
