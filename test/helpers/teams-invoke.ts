import { teamsMessage, type ConversationKind } from './teams-activity';

export interface CardActionOptions {
  serviceUrl: string;
  verb: string;
  /** The action's data merged with the card's input values; Teams sends every input value as a string. */
  data: Record<string, unknown>;
  kind?: ConversationKind;
  /** Reuse to act in the same conversation as an earlier activity. */
  conversationId?: string;
  /** The card's message id (what Action.Submit updates). */
  replyToId?: string;
  fromId?: string;
  fromAadObjectId?: string;
  fromName?: string;
}

function base(o: CardActionOptions, text: string): Record<string, unknown> {
  const activity = teamsMessage({ text, serviceUrl: o.serviceUrl, kind: o.kind ?? 'personal', fromAadObjectId: o.fromAadObjectId, fromName: o.fromName });
  const from = activity.from as Record<string, unknown>;
  if (o.fromId !== undefined) from.id = o.fromId;
  if (o.conversationId !== undefined) (activity.conversation as Record<string, unknown>).id = o.conversationId;
  activity.replyToId = o.replyToId ?? `card-${Date.now()}`;
  delete activity.entities;
  return activity;
}

/**
 * A Universal Action press exactly as Teams posts it: an `invoke` named `adaptiveCard/action`
 * whose value is `{ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }`.
 * The HTTP response to it is the invoke response (statusCode, type, value).
 */
export function teamsCardInvoke(o: CardActionOptions): Record<string, unknown> {
  const activity = base(o, '');
  delete activity.text;
  delete activity.textFormat;
  return {
    ...activity,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', id: `action-${o.verb}`, verb: o.verb, data: o.data }, trigger: 'manual' },
  };
}

/** The `Action.Submit` fallback as Teams posts it: a message without text whose value holds the data (verb included) and inputs. */
export function teamsCardSubmit(o: CardActionOptions): Record<string, unknown> {
  const activity = base(o, '');
  delete activity.text;
  return { ...activity, value: { verb: o.verb, ...o.data } };
}
