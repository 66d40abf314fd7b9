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
 * The readings of a series for a trend, oldest first (date, then id): every reading counts, two on
 * one date too — the chart draws them side by side. At most `maxPoints`, the most recent ones.
 */
export function trendPoints(series: HistorySeries, maxPoints: number): Array<{ measuredOn: string; value: number }> {
  return series.rows
    .filter((m): m is Measurement & { value: number } => typeof m.value === 'number')
    .map((m) => ({ measuredOn: m.measuredOn, value: m.value, id: m.id }))
    .sort((a, b) => (a.measuredOn !== b.measuredOn ? (a.measuredOn < b.measuredOn ? -1 : 1) : a.id - b.id))
    .slice(-maxPoints)
    .map(({ measuredOn, value }) => ({ measuredOn, value }));
}
