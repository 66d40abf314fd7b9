/**
 * What a user asked the bot, as data. Produced by `parseQuestion` (features/ask/parse-question.ts),
 * consumed by the bot's message handler, which picks a reply per `kind`.
 *
 * Every intent carries `language` so the reply can be in the language the user wrote in
 * (Danish unless the phrasing was clearly English).
 */
export type Language = 'da' | 'en';

interface IntentBase {
  language: Language;
}

import type { StatusTime } from '../status/status-point';

/** The time a status question is about (features/ask/parse-status-time.ts); absent: today. */
export type { StatusTime };

/** Status of one goal, e.g. "status mål 4", "hvordan går det med kendskab", "goal 4 status". */
export interface GoalStatusIntent extends IntentBase {
  kind: 'goal-status';
  /** A goal id that exists in the contract ("4", "9c"). */
  goalId: string;
  at?: StatusTime;
}

/** All goals at once: "oversigt", "status", "alle mål", "overview", "dashboard". */
export interface OverviewIntent extends IntentBase {
  kind: 'overview';
  at?: StatusTime;
}

/** The contract as a whole: "om kontrakten", "kontraktperiode", "about the contract" (+ a year). */
export interface ContractIntent extends IntentBase {
  kind: 'contract';
  at?: StatusTime;
}

/** What the bot can do: "hjælp", "help", "?", and an empty message. */
export interface HelpIntent extends IntentBase {
  kind: 'help';
}

/** A goal reference that is not in the contract: "mål 11" → requested "11". */
export interface UnknownGoalIntent extends IntentBase {
  kind: 'unknown-goal';
  /** The id as the user wrote it, lower-cased, leading zeros removed ("11", "0", "9e"). */
  requested: string;
}

/** Text with nothing recognisable in it. */
export interface NotUnderstoodIntent extends IntentBase {
  kind: 'not-understood';
}

/** "næste møde", "hvornår er næste møde", "next meeting". */
export interface NextMeetingIntent extends IntentBase {
  kind: 'next-meeting';
}

/** "frister", "næste frist", "deadlines". */
export interface DeadlinesIntent extends IntentBase {
  kind: 'deadlines';
}

/** Open the form to record a measurement: "opdater mål 3", "indberet mål 3", "update goal 3". */
export interface UpdateFormIntent extends IntentBase {
  kind: 'update-form';
  goalId: string;
}

/** Measurements over time: "historik mål 3", "udvikling mål 3", "history goal 3". */
export interface HistoryIntent extends IntentBase {
  kind: 'history';
  goalId: string;
}

/** "abonnér på påmindelser", "subscribe". */
export interface SubscribeIntent extends IntentBase {
  kind: 'subscribe';
}

/** "afmeld påmindelser", "unsubscribe". */
export interface UnsubscribeIntent extends IntentBase {
  kind: 'unsubscribe';
}

/** Which reminders exist / are set up: "påmindelser", "reminders". */
export interface RemindersIntent extends IntentBase {
  kind: 'reminders';
}

export type Intent =
  | GoalStatusIntent
  | OverviewIntent
  | HelpIntent
  | UnknownGoalIntent
  | NotUnderstoodIntent
  | NextMeetingIntent
  | DeadlinesIntent
  | UpdateFormIntent
  | HistoryIntent
  | SubscribeIntent
  | UnsubscribeIntent
  | RemindersIntent
  | ContractIntent;

export type IntentKind = Intent['kind'];
