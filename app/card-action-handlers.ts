import type { CardVerbHandlers } from '../core/ports/card-action';
import type { MeasurementFormDeps } from '../features/measurements/form/measurement-form-deps';
import { measurementCardActions } from '../features/measurements/measurement-card-actions';
import { navigationCardActions, type AnswerContexts } from '../features/ask/navigation-card-actions';
import { reportCardActions } from '../features/report/report-card-actions';
import type { FileRequests } from '../features/report/file-requests';
import { explanationCardActions, type ExplanationDeps } from '../features/report/explanation/explanation-actions';

/** What the card-action handlers need; built once in app/create-app.ts (add a field per feature). */
export interface CardActionDeps {
  /** Measurement forms, history and corrections. */
  forms: MeasurementFormDeps;
  /** Navigation, refresh and "Annuller": they answer as the questions do (features/ask). */
  answerContexts: AnswerContexts;
  /** The KKR report and export as files; undefined without a report store. */
  files?: FileRequests;
  /** Explanations for the KKR report; undefined without a report store. */
  explanations?: ExplanationDeps;
}

/**
 * The one registry of card verbs → handlers, one group per feature; the type insists on one
 * handler per verb. The goal status card's buttons use the verbs `openUpdateForm` and `showHistory`.
 */
export function createCardActionHandlers(deps: CardActionDeps): CardVerbHandlers {
  return { ...measurementCardActions(deps.forms), ...navigationCardActions(deps.answerContexts), ...reportCardActions(deps.files), ...explanationCardActions(deps.explanations) };
}
