import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { statusKpiQueries } from '../../core/status-rules';
import type { StatusKpiQuery } from '../../core/ports/measurement-store';

/**
 * The rows status, the overview, the agenda and the nudges judge a contract by on `today`: for every
 * KPI the newest row that counts per segment and the rows outside its window (MeasurementStore.statusRows).
 * The rules give the same verdicts and cards from these as from all rows, at the cost of a few index
 * walks rather than the history's length.
 */
export function contractStatusRows(store: MeasurementStore, contract: ContractData, today: string): Promise<readonly Measurement[]> {
  let queries = queriesOf.get(contract);
  if (queries === undefined) queriesOf.set(contract, (queries = statusKpiQueries(contract.goals.flatMap((g) => g.kpis))));
  return store.statusRows(contract.id, queries, { measuredOnOrBefore: today });
}

/** One query list per contract (contracts are loaded once and never change), so a store can key a cache on it. */
const queriesOf = new WeakMap<ContractData, readonly StatusKpiQuery[]>();
