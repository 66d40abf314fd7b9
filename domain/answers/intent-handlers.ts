import type { IntentHandlers } from './answer-context';
import { answerGoalStatus } from './goal-status-answer';
import { answerOverview } from './overview-answer';
import { answerHelp, answerNotUnderstood, answerUnknownGoal } from './help-answer';
import { answerDeadlines } from './deadlines-answer';
import { answerNextMeeting } from './next-meeting-answer';
import { notYetAvailable } from './not-yet-available-answer';

/** The one registry of intent → handler. Add a handler in its own file and name it here. */
export const intentHandlers: IntentHandlers = {
  'goal-status': answerGoalStatus,
  overview: answerOverview,
  help: answerHelp,
  'not-understood': answerNotUnderstood,
  'unknown-goal': answerUnknownGoal,
  deadlines: answerDeadlines,
  'next-meeting': answerNextMeeting,
  'update-form': async () => notYetAvailable('Indberetning af målinger'),
  history: async () => notYetAvailable('Historik'),
  subscribe: async () => notYetAvailable('Abonnement på påmindelser'),
  unsubscribe: async () => notYetAvailable('Afmelding af påmindelser'),
  reminders: async () => notYetAvailable('Påmindelser'),
};
