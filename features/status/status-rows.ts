import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { statusKpiQueries } from '../../core/status-rules';

/**
 * The rows status, the overview, the agenda and the nudges judge a contract by on `today`: for every
 * KPI the newest row that counts per segment and the rows outside its window (MeasurementStore.statusRows).
 * The rules give the same verdicts and cards from these as from all rows, at the cost of a few index
 * walks rather than the history's length.
 */
export function contractStatusRows(store: MeasurementStore, contract: ContractData, today: string): Promise<Measurement[]> {
  return store.statusRows(contract.id, statusKpiQueries(contract.goals.flatMap((g) => g.kpis)), { measuredOnOrBefore: today });
}
