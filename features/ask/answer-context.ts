import type { ContractData } from '../../goals/contract-schema';
import type { ContractBook } from '../../goals/contract-book';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { AccessPolicy } from '../../core/access/access-policy';
import type { Intent, IntentKind } from './intent';
import type { Reply } from '../../core/reply';
import type { TurnInfo } from '../../core/turn-info';
import type { ReplyCache } from '../../core/reply-cache';
import type { RemindersContext } from '../reminders/reminders-context';
import type { CardViewer } from '../../core/card-viewer';
import type { FileRequests } from '../report/file-requests';
import type { ExplanationStore } from '../../core/ports/explanation-store';
import type { ConversationTopics } from './conversation-topics';

/** What every intent handler may use: the contract, the store, today's date and who asks where. */
export interface AnswerContext {
  /** The contract in force today. */
  contract: ContractData;
  /** Every loaded contract year, for questions about another year or date ("status mål 1 2021"). */
  contracts: ContractBook;
  store: MeasurementStore;
  /** Today's calendar date in the configured time zone, YYYY-MM-DD. */
  today: string;
  turn: TurnInfo;
  /** Shared by the turns of one app: cards that depend only on stored rows are built once. */
  cache: ReplyCache;
  /** Who may record measurements (STAFF_USERS, ADMIN_USERS). */
  access: AccessPolicy;
  /** The configured time zone (TIME_ZONE), for times shown on cards. */
  timeZone: string;
  /** Reminders (schedule, subscriptions); undefined when the app runs without a reminder store. */
  reminders?: RemindersContext;
  /** The KKR report and the export as files (features/report); undefined when the app runs without a report store. */
  files?: FileRequests;
  /** Explanations to KKR (features/report), shown on the goal status card; undefined without a report store. */
  explanations?: Pick<ExplanationStore, 'latestExplanations'>;
  /** A new submission id for each form shown (the same source as the card actions' forms). */
  newSubmissionId: () => string;
  /** Who the answer's card is for: which buttons it shows, and who gets a refresh in a shared conversation. */
  viewer: CardViewer;
  /**
   * True when the answer is a Universal Actions refresh (or a button's answer replacing the card
   * for the one who pressed it): the card is drawn for that person, not for a reader.
   */
  personal: boolean;
  /** What this conversation and user were just about (follow-ups); undefined without a conversation memory. */
  topics?: ConversationTopics;
}

export type IntentHandler<K extends IntentKind> = (intent: Extract<Intent, { kind: K }>, ctx: AnswerContext) => Promise<Reply>;

/** One handler per intent kind; the compiler insists that none is missing. */
export type IntentHandlers = { [K in IntentKind]: IntentHandler<K> };
