import type { Goal } from '../../../goals/contract-schema';
import { adaptiveCard, textBlock, type AdaptiveCard } from '../../../cards/adaptive-card';
import { executeAction } from '../../../cards/execute-action';
import { CARD_VERBS } from '../../../core/card-verbs';
import { FORM_KIND_BUTTONS, type FormKind } from '../../../core/form-kind';
import { goalHeading } from '../../status/goal-status-view';
import { formOriginData, type FormOrigin } from './form-origin';

/** A goal with KPIs of several kinds ("opdater mål 9"): which form — a number, a milestone or a duty? */
export function formKindChoiceCard(goal: Pick<Goal, 'id' | 'title'>, kinds: readonly FormKind[], origin: FormOrigin): AdaptiveCard {
  const back = formOriginData(origin);
  return adaptiveCard(
    [
      textBlock('Indberet måling', { size: 'Small', isSubtle: true }),
      textBlock(goalHeading(goal), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
      textBlock('Målet har flere slags målepunkter, med hver sin formular. Hvad vil du indberette?'),
    ],
    [
      ...kinds.map((kind) => executeAction(FORM_KIND_BUTTONS[kind], CARD_VERBS.openUpdateForm, { goalId: goal.id, kind, ...back })),
      executeAction('Annuller', CARD_VERBS.cancelForm, { goalId: goal.id, ...back }, { associatedInputs: 'none' }),
    ],
    `Indberet måling – mål ${goal.id}`,
  );
}
