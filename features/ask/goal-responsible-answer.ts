import type { ContractData } from '../../goals/contract-schema';
import { adaptiveCard, textBlock, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import type { Language } from '../../core/language';
import { contractFactLines } from '../status/contract-fact-answer';
import { goalHeading } from '../status/goal-status-view';

/**
 * "hvem er ansvarlig for mål 3?", "who is responsible for goal 3?": the contract names no one per goal
 * (a goal has no responsible in the contract data), so the answer says that, and gives the one
 * responsible the contract does name — for the contract as a whole — labelled as such. No person is made up.
 * Undefined when the contract has no such goal.
 */
export function goalResponsibleCard(contract: ContractData, goalId: string, language: Language = 'da'): AdaptiveCard | undefined {
  const goal = contract.goals.find((g) => g.id === goalId);
  if (goal === undefined) return undefined;
  const en = language === 'en';
  const { lines } = contractFactLines(contract, 'responsible', language);
  const none = en
    ? `The contract names no one responsible for a single goal, so none for ${goalHeading(goal, language)}.`
    : `Kontrakten nævner ingen ansvarlig for de enkelte mål, så heller ikke for ${goalHeading(goal, language)}.`;
  const label = en ? 'For the contract as a whole (not per goal):' : 'For kontrakten som helhed (ikke pr. mål):';
  const body = [
    textBlock(escapeMarkdown(contract.title), { weight: 'Bolder', size: 'Small', isSubtle: true }),
    textBlock(escapeMarkdown(none), { spacing: 'Small' }),
    textBlock(label, { isSubtle: true, size: 'Small', spacing: 'Medium' }),
    ...lines.map((l) => textBlock(escapeMarkdown(l), { spacing: 'None' })),
  ];
  const data: Record<string, string> = en ? { goalId: goal.id, language } : { goalId: goal.id };
  const actions = [
    executeAction(`${en ? 'Goal' : 'Mål'} ${goal.id}`, CARD_VERBS.showStatus, data),
    executeAction(en ? 'About the contract' : 'Om kontrakten', CARD_VERBS.showContract, en ? { language } : {}),
  ];
  return adaptiveCard(body, actions, none);
}
