import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { ACTIVITY_TYPES, type ActivityFeedNotification, type ActivityFeedNotifier } from '../core/ports/activity-feed';
import { ACTIVITY_TEMPLATE_PARAMETERS } from '../core/ports/activity-template-parameters';
import { previewText } from '../core/preview-text';
import { toGraphRequestError } from './graph-request-error';

export interface GraphActivityFeedNotifierOptions {
  client: Client;
  /**
   * Where a click on the notification leads; Graph requires a Teams URL for a "text" topic.
   * main.ts uses the deep link to the bot's personal chat (see botChatDeepLink).
   */
  webUrl: string;
  /** The topic line shown with the notification. */
  topic?: string;
  now?: () => Date;
}

/** A deep link that opens the 1:1 chat with the bot (Teams' documented chat deep-link format). */
export function botChatDeepLink(botAppId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${botAppId}`)}`;
}

/** A programming error: the caller's templateParameters do not match the manifest's template. */
export class ActivityTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActivityTemplateError';
  }
}

/**
 * Teams activity-feed notifications through Graph:
 * POST /users/{userId}/teamwork/sendActivityNotification (application permission TeamsActivity.Send).
 *
 * The topic is "text" + webUrl rather than "entityUrl": an entityUrl must name the app's
 * installation for that user (…/teamwork/installedApps/{id}), which would cost an extra lookup
 * and another permission per recipient.
 *
 * chainId is derived from the notification's content, so a retry after a lost response (the
 * retry middleware also retries 5xx) replaces the first notification instead of adding a second.
 *
 * Errors: 403/404 → PermanentGraphError (app not installed for the user / user gone); 429/5xx/
 * network after the bounded retries → GraphRequestError with transient = true.
 */
export class GraphActivityFeedNotifier implements ActivityFeedNotifier {
  private readonly client: Client;
  private readonly webUrl: string;
  private readonly topic: string;
  private readonly now: () => Date;

  constructor(options: GraphActivityFeedNotifierOptions) {
    this.client = options.client;
    this.webUrl = options.webUrl;
    this.topic = options.topic ?? 'Målbot';
    this.now = options.now ?? (() => new Date());
  }

  async notify(notification: ActivityFeedNotification): Promise<void> {
    const body = activityNotificationBody(notification, this.topic, this.webUrl);
    try {
      await this.client.api(`/users/${encodeURIComponent(notification.userId)}/teamwork/sendActivityNotification`).post(body);
    } catch (err) {
      throw toGraphRequestError('sendActivityNotification', err, this.now(), { recipientScoped: true });
    }
  }
}

/** The request body; exported for tests that check it against Graph's type mappings. */
export function activityNotificationBody(notification: ActivityFeedNotification, topic: string, webUrl: string): Record<string, unknown> {
  const { activityType, templateParameters } = notification;
  if (!(ACTIVITY_TYPES as readonly string[]).includes(activityType)) {
    throw new ActivityTemplateError(`Ukendt aktivitetstype "${activityType}"; kendte: ${ACTIVITY_TYPES.join(', ')}`);
  }
  const expected: readonly string[] = ACTIVITY_TEMPLATE_PARAMETERS[activityType];
  const given = Object.keys(templateParameters);
  const missing = expected.filter((name) => !given.includes(name));
  const unknown = given.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ActivityTemplateError(
      `templateParameters for ${activityType} skal være præcis ${expected.join(', ')}` +
        `${missing.length > 0 ? `; mangler ${missing.join(', ')}` : ''}${unknown.length > 0 ? `; ukendte ${unknown.join(', ')}` : ''}`,
    );
  }
  const parameters = expected.map((name) => ({ name, value: templateParameters[name] ?? '' }));
  return {
    topic: { source: 'text', value: topic, webUrl },
    activityType,
    previewText: { content: previewText(notification.previewText) },
    templateParameters: parameters,
    chainId: chainIdFor(notification.userId, activityType, parameters),
  };
}

/** A positive integer below 2^53 (Graph's chainId is Int64; JSON numbers are exact up to 2^53). */
function chainIdFor(userId: string, activityType: string, parameters: Array<{ name: string; value: string }>): number {
  const digest = createHash('sha256').update(JSON.stringify([userId.toLowerCase(), activityType, parameters])).digest();
  return Number(digest.readBigUInt64BE(0) >> 11n) || 1;
}
