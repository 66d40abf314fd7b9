import type { MeetingOccurrence, MeetingOccurrenceSource } from '../../../core/ports/meeting-occurrence-source';
import type { MeetingSchedule } from '../../../core/schedule/schedule';
import { addDays, daysBetween, localDate, zonedInstant } from '../../../core/time/zoned-time';

/**
 * The meeting as a rule: every `intervalDays` from the anchor date at the same local time,
 * so a 09:00 meeting stays at 09:00 through both DST changes. The occurrence id is the local
 * date, which is stable across restarts and schedule reloads. A skipped date is returned as
 * cancelled (so "næste møde" can say so) and never reminded.
 * When Microsoft Graph is configured, a calendarView-backed source replaces this one.
 */
export class RuleMeetingSource implements MeetingOccurrenceSource {
  constructor(
    private readonly meeting: Pick<MeetingSchedule, 'anchorDate' | 'time' | 'durationMinutes' | 'intervalDays' | 'skipDates'>,
    private readonly timeZone: string,
  ) {}

  async occurrences(fromIso: string, toIso: string): Promise<MeetingOccurrence[]> {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError(`ugyldigt interval ${fromIso} – ${toIso}`);
    if (to <= from) return [];
    const { anchorDate, time, durationMinutes, intervalDays, skipDates } = this.meeting;
    // Local dates a day either side of the interval cover any zone offset.
    const firstDay = addDays(localDate(new Date(from), this.timeZone), -1);
    const lastDay = addDays(localDate(new Date(to), this.timeZone), 1);
    const skipped = new Set(skipDates);
    const out: MeetingOccurrence[] = [];
    for (let k = Math.ceil(daysBetween(anchorDate, firstDay) / intervalDays); ; k++) {
      const date = addDays(anchorDate, k * intervalDays);
      if (date > lastDay) break;
      const start = zonedInstant(date, time, this.timeZone);
      if (start.getTime() < from || start.getTime() >= to) continue;
      out.push({
        id: date,
        start: start.toISOString(),
        end: new Date(start.getTime() + durationMinutes * 60_000).toISOString(),
        cancelled: skipped.has(date),
        source: 'rule',
      });
    }
    return out;
  }
}
