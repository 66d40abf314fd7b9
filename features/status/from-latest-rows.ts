import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { Reply } from '../../core/reply';
import { ReplyCache } from '../../core/reply-cache';

export interface LatestRowsDeps {
  contract: ContractData;
  store: MeasurementStore;
  cache: ReplyCache;
}

/**
 * Status replies depend only on the contract's latest rows: read them once, and build the reply
 * once per set of rows (`keyParts` name everything else the reply depends on, e.g. goal and day).
 */
export async function fromLatestRows(deps: LatestRowsDeps, keyParts: readonly string[], build: (measurements: readonly Measurement[]) => Reply): Promise<Reply> {
  const measurements = await deps.store.latestMeasurements(deps.contract.id);
  return deps.cache.getOrCreate(ReplyCache.key(keyParts, measurements), () => build(measurements));
}
