import type { Kpi, Segment } from '../../../goals/contract-schema';
import { effectiveMeasurements, type Measurement } from '../../../core/measurement';

/** The measurements of one KPI (and one segment, where targets are per segment), newest first. */
export interface HistorySeries {
  kpi: Kpi;
  segment: Segment | null;
  /** Rows that still count (no correction superseded them), newest first: measuredOn, then id (status-rules R2). */
  rows: Measurement[];
}

const newestFirst = (a: Measurement, b: Measurement): number =>
  a.measuredOn !== b.measuredOn ? (a.measuredOn < b.measuredOn ? 1 : -1) : b.id - a.id;

/**
 * Groups rows into series the way the status rules read them (R1, R9): per segment for a KPI
 * with segments (rows without one of its segments are left out), one series otherwise.
 * Superseded rows are left out; every KPI gets its series even without rows, in contract order.
 */
export function historySeries(kpis: readonly Kpi[], rows: readonly Measurement[]): HistorySeries[] {
  const effective = effectiveMeasurements(rows);
  return kpis.flatMap((kpi): HistorySeries[] => {
    const own = effective.filter((m) => m.kpiId === kpi.id);
    if (kpi.segments.length === 0) return [{ kpi, segment: null, rows: [...own].sort(newestFirst) }];
    return kpi.segments.map((segment) => ({ kpi, segment, rows: own.filter((m) => m.segment === segment).sort(newestFirst) }));
  });
}

/**
 * One point per measurement date for a trend, oldest first: on a date with several rows the
 * newest row counts (R2). At most `maxPoints`, the most recent ones.
 */
export function trendPoints(series: HistorySeries, maxPoints: number): Array<{ measuredOn: string; value: number }> {
  const byDate = new Map<string, number>();
  for (const m of series.rows) if (typeof m.value === 'number' && !byDate.has(m.measuredOn)) byDate.set(m.measuredOn, m.value); // rows are newest first
  return [...byDate]
    .map(([measuredOn, value]) => ({ measuredOn, value }))
    .sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1))
    .slice(-maxPoints);
}
