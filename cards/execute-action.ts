import type { CardAction } from './adaptive-card';

/**
 * A button for Universal Actions (`Action.Execute`, invoke `adaptiveCard/action`) with an
 * `Action.Submit` fallback for clients without them: the verb then travels inside `data`.
 * Data values must not share a name with an input id on the card (inputs are merged into data).
 */
export function executeAction(title: string, verb: string, data: Record<string, string>, options: Record<string, unknown> = {}): CardAction {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...options,
    // associatedInputs ("none" for a form's cancel) must hold for the fallback too.
    fallback: { type: 'Action.Submit', title, data: { verb, ...data }, ...(options.associatedInputs !== undefined ? { associatedInputs: options.associatedInputs } : {}) },
  };
}
