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
import { REMINDERS_OFF, REMINDERS_OFF_EN, subscribeAnswer } from '../reminders/subscribe-answer';
import type { Language } from '../../core/language';
import { unsubscribeAnswer } from '../reminders/unsubscribe-answer';
import { remindersAnswer } from '../reminders/reminders-answer';
import { updateFormAnswer } from '../measurements/form/update-form-answer';
import { historyAnswer } from '../measurements/history/history-answer';
import { severalGoalsCard } from '../status/several-goals-card';
import { goalFactCard } from '../status/goal-fact-answer';
import { contractFactCard } from '../status/contract-fact-answer';
import { goalListAnswer } from './goal-list-answer';
import { goalResponsibleCard } from './goal-responsible-answer';
import { choiceCard } from './choice-card';
import { smallTalkCard } from './small-talk-card';
import { goalIdRanges } from './describe-goal-ids';
import { kpiForYear } from './kpi-for-year';
import { explanationByline } from '../report/explanation/explanation-form-card';

const NO_FILES = { kind: 'text', text: 'Rapporter og eksport er ikke slået til i denne installation af Målbot.' } as const;
const NO_FILES_EN = { kind: 'text', text: 'Reports and exports are not switched on in this installation of Målbot.' } as const;
/** A feature that is switched off, said in the question's language. */
const filesOff = (language: Language) => (language === 'en' ? NO_FILES_EN : NO_FILES);
const remindersOff = (language: Language) => (language === 'en' ? REMINDERS_OFF_EN : REMINDERS_OFF);

/**
 * The one registry of intent → handler: each adapts the intent and the asking context to the
 * feature's plain answer function. Add an answer in its own file and name it here.
 */
export const intentHandlers: IntentHandlers = {
  report: async ({ at, language }, ctx) => (ctx.files ? ctx.files.request({ kind: 'report', at }, ctx.turn) : filesOff(language)),
  'export-measurements': async ({ language }, ctx) => (ctx.files ? ctx.files.request({ kind: 'export' }, ctx.turn) : filesOff(language)),
  'goal-status': async ({ goalId, at, language }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at, language);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    // The buttons follow who looks (core/card-viewer.ts): part of what the cached card depends on.
    const drawn = drawnFor(ctx.viewer, ctx.personal);
    const viewerKey = [String(drawn.mayRecord), drawn.shared ? drawn.refreshUserIds.join(',') : ''];
    // The goal's explanation to KKR (features/report) is part of the card, and of its cache key.
    const explanation = (await ctx.explanations?.latestExplanations(contract.id))?.find((e) => e.goalId.toLowerCase() === goalId.toLowerCase());
    const shown = explanation === undefined ? undefined : { text: explanation.text, byline: explanationByline(explanation, ctx.timeZone) };
    const explanationKey = explanation === undefined ? '' : `${explanation.id}`;
    return fromStatusRows({ ...ctx, contract }, asOf, ['goal-status', contract.id, goalId, asOf, language, ...viewerKey, explanationKey], ({ rows, outsideLeftOut }) =>
      // The parser only yields ids of the contract in force; another year may not have the goal.
      goalStatusAnswer(goalId, { contract, measurements: rows, outsideLeftOut, today: asOf, viewer: drawn, explanation: shown, explanationsOn: ctx.explanations !== undefined, language }) ?? unknownGoalReply(contract, goalId, language),
    );
  },
  overview: async ({ at, language }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at, language);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    return fromStatusRows({ ...ctx, contract }, asOf, ['overview', contract.id, asOf, language], ({ rows }) => overviewAnswer({ contract, measurements: rows, today: asOf, language }));
  },
  contract: async ({ at, language }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at, language);
    if (!point.ok) return { kind: 'text', text: point.text };
    return cardReply(contractCard(point.contract, ctx.contracts, point.asOf, language), language === 'en' ? 'About the contract' : 'Om kontrakten');
  },
  'several-goals': async ({ goalIds, unknown, at, language }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at, language);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    const known = goalIds.filter((id) => contract.goals.some((g) => g.id === id));
    const missing = [...unknown, ...goalIds.filter((id) => !known.includes(id))];
    if (known.length === 0) return unknownGoalReply(contract, missing[0] ?? goalIds[0] ?? '', language);
    const idsText = `${language === 'en' ? 'the goals are' : 'målene er'} ${goalIdRanges(contract.goals.map((g) => g.id))}`;
    return fromStatusRows({ ...ctx, contract }, asOf, ['several-goals', contract.id, asOf, language, ...known, '|', ...missing], ({ rows, outsideLeftOut }) =>
      cardReply(severalGoalsCard(contract, known, missing, rows, asOf, idsText, language, outsideLeftOut)),
    );
  },
  'goal-fact': async ({ goalId, fact, kpiId, at, language }, ctx) => {
    // "kendskabsmålet for 2023": a year no contract covers names the KPI about that year (1b), not another contract.
    const yearKpi = at?.year !== undefined && ctx.contracts.forYear(at.year) === undefined ? kpiForYear(ctx.contract, goalId, at.year) : undefined;
    const point = statusPoint(ctx.contracts, ctx.today, yearKpi !== undefined ? undefined : at, language);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    return fromStatusRows({ ...ctx, contract }, asOf, ['goal-fact', contract.id, goalId, fact, kpiId ?? yearKpi ?? '', asOf, language], ({ rows, outsideLeftOut }) => {
      const card = goalFactCard({ contract, goalId, fact, kpiId: kpiId ?? yearKpi, measurements: rows, outsideLeftOut, today: asOf, language });
      return card === undefined ? unknownGoalReply(contract, goalId, language) : cardReply(card);
    });
  },
  'contract-fact': async ({ fact, goalId, language }, ctx) => {
    if (goalId === undefined || fact !== 'responsible') return cardReply(contractFactCard(ctx.contract, fact, language));
    const card = goalResponsibleCard(ctx.contract, goalId, language);
    return card === undefined ? unknownGoalReply(ctx.contract, goalId, language) : cardReply(card);
  },
  'goal-list': async ({ filter, at, language }, ctx) => {
    const point = statusPoint(ctx.contracts, ctx.today, at, language);
    if (!point.ok) return { kind: 'text', text: point.text };
    const { contract, asOf } = point;
    return fromStatusRows({ ...ctx, contract }, asOf, ['goal-list', contract.id, asOf, JSON.stringify(filter), language], ({ rows }) =>
      goalListAnswer(filter, { contract, measurements: rows, today: asOf, schedule: ctx.reminders?.schedule, language }),
    );
  },
  'choose-goal': async ({ goalIds, fact, language }, ctx) => cardReply(choiceCard(ctx.contract, goalIds, language, fact)),
  'follow-up': async ({ language }) => ({
    kind: 'text',
    text: language === 'en' ? 'Which goal do you mean? Try e.g. "baseline for goal 6".' : 'Hvilket mål mener du? Skriv fx «baseline for mål 6» eller «hvem måler mål 4?».',
  }),
  'small-talk': async ({ language }) => cardReply(smallTalkCard(language)),
  help: answerHelp,
  'not-understood': answerNotUnderstood,
  'unknown-goal': answerUnknownGoal,
  deadlines: async ({ language }, ctx) => deadlinesAnswer({ contract: ctx.contract, today: ctx.today, schedule: ctx.reminders?.schedule, language }),
  'next-meeting': async ({ language }, ctx) => nextMeetingAnswer({ contract: ctx.contract, store: ctx.store, today: ctx.today, reminders: ctx.reminders, language }),
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
  history: async ({ goalId, language }, ctx) => historyAnswer(goalId, { ...ctx, viewer: drawnFor(ctx.viewer, ctx.personal), language }),
  subscribe: async ({ language }, ctx) => (ctx.reminders === undefined ? remindersOff(language) : subscribeAnswer(ctx)),
  unsubscribe: async ({ language }, ctx) => (ctx.reminders === undefined ? remindersOff(language) : unsubscribeAnswer(ctx)),
  reminders: async ({ language }, ctx) => (ctx.reminders === undefined ? remindersOff(language) : remindersAnswer({ ...ctx, viewer: drawnFor(ctx.viewer, ctx.personal) })),
};
