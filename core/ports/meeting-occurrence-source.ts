/**
 * One occurrence of the directors' coordination meeting. Occurrences come from a source:
 * the configured rule (every 14 days from an anchor, Europe/Copenhagen) or, when Microsoft Graph
 * is configured, the organiser's real calendar (calendarView) — so a moved or cancelled meeting
 * moves or cancels its reminders.
 */
export interface MeetingOccurrence {
  /**
   * Stable across runs for the same occurrence: its local date ("2026-12-03") — for Graph, the local date
   * of the occurrence's original start, so the id is the same as the rule's and survives a move.
   */
  id: string;
  /** ISO instants (UTC, with Z). */
  start: string;
  end: string;
  cancelled: boolean;
  source: 'rule' | 'graph';
}

export interface MeetingOccurrenceSource {
  /** Occurrences whose start lies in [fromIso, toIso), soonest first. */
  occurrences(fromIso: string, toIso: string): Promise<MeetingOccurrence[]>;
}
