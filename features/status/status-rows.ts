import type { ContractData } from '../../goals/contract-schema';
import type { MeasurementStore, StatusRows } from '../../core/ports/measurement-store';
import { statusKpiQueries } from '../../core/status-rules';
import type { StatusKpiQuery } from '../../core/ports/measurement-store';

/**
 * The rows status, the overview, the agenda and the nudges judge a contract by on `today`: for every
 * KPI the newest row that counts per segment, of the rows outside its window the newest per baseline and
 * the newest other one, and how many others were only counted (MeasurementStore.statusRows).
 * The rules give the same verdicts and cards from these as from all rows, at the cost of a few index
 * walks rather than the history's length.
 */
export function contractStatusRows(store: MeasurementStore, contract: ContractData, today: string): Promise<StatusRows> {
  let queries = queriesOf.get(contract);
  if (queries === undefined) queriesOf.set(contract, (queries = statusKpiQueries(contract.goals.flatMap((g) => g.kpis))));
  return store.statusRows(contract.id, queries, { measuredOnOrBefore: today });
}

/** One query list per contract (contracts are loaded once and never change), so a store can key a cache on it. */
const queriesOf = new WeakMap<ContractData, readonly StatusKpiQuery[]>();
