import type { StatusTime } from '../features/status/status-point';

/** --year 2021 / --as-of 2021-10-01 (at most one) as a status time; neither: today. */
export function parseReportTimeArgs(year: string | undefined, asOf: string | undefined): { ok: true; time: StatusTime | undefined } | { ok: false; text: string } {
  if (year !== undefined && asOf !== undefined) return { ok: false, text: 'Angiv enten --year eller --as-of, ikke begge.' };
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year)) return { ok: false, text: `--year skal være et årstal som 2021, ikke "${year}".` };
    return { ok: true, time: { year: Number(year) } };
  }
  if (asOf !== undefined) {
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) && new Date(`${asOf}T00:00:00Z`).toISOString().startsWith(asOf);
    if (!valid) return { ok: false, text: `--as-of skal være en dato som 2021-10-01, ikke "${asOf}".` };
    return { ok: true, time: { asOf } };
  }
  return { ok: true, time: undefined };
}
