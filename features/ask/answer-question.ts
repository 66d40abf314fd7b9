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
}

/** Text in, reply out: parse the question, then let the intent's handler answer it. */
export function createQuestionAnswerer(deps: QuestionAnswererDeps): QuestionAnswerer {
  const handlers = deps.handlers ?? intentHandlers;
  const cache = new ReplyCache();
  return async (text, turn) => {
    const today = deps.today();
    const contract = deps.contracts.inForce(today);
    const intent = parseQuestion(text, contract);
    const ctx: AnswerContext = {
      contract,
      contracts: deps.contracts,
      store: deps.store,
      today,
      turn,
      cache,
      access: deps.access ?? NOBODY_MAY_WRITE,
      timeZone: deps.timeZone ?? 'Europe/Copenhagen',
      reminders: deps.reminders,
      newSubmissionId: deps.newSubmissionId ?? randomUUID,
    };
    // The mapped type guarantees handlers[intent.kind] accepts this intent; TS cannot narrow the pair.
    const handler = handlers[intent.kind] as IntentHandler<Intent['kind']>;
    const reply = await handler(intent as never, ctx);
    return { reply, intent: intent.kind };
  };
}
