import type { ContractData } from '../../goals/contract-schema';
import type { MeasurementStore, StatusRows } from '../../core/ports/measurement-store';
import type { Reply } from '../../core/reply';
import { ReplyCache } from '../../core/reply-cache';
import { contractStatusRows } from './status-rows';

export interface StatusRowsDeps {
  contract: ContractData;
  store: MeasurementStore;
  cache: ReplyCache;
}

/**
 * Status replies depend only on the rows the rules read on that day (status-rows.ts): read them,
 * and build the reply once per set of rows (`keyParts` name everything else the reply depends on,
 * e.g. goal and day; `today` is the day the rows are read for).
 *
 * Not just the newest row per series: a row counts only when its period lies in the KPI's
 * evaluation window (core/status-rules.ts R1), so the newest row in the store is not always the
 * one that decides — a 2026 row must not hide the 2021 result.
 */
export async function fromStatusRows(deps: StatusRowsDeps, today: string, keyParts: readonly string[], build: (selection: StatusRows) => Reply): Promise<Reply> {
  const selection = await contractStatusRows(deps.store, deps.contract, today);
  // The rows left out are part of what the card shows ("N målinger"), so of its key too.
  return deps.cache.getOrCreate(ReplyCache.key([...keyParts, JSON.stringify(selection.outsideLeftOut)], selection.rows), () => build(selection));
}
