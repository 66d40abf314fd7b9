import type { Goal } from '../../../goals/contract-schema';
import { adaptiveCard, textBlock, type AdaptiveCard } from '../../../cards/adaptive-card';
import { executeAction } from '../../../cards/execute-action';
import { CARD_VERBS } from '../../../core/card-verbs';
import { goalHeading } from '../../status/goal-status-view';

/** What replaces a cancelled form that came as a message of its own ("opdater mål 3"): nothing was stored. */
export function formCancelledCard(goal: Pick<Goal, 'id' | 'title'>): AdaptiveCard {
  return adaptiveCard(
    [textBlock(goalHeading(goal), { weight: 'Bolder' }), textBlock('Indberetningen er annulleret – intet er gemt.', { spacing: 'Small' })],
    [executeAction('Status', CARD_VERBS.showStatus, { goalId: goal.id })],
    `Indberetningen for mål ${goal.id} er annulleret`,
  );
}
