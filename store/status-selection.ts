import type { StatusKpiQuery } from '../core/ports/measurement-store';

/**
 * The rows of a KPI outside its window, as both stores count them (MeasurementStore.statusRows):
 * grouped by which of the KPI's baselines each row matches (`mask`: bit i = baseline i), per group
 * how many rows and the newest one's key.
 */
export interface OutsideGroup {
  kpiId: string;
  mask: number;
  rows: number;
  /** newestKey of the group's newest row (R2: measuredOn, then id). */
  newestKey: string;
}

/** Digits of the id in a row's key: every safe integer fits. */
export const NEWEST_KEY_ID_DIGITS = 16;

/** "2021-09-30 0000000000000042": measuredOn, then the id zero-padded, so the greatest key is the newest row (R2). */
export function newestKey(measuredOn: string, id: number): string {
  return `${measuredOn} ${String(id).padStart(NEWEST_KEY_ID_DIGITS, '0')}`;
}

function idOfKey(key: string): number {
  return Number(key.slice(key.indexOf(' ') + 1));
}

/**
 * What the cards need of those groups: per baseline the newest row matching it, the newest row
 * matching none, and how many more match none (left out, only counted).
 */
export function pickOutside(kpis: readonly StatusKpiQuery[], groups: readonly OutsideGroup[]): { ids: number[]; outsideLeftOut: Record<string, number> } {
  const ids: number[] = [];
  const outsideLeftOut: Record<string, number> = {};
  for (const k of kpis) {
    const mine = groups.filter((g) => g.kpiId === k.kpiId);
    const newestOf = (gs: readonly OutsideGroup[]): string | undefined => gs.reduce<string | undefined>((best, g) => (best === undefined || g.newestKey > best ? g.newestKey : best), undefined);
    k.baselines.forEach((_, i) => {
      const key = newestOf(mine.filter((g) => (g.mask & (1 << i)) !== 0));
      if (key !== undefined) ids.push(idOfKey(key));
    });
    const other = mine.find((g) => g.mask === 0);
    if (other !== undefined && other.rows > 0) {
      ids.push(idOfKey(other.newestKey));
      if (other.rows > 1) outsideLeftOut[k.kpiId] = other.rows - 1;
    }
  }
  return { ids, outsideLeftOut };
}

/**
 * Rows of a series the newest-that-counts walk reads before it looks by period instead (a series whose
 * newest rows lie outside the window, e.g. a KPI about 2023 while 2021 is measured).
 */
export const STATUS_WALK_STEPS = 32;

/** Entries kept per store in the status and history caches (oldest evicted first). */
export const STATUS_CACHE_LIMIT = 64;

/** Baselines a mask can name (bits of a 32-bit integer, in SQLite and PostgreSQL alike). */
export const MAX_BASELINES = 30;
