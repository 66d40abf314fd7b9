import type { Reply } from '../../../core/reply';
import type { MeasurementFormDeps } from './measurement-form-deps';
import { openMeasurementForm } from './open-measurement-form';
import type { TurnInfo } from '../../../core/turn-info';

/** "opdater mål 3": the measurement form for the goal (or a polite refusal), as a new message. */
export function updateFormAnswer(goalId: string, turn: TurnInfo, forms: MeasurementFormDeps): Promise<Reply> {
  return openMeasurementForm(forms, goalId, turn);
}
