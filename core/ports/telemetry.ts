/**
 * Traces and metrics for operators (Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set;
 * see telemetry/azure-monitor-telemetry.ts). Only names, kinds, outcomes and durations — never a
 * message's text, a card's inputs or a person's name.
 */
export interface TurnRecord {
  /** "message", "action:<verb>", "install" … (the turn log line's `intent`). */
  name: string;
  outcome: string;
  conversationType: string;
  durationMs: number;
  /** The turn failed inside the bot (an error reference was shown). */
  failed: boolean;
}

/** What one reminder tick delivered (features/reminders/reminder-scheduler.ts TickReport). */
export interface ReminderTickRecord {
  sent: number;
  failed: number;
  skipped: number;
  deactivated: number;
  retryLater: number;
}

export interface Telemetry {
  turn(record: TurnRecord): void;
  reminderTick(record: ReminderTickRecord): void;
  /** Sends what is buffered; called once at shutdown. */
  flush(): Promise<void>;
}

/** Telemetry off: nothing is loaded, nothing is sent. */
export const NO_TELEMETRY: Telemetry = {
  turn: () => undefined,
  reminderTick: () => undefined,
  flush: async () => undefined,
};
