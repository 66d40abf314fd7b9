import { randomUUID } from 'node:crypto';
import type { ContractBook } from '../../goals/contract-book';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { parseQuestion } from './parse-question';
import type { Intent } from './intent';
import { intentHandlers } from './intent-handlers';
import type { AnswerContext, IntentHandler, IntentHandlers } from './answer-context';
import { ReplyCache } from '../../core/reply-cache';
import type { QuestionAnswerer } from '../../core/ports/question-answerer';
import { NOBODY_MAY_WRITE, type AccessPolicy } from '../../core/access/access-policy';
import type { RemindersContext } from '../reminders/reminders-context';
import type { TurnInfo } from '../../core/turn-info';
import { KnownStaff } from '../../core/access/known-staff';
import { cardViewerOf } from '../../core/access/card-viewer-of';
import type { FileRequests } from '../report/file-requests';
import type { ExplanationStore } from '../../core/ports/explanation-store';
import type { ConversationMemory, ConversationTopic } from '../../core/ports/conversation-memory';
import { conversationTopics } from './conversation-topics';
import { resolveFollowUp, topicOf } from './follow-up';
import { deepFreeze } from '../../core/deep-freeze';

export interface QuestionAnswererDeps {
  /** Every loaded contract year; a turn answers about the one in force today unless it names another. */
  contracts: ContractBook;
  store: MeasurementStore;
  /** Today's calendar date (YYYY-MM-DD) in the configured time zone. */
  today: () => string;
  handlers?: IntentHandlers;
  /** Who may record measurements; default nobody. */
  access?: AccessPolicy;
  /** For times shown on cards; default Europe/Copenhagen. */
  timeZone?: string;
  /** Reminder commands; without it they answer that reminders are off. */
  reminders?: RemindersContext;
  /** A new submission id for each form shown; default crypto.randomUUID (fixed in tests). */
  newSubmissionId?: () => string;
  /** Staff seen so far, for shared cards' refresh (one per app; default a fresh one). */
  knownStaff?: KnownStaff;
  /** The report and export as files; without it "afrapportering" says it is not set up. */
  files?: FileRequests;
  /** Explanations to KKR, shown on the goal status card. */
  explanations?: Pick<ExplanationStore, 'latestExplanations'>;
  /** Follow-ups ("og mål 5?", "hvad med baseline?"): what each conversation and user just asked about. Without it, follow-ups ask which goal. */
  memory?: ConversationMemory;
  /** The clock the follow-up context expires by (default the system clock). */
  now?: () => Date;
}

/** Builds the context an intent handler (or a navigation verb) answers in, for one turn. */
export function createAnswerContexts(deps: QuestionAnswererDeps): (turn: TurnInfo, options?: { personal?: boolean }) => AnswerContext {
  const cache = new ReplyCache();
  const knownStaff = deps.knownStaff ?? new KnownStaff();
  const access = deps.access ?? NOBODY_MAY_WRITE;
  const topics = conversationTopics(deps.memory, deps.now ?? (() => new Date()));
  return (turn, options = {}) => {
    const today = deps.today();
    return {
      contract: deps.contracts.inForce(today),
      contracts: deps.contracts,
      store: deps.store,
      today,
      turn,
    cache,
    access,
    timeZone: deps.timeZone ?? 'Europe/Copenhagen',
    reminders: deps.reminders,
    files: deps.files,
    explanations: deps.explanations,
    newSubmissionId: deps.newSubmissionId ?? randomUUID,
      viewer: cardViewerOf(turn, access, knownStaff),
      personal: options.personal ?? false,
      topics,
    };
  };
}

/** Short questions whose parse is kept (people ask the same few again and again); longer ones are parsed every time. */
const MAX_REMEMBERED_TEXT = 200;
const MAX_REMEMBERED_PARSES = 512;

/**
 * parseQuestion is a pure function of the text and the contract's goals, so the parse of a short text
 * is kept per contract (bounded, the oldest out) and handed out frozen (core/deep-freeze.ts).
 */
export function rememberedParser(parse: typeof parseQuestion = parseQuestion): typeof parseQuestion {
  const byContract = new WeakMap<object, Map<string, Intent>>();
  return (text, contract) => {
    if (typeof text !== 'string' || text.length > MAX_REMEMBERED_TEXT) return parse(text, contract);
    let parses = byContract.get(contract);
    if (parses === undefined) byContract.set(contract, (parses = new Map()));
    let intent = parses.get(text);
    if (intent === undefined) {
      intent = deepFreeze(parse(text, contract));
      if (parses.size >= MAX_REMEMBERED_PARSES) parses.delete(parses.keys().next().value!);
      parses.set(text, intent);
    }
    return intent;
  };
}

/** Text in, reply out: parse the question, then let the intent's handler answer it. */
export function createQuestionAnswerer(deps: QuestionAnswererDeps, contextFor = createAnswerContexts(deps)): QuestionAnswerer {
  const handlers = deps.handlers ?? intentHandlers;
  const parse = rememberedParser();
  return async (text, turn) => {
    const ctx: AnswerContext = contextFor(turn);
    const parsed = parse(text, ctx.contract);
    const wantsTopic = parsed.kind === 'follow-up' || (parsed.kind === 'goal-status' && parsed.continues === true);
    const topic = ctx.topics !== undefined && wantsTopic ? await ctx.topics.recall(turn) : undefined;
    const intent = resolveFollowUp(parsed, topic);
    // The mapped type guarantees handlers[intent.kind] accepts this intent; TS cannot narrow the pair.
    const handler = handlers[intent.kind] as IntentHandler<Intent['kind']>;
    const reply = await handler(intent as never, ctx);
    const next: ConversationTopic | undefined = topicOf(intent);
    if (next !== undefined) await ctx.topics?.remember(turn, next);
    return { reply, intent: intent.kind };
  };
}
