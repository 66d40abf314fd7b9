/**
 * Who a card is built for, as far as its buttons go: a button a person may not use is not shown.
 * A card sent into a shared conversation (channel, group chat) is seen by everyone there, so it is
 * built for a reader and carries a Universal Actions `refresh` naming the staff (at most 60), whose
 * Teams clients then fetch their own view (verb refreshCard) with the staff buttons.
 */
export interface CardViewer {
  /** May record and correct measurements (STAFF_USERS, ADMIN_USERS). */
  mayRecord: boolean;
  /** May turn the reminders on or off in this conversation. */
  mayChangeSubscription: boolean;
  /** A channel or group chat: readers see the card too. */
  shared: boolean;
  /** Teams user ids (29:…) that get the automatic refresh to their own view; at most 60, empty in a personal chat. */
  refreshUserIds: readonly string[];
}

/** Teams refreshes automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

/** Everything a reader may do: read (the view a shared card is sent in). */
export const READER_VIEWER: CardViewer = { mayRecord: false, mayChangeSubscription: false, shared: false, refreshUserIds: [] };

/** The capabilities a card is drawn with: a new card in a shared conversation is drawn for a reader. */
export function drawnFor(viewer: CardViewer, refreshing: boolean): CardViewer {
  if (!viewer.shared || refreshing) return viewer;
  return { ...viewer, mayRecord: false, mayChangeSubscription: false };
}
