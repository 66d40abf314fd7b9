import type { ConversationTopic } from '../../core/ports/conversation-memory';
import type { GoalFact, Intent } from './intent';
import { GOAL_FACT_KINDS } from '../status/goal-fact-answer';

const isFact = (x: string | undefined): x is GoalFact => x !== undefined && (GOAL_FACT_KINDS as readonly string[]).includes(x);

/**
 * A follow-up read against what the conversation was just about:
 * - "hvad med baseline?", "hvem måler det?" (a fact, no goal) → that fact of the last goal;
 * - "og mål 5?" after a fact question → the same fact of mål 5 (after a status question: mål 5's status).
 * Anything else is answered as asked. Without a topic a follow-up stays one (its answer asks which goal).
 */
export function resolveFollowUp(intent: Intent, topic: ConversationTopic | undefined): Intent {
  if (topic === undefined) return intent;
  if (intent.kind === 'follow-up') {
    const kpiId = topic.kpiId !== undefined ? { kpiId: topic.kpiId } : {};
    return { kind: 'goal-fact', goalId: topic.goalId, fact: intent.fact, ...kpiId, language: intent.language };
  }
  if (intent.kind === 'goal-status' && intent.continues === true && isFact(topic.fact)) {
    return { kind: 'goal-fact', goalId: intent.goalId, fact: topic.fact, language: intent.language, ...(intent.at !== undefined ? { at: intent.at } : {}) };
  }
  return intent;
}

/** What to remember after answering `intent`, or undefined when it was about no single goal. */
export function topicOf(intent: Intent): ConversationTopic | undefined {
  switch (intent.kind) {
    case 'goal-status':
    case 'history':
    case 'update-form':
      return { goalId: intent.goalId };
    case 'goal-fact':
      return { goalId: intent.goalId, fact: intent.fact, ...(intent.kpiId !== undefined ? { kpiId: intent.kpiId } : {}) };
    default:
      return undefined;
  }
}
