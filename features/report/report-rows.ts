import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { classifyRow, isDoneKind } from '../../core/status-rules';

/** Readings per series the report draws (the most recent ones), as on the history card. */
export const REPORT_CHART_POINTS = 24;
const PAGE_SIZE = 1000;

/**
 * The rows a report of `contract` on `asOf` needs, read series by series one indexed page at a
 * time (MeasurementStore.listSeriesPage), so memory stays bounded however long the history is:
 * per KPI and segment the rows no correction superseded and measured by `asOf`, the most recent
 * REPORT_CHART_POINTS of them, and at least down to the newest row that counts for the target
 * (the one the status rules judge). Older rows are left in the database.
 */
export async function readReportRows(store: Pick<MeasurementStore, 'listSeriesPage'>, contract: ContractData, asOf: string, maxPoints = REPORT_CHART_POINTS): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const goal of contract.goals) {
    for (const kpi of goal.kpis) {
      const segments = kpi.segments.length === 0 ? [null] : kpi.segments;
      for (const segment of segments) {
        let before: { measuredOn: string; id: number } | null = null;
        let kept = 0;
        let decided = false;
        // Rows of a series share a few period texts: classify each (period, day) once, not per row.
        const counted = new Map<string, boolean>();
        while (kept < maxPoints || !decided) {
          const page = await store.listSeriesPage(contract.id, kpi.id, segment, before, PAGE_SIZE);
          for (const m of page) {
            if (m.measuredOn > asOf) continue;
            const usable = isDoneKind(kpi) ? typeof m.done === 'boolean' : typeof m.value === 'number';
            const key = `${m.period}\u0000${m.measuredOn}`;
            let inWindow = counted.get(key);
            if (inWindow === undefined) counted.set(key, (inWindow = classifyRow(kpi, m).kind === 'counts'));
            const counts = usable && inWindow;
            if (kept < maxPoints || (counts && !decided)) {
              out.push(m);
              kept++;
            }
            if (counts) decided = true;
            if (kept >= maxPoints && decided) break;
          }
          if (page.length < PAGE_SIZE) break;
          const last = page[page.length - 1]!;
          before = { measuredOn: last.measuredOn, id: last.id };
        }
      }
    }
  }
  return out.sort((a, b) => a.id - b.id);
}
