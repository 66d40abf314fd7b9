import type { CardVerbHandlers } from '../../core/ports/card-action';
import { CARD_VERBS } from '../../core/card-verbs';
import type { MeasurementFormDeps } from '../measurement-form/measurement-form-deps';
import { openUpdateFormAction } from './open-update-form-action';
import { showHistoryAction } from './show-history-action';
import { submitMeasurementAction } from './submit-measurement-action';
import { openCorrectionFormAction } from './open-correction-form-action';
import { submitCorrectionAction } from './submit-correction-action';

/** What the card-action handlers need; built once in bot/create-app.ts (add a field per feature). */
export interface CardActionDeps {
  /** Measurement forms, history and corrections. */
  forms: MeasurementFormDeps;
}

/**
 * The one registry of card verbs → handlers (each handler in its own file); the type insists on
 * one per verb. The goal status card's buttons use the verbs `openUpdateForm` and `showHistory`.
 */
export function createCardActionHandlers(deps: CardActionDeps): CardVerbHandlers {
  return {
    [CARD_VERBS.openUpdateForm]: openUpdateFormAction(deps.forms),
    [CARD_VERBS.showHistory]: showHistoryAction(deps.forms),
    [CARD_VERBS.submitMeasurement]: submitMeasurementAction(deps.forms),
    [CARD_VERBS.openCorrectionForm]: openCorrectionFormAction(deps.forms),
    [CARD_VERBS.submitCorrection]: submitCorrectionAction(deps.forms),
  };
}
