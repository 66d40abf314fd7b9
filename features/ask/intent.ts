/**
 * What a user asked the bot, as data. Produced by `parseQuestion` (features/ask/parse-question.ts),
 * consumed by the bot's message handler, which picks a reply per `kind`.
 *
 * Every intent carries `language` so the reply can be in the language the user wrote in
 * (Danish unless the phrasing was clearly English).
 */
export type { Language } from '../../core/language';
import type { Language } from '../../core/language';

interface IntentBase {
  language: Language;
}

import type { StatusTime } from '../status/status-point';
import type { GoalFact, ContractFact, GoalFilter } from './question-facts';

export type { GoalFact, ContractFact, GoalFilter };

/** The time a status question is about (features/ask/parse-status-time.ts); absent: today. */
export type { StatusTime };

/** Status of one goal, e.g. "status mål 4", "hvordan går det med kendskab", "goal 4 status". */
export interface GoalStatusIntent extends IntentBase {
  kind: 'goal-status';
  /** A goal id that exists in the contract ("4", "9c"). */
  goalId: string;
  at?: StatusTime;
  /** "og mål 5?", "hvad med mål 5": continues the conversation's last question (a fact asked before applies). */
  continues?: true;
}

/** Several goals at once: "mål 3 og 4", "1, 2 og 3", "9a og 9b", "sammenlign mål 7 og 8". */
export interface SeveralGoalsIntent extends IntentBase {
  kind: 'several-goals';
  /** Ids the contract has, in the order asked, without repeats. */
  goalIds: string[];
  /** Ids asked for that the contract does not have ("mål 3 og 11" → ["11"]). */
  unknown: string[];
  at?: StatusTime;
}

/** One fact of one goal: "hvad er målet for NPS?", "hvem måler mål 4?", "baseline for mål 6". */
export interface GoalFactIntent extends IntentBase {
  kind: 'goal-fact';
  goalId: string;
  fact: GoalFact;
  /** The KPI the question names ("3b", or "NPS" → 3b); absent: every KPI of the goal. */
  kpiId?: string;
  at?: StatusTime;
}

/** A fact of the contract as a whole: "hvornår trådte kontrakten i kraft?", "hvem har ansvaret?". */
export interface ContractFactIntent extends IntentBase {
  kind: 'contract-fact';
  fact: ContractFact;
  /** "hvem er ansvarlig for mål 3?": the contract-level fact asked of one goal (the contract names no one per goal). */
  goalId?: string;
}

/** Goals picked by a filter: "hvilke mål er i risiko?", "hvad måler Erhvervsstyrelsen?", "frister i næste kvartal". */
export interface GoalListIntent extends IntentBase {
  kind: 'goal-list';
  filter: GoalFilter;
  at?: StatusTime;
}

/** The words fit several goals equally: "kendskabsmålingen" → 1 or 6; the answer asks which. */
export interface ChooseGoalIntent extends IntentBase {
  kind: 'choose-goal';
  goalIds: string[];
  fact?: GoalFact;
}

/** A fact without a goal ("hvad med baseline?", "hvem måler det?"): about the goal the conversation was just about. */
export interface FollowUpIntent extends IntentBase {
  kind: 'follow-up';
  fact: GoalFact;
}

/** "hej", "tak", "hvordan har du det?": a friendly line and the most useful commands. */
export interface SmallTalkIntent extends IntentBase {
  kind: 'small-talk';
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

/** The KKR report as a Word file: "afrapportering", "rapport til KKR", "lav statusrapport 2021" (+ a time). */
export interface ReportIntent extends IntentBase {
  kind: 'report';
  at?: StatusTime;
}

/** All measurements as a workbook (staff): "eksporter målinger", "export measurements". */
export interface ExportMeasurementsIntent extends IntentBase {
  kind: 'export-measurements';
}

export type Intent =
  | ReportIntent
  | ExportMeasurementsIntent
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
  | ContractIntent
  | SeveralGoalsIntent
  | GoalFactIntent
  | ContractFactIntent
  | GoalListIntent
  | ChooseGoalIntent
  | FollowUpIntent
  | SmallTalkIntent;

export type IntentKind = Intent['kind'];
