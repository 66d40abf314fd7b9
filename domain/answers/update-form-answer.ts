import { openMeasurementForm } from '../measurement-form/open-measurement-form';
import type { IntentHandler } from './answer-context';

/** "opdater mål 3": the measurement form for the goal (or a polite refusal), as a new message. */
export const answerUpdateForm: IntentHandler<'update-form'> = async (intent, ctx) => {
  return openMeasurementForm(
    { contract: ctx.contract, store: ctx.store, today: () => ctx.today, timeZone: ctx.timeZone, access: ctx.access, newSubmissionId: ctx.newSubmissionId },
    intent.goalId,
    ctx.turn,
  );
};
