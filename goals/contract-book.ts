import type { ContractData } from './contract-schema';

/**
 * Every loaded contract year, and which one applies on a date. A new year's contract (the
 * contract allows extension "med 1 år ad gangen med de eventuelle justeringer") is a new data
 * file in the folder, not new code.
 */
export interface ContractBook {
  /** Oldest first (by validFrom); never empty. */
  readonly contracts: readonly ContractData[];
  /**
   * The contract whose period contains `date`. After the last one has ended, the latest stays in
   * force (its verdicts are final, and the cards say so); before the first, the first.
   */
  inForce(date: string): ContractData;
  /** The contract for a contract year ("status mål 1 2021"), or undefined. */
  forYear(year: number): ContractData | undefined;
  byId(id: string): ContractData | undefined;
}

/** A book over some contracts; their periods must not overlap (load-contracts.ts checks files). */
export function contractBook(contracts: readonly ContractData[]): ContractBook {
  if (contracts.length === 0) throw new RangeError('en kontraktbog skal have mindst én kontrakt');
  const sorted = [...contracts].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const first = sorted[0] as ContractData;
  const last = sorted[sorted.length - 1] as ContractData;
  return {
    contracts: sorted,
    inForce(date) {
      const hit = sorted.find((c) => c.validFrom <= date && date <= c.validTo);
      if (hit !== undefined) return hit;
      if (date < first.validFrom) return first;
      // After the last period, or in a gap between two: the latest contract that has begun.
      return [...sorted].reverse().find((c) => c.validFrom <= date) ?? last;
    },
    forYear: (year) => sorted.find((c) => c.year === year),
    byId: (id) => sorted.find((c) => c.id === id),
  };
}
