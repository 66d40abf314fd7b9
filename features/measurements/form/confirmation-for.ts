import type { Goal, Kpi } from '../../../goals/contract-schema';
import { measurementConfirmationCard } from './measurement-confirmation-card';
import type { AdaptiveCard } from '../../../cards/adaptive-card';
import type { Measurement } from '../../../core/measurement';
import { kpiStatus, statusKpiQueries } from '../../../core/status-rules';
import type { MeasurementFormDeps } from './measurement-form-deps';
import type { StatusRows } from '../../../core/ports/measurement-store';

/**
 * The confirmation for a stored row, with the KPI's status as it stood right after this row was
 * stored (rows with a higher id are left out). So a replay — Teams retrying, a double click — gets
 * the same card as the first submission, even if others have submitted since.
 */
export async function confirmationFor(
  deps: MeasurementFormDeps,
  goal: Pick<Goal, 'id' | 'title'>,
  kpi: Kpi,
  row: Measurement,
  today: string = deps.today(),
  /** The status rows read with the write (MeasurementStore.appendSubmission), so none are read again. */
  statusRows?: StatusRows,
): Promise<AdaptiveCard> {
  // The rows the rules read for this KPI, as the store stood at this row (R1 picks those in the window).
  const { rows } = statusRows ?? (await deps.store.statusRows(deps.contract.id, statusKpiQueries([kpi]), { measuredOnOrBefore: today, idAtMost: row.id }));
  const status = kpiStatus(kpi, rows, today);
  return measurementConfirmationCard({ goal, kpi, measurement: row, status, timeZone: deps.timeZone });
}
