/**
 * One occurrence of the directors' coordination meeting. Occurrences come from a source:
 * the configured rule (every 14 days from an anchor, Europe/Copenhagen) or, when Microsoft Graph
 * is configured, the organiser's real calendar (calendarView) — so a moved or cancelled meeting
 * moves or cancels its reminders.
 */
export interface MeetingOccurrence {
  /** Stable across runs for the same occurrence: the rule's local date ("2026-12-03") or Graph's event id. */
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
