import type { ContractData } from '../../goals/contract-schema';
import { findGoal } from '../../goals/contract-queries';
import { adaptiveCard, textBlock, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import type { GoalFactKind } from '../status/goal-fact-answer';

/**
 * The words fit several goals ("kendskabsmålingen" → mål 1 and mål 6): ask, rather than guess.
 * "Mente du Mål 1 (Virksomhedernes kendskab til erhvervshusene) eller Mål 6 (…)?", with one button per goal
 * ("Did you mean Goal 1 (…) or Goal 6 (…)?" for an English question; the titles are the contract's own).
 * When a fact was asked ("baseline for kendskabsmålingen"), the button answers that fact of the chosen
 * goal (verb showGoalFact: only the goal id, the fact kind and the language travel, never the question's text).
 */
export function choiceCard(contract: ContractData, goalIds: readonly string[], language: 'da' | 'en' = 'da', fact?: GoalFactKind): AdaptiveCard {
  const goals = goalIds.map((id) => findGoal(contract, id)).filter((g) => g !== undefined);
  const goalWord = language === 'en' ? 'Goal' : 'Mål';
  const named = goals.map((g) => `${goalWord} ${g.id} (${g.title})`);
  const or = language === 'en' ? ' or ' : ' eller ';
  const question = `${language === 'en' ? 'Did you mean' : 'Mente du'} ${named.slice(0, -1).join(', ')}${named.length > 1 ? or : ''}${named[named.length - 1] ?? ''}?`;
  return adaptiveCard(
    [textBlock(escapeMarkdown(question), { weight: 'Bolder' })],
    goals.map((g) =>
      fact === undefined ? executeAction(`${goalWord} ${g.id}`, CARD_VERBS.showStatus, language === 'en' ? { goalId: g.id, language } : { goalId: g.id }) : executeAction(`${goalWord} ${g.id}`, CARD_VERBS.showGoalFact, { goalId: g.id, fact, language }),
    ),
    question,
  );
}
