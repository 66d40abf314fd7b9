/**
 * The few Adaptive Card shapes the bot builds, kept loose on purpose: the official 1.5 schema
 * (checked in test/helpers/adaptive-card-schema.ts) is the real contract, not these types.
 */
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams lets bots send cards up to 1.5. */
export const ADAPTIVE_CARD_VERSION = '1.5';

export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: string; title: string } & Record<string, unknown>;

/** A type alias, not an interface, so that it fits core's structural CardJson (core/reply.ts). */
export type AdaptiveCard = {
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  fallbackText?: string;
  /** Universal Actions refresh (cards/with-refresh.ts). */
  refresh?: { action: CardAction; userIds: string[] };
};

export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], fallbackText?: string): AdaptiveCard {
  return {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText !== undefined ? { fallbackText } : {}),
  };
}

/** A wrapping TextBlock: every text the bot shows goes through here or the templates. */
export function textBlock(text: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...options };
}
