import type { MeasurementStore } from './measurement-store';
import type { ReminderStore } from './reminder-store';
import type { ReportStore } from './report-store';
import type { ConversationMemory } from './conversation-memory';

/** What readiness and /healthz ask of the database, without reaching a store. */
export interface DatabaseHealth {
  readonly kind: 'sqlite' | 'postgres';
  /** Cheap round trip to the database; rejects when it does not answer. */
  ping(): Promise<void>;
  /** Rejects when a write would fail or not be durable (read-only, disk full, SQLite file deleted or replaced). */
  probeWrite(): Promise<void>;
  /** True when every migration this build knows is applied (more, from a newer instance, is fine). */
  migrationsCurrent(): Promise<boolean>;
}

/** The opened database (store/open-database.ts): the stores on one file or one PostgreSQL pool. */
export interface Database extends DatabaseHealth {
  readonly measurements: MeasurementStore;
  readonly reminders: ReminderStore;
  /** The KKR report's explanations and file offers. */
  readonly reports: ReportStore;
  /** What each conversation and user just asked about, for follow-ups (30 minutes). */
  readonly topics: ConversationMemory;
  /** Closes the stores and the connections under them. */
  close(): Promise<void>;
}
