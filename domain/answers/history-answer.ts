import type { IntentHandler } from './answer-context';
import { historyReply } from './history-reply';

/** "historik mål 3": latest measurements per KPI with who/when/source, and a trend chart. */
export const answerHistory: IntentHandler<'history'> = async (intent, ctx) =>
  historyReply(ctx.contract, ctx.store, intent.goalId, ctx.today, ctx.timeZone);
