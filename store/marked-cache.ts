import type { StatusKpiQuery } from '../core/ports/measurement-store';

/**
 * What a store keeps of its status and history reads: a value per key with the mark it was read at
 * (SQLite's high-water id, PostgreSQL's contract version). A hit only while the mark has not moved.
 * Bounded, oldest out; a value stored again moves to the end.
 */
export class MarkedCache<M, V> {
  private readonly entries = new Map<string, { mark: M; value: V }>();

  constructor(private readonly limit: number) {}

  get(key: string, mark: M): V | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.mark === mark ? entry.value : undefined;
  }

  set(key: string, mark: M, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { mark, value });
  }
}

/** The KPI set's part of a status key, worked out once per (frozen, memoised) query array. */
const kpiKeys = new WeakMap<readonly StatusKpiQuery[], string>();

/** The key of a status selection: contract × as-of × KPI set. */
export function statusSelectionKey(contractId: string, kpis: readonly StatusKpiQuery[], asOf: { measuredOnOrBefore: string; idAtMost?: number }): string {
  let kpisKey = kpiKeys.get(kpis);
  if (kpisKey === undefined) kpiKeys.set(kpis, (kpisKey = JSON.stringify(kpis)));
  return `${contractId}|${asOf.measuredOnOrBefore}|${asOf.idAtMost ?? ''}|${kpisKey}`;
}
