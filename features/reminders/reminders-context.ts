import type { ReminderStore } from '../../core/ports/reminder-store';
import type { MeetingOccurrenceSource } from '../../core/ports/meeting-occurrence-source';
import type { Schedule } from '../../core/schedule/schedule';

/** What the reminder commands ("abonnér", "påmindelser", "næste møde", "frister") need. */
export interface RemindersContext {
  store: ReminderStore;
  /** Undefined when no SCHEDULE_FILE is configured: commands still answer, nothing is sent. */
  schedule: Schedule | undefined;
  /** Rule-based or Graph's calendar; undefined when no meeting is scheduled. */
  meetingSource: MeetingOccurrenceSource | undefined;
  /** True when directors also get Teams activity-feed notifications (Microsoft Graph). */
  activityFeed: boolean;
  now: () => Date;
}
