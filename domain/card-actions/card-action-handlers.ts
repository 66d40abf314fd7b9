import type { CardActionHandler } from './card-action';

/**
 * The one registry of card verbs → handlers (each handler in its own file).
 * The goal status card's buttons use the verbs `openUpdateForm` and `showHistory`.
 */
export const cardActionHandlers: Readonly<Record<string, CardActionHandler>> = {};
