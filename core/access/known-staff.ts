import { MAX_REFRESH_USERS } from '../card-viewer';

/**
 * The Teams user ids (29:…) of staff this process has seen, most recent first, for a shared
 * card's `refresh.userIds`. Teams names people there by that id, which the configuration
 * (object ids, UPNs) cannot know ahead, so it is learnt when staff talk to the bot. Kept in memory
 * on purpose: losing it on a restart only costs an automatic refresh (staff can still refresh by
 * hand or ask again), and it holds no one's rights — every verb checks the role itself.
 */
export class KnownStaff {
  private readonly ids: string[] = [];

  remember(userId: string): void {
    if (userId === '') return;
    const i = this.ids.indexOf(userId);
    if (i >= 0) this.ids.splice(i, 1);
    this.ids.unshift(userId);
    if (this.ids.length > MAX_REFRESH_USERS) this.ids.length = MAX_REFRESH_USERS;
  }

  list(): string[] {
    return [...this.ids];
  }
}
