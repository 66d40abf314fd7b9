import type { ContractBook } from '../../../goals/contract-book';
import type { ContractData } from '../../../goals/contract-schema';
import { findKpi } from '../../../goals/contract-queries';
import { classifyPeriod } from '../../../core/status-rules';
import { formatDate } from '../../../core/danish-format';
import { periodWithin, type PeriodRange } from '../../../core/period';

export type RowHome = { ok: true; contractId: string } | { ok: false; message: string };

/**
 * Which loaded contract a new row belongs to, by the period it describes — so a 2021 result
 * registered in 2022 is stored under the 2021 contract, where status looks for it:
 * 1. a contract whose window for this KPI contains the period (the target it is about; the
 *    form's own contract first);
 * 2. else a contract whose period contains it (kept and shown, "uden for målets periode");
 * 3. else a contract in which the period is this KPI's baseline (the baseline measurement);
 * 4. else, for a period that ended before the first loaded contract began (earlier years, "året
 *    før"), the earliest contract with the KPI: kept as history beside the target, never counted.
 * A period after (or between) the loaded contracts is refused: it belongs to a contract year whose
 * targets are not loaded yet — the next year's contract, with its own KPIs, arrives as a data
 * file first (README "Kontraktår"), and then the row can be registered where it counts.
 */
export function rowHome(book: ContractBook, preferred: ContractData, kpiId: string, period: PeriodRange, measuredOn: string): RowHome {
  const candidates = [preferred, ...book.contracts.filter((c) => c.id !== preferred.id)];
  const withKpi = candidates.flatMap((c) => {
    const hit = findKpi(c, kpiId);
    return hit === undefined ? [] : [{ contract: c, kpi: hit.kpi }];
  });
  const inWindow = withKpi.find(({ kpi }) => periodWithin(period, kpi.window));
  if (inWindow !== undefined) return { ok: true, contractId: inWindow.contract.id };
  const inContract = withKpi.find(({ contract }) => periodWithin(period, { from: contract.validFrom, to: contract.validTo }));
  if (inContract !== undefined) return { ok: true, contractId: inContract.contract.id };
  const baseline = withKpi.find(({ kpi }) => classifyPeriod(kpi, period, { measuredOn, value: null }).kind === 'baseline');
  if (baseline !== undefined) return { ok: true, contractId: baseline.contract.id };
  const earliest = book.contracts.find((c) => findKpi(c, kpiId) !== undefined);
  if (earliest !== undefined && period.to < (book.contracts[0] as ContractData).validFrom) return { ok: true, contractId: earliest.id };
  const periods = book.contracts.map((c) => `${formatDate(c.validFrom)}–${formatDate(c.validTo)}`).join(', ');
  return {
    ok: false,
    message:
      `Perioden ligger efter ${book.contracts.length === 1 ? 'kontraktperioden' : 'de indlæste kontraktperioder'} (${periods}), og ingen af kontraktens mål for ${kpiId} handler om den. ` +
      'Målinger for et nyt kontraktår kan registreres, når kontrakten for året er lagt ind.',
  };
}
