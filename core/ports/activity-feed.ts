/**
 * A Teams activity-feed notification to one person (Microsoft Graph sendActivityNotification).
 * Activity types must be declared in the app manifest's `activities.activityTypes`.
 */
export const ACTIVITY_TYPES = ['meetingReminder', 'deadlineReminder', 'measurementDue'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityFeedNotification {
  /** Entra object id of the recipient (the app must be installed for them). */
  userId: string;
  activityType: ActivityType;
  /** ≤ 150 characters, shown in the feed. */
  previewText: string;
  /** Values for the activity type's template text in the manifest. */
  templateParameters: Record<string, string>;
}

export interface ActivityFeedNotifier {
  /** Throws PermanentDeliveryError-like errors for 403/404 and transient ones for 429/5xx after retries. */
  notify(notification: ActivityFeedNotification): Promise<void>;
}
