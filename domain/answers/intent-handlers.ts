import type { IntentHandlers } from './answer-context';
import { answerGoalStatus } from './goal-status-answer';
import { answerOverview } from './overview-answer';
import { answerHelp, answerNotUnderstood, answerUnknownGoal } from './help-answer';
import { answerDeadlines } from './deadlines-answer';
import { answerNextMeeting } from './next-meeting-answer';
import { answerSubscribe } from './subscribe-answer';
import { answerUnsubscribe } from './unsubscribe-answer';
import { answerReminders } from './reminders-answer';
import { answerUpdateForm } from './update-form-answer';
import { answerHistory } from './history-answer';

/** The one registry of intent → handler. Add a handler in its own file and name it here. */
export const intentHandlers: IntentHandlers = {
  'goal-status': answerGoalStatus,
  overview: answerOverview,
  help: answerHelp,
  'not-understood': answerNotUnderstood,
  'unknown-goal': answerUnknownGoal,
  deadlines: answerDeadlines,
  'next-meeting': answerNextMeeting,
  'update-form': answerUpdateForm,
  history: answerHistory,
  subscribe: answerSubscribe,
  unsubscribe: answerUnsubscribe,
  reminders: answerReminders,
};
