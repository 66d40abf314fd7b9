import type { ContractBook } from '../../goals/contract-book';
import type { ContractData } from '../../goals/contract-schema';
import { formatDate } from '../../core/danish-format';
import type { Language } from '../../core/language';

/** A day ("pr. 1. oktober 2021", "ved udgangen af 2021") or a contract year ("status mål 1 2021") a status is asked for. */
export type StatusTime = { asOf: string; year?: undefined } | { year: number; asOf?: undefined };

export type StatusPoint = { ok: true; contract: ContractData; asOf: string } | { ok: false; text: string };

/**
 * Which contract and which day a status is computed for. Append-only history makes a past day
 * exact: status counts the rows measured by then (core/status-rules.ts R1).
 * - no time: today, under the contract in force today;
 * - a day: that day, under the contract in force then; a day after today is refused (nothing
 *   is known about it yet);
 * - a year: that contract year as it stands today (after its period: its final account).
 * A refusal is in `language` (Danish unless the question was English).
 */
export function statusPoint(book: ContractBook, today: string, at: StatusTime | undefined, language: Language = 'da'): StatusPoint {
  if (at === undefined) return { ok: true, contract: book.inForce(today), asOf: today };
  if (at.asOf !== undefined) {
    if (at.asOf > today) {
      const text =
        language === 'en'
          ? `${formatDate(at.asOf, 'en')} has not come yet – I can show the status today or for a date that has passed.`
          : `${formatDate(at.asOf)} er ikke kommet endnu – jeg kan vise status i dag eller for en dato, der er gået.`;
      return { ok: false, text };
    }
    return { ok: true, contract: book.inForce(at.asOf), asOf: at.asOf };
  }
  const contract = book.forYear(at.year);
  if (contract === undefined) {
    const years = book.contracts.map((c) => String(c.year)).join(', ');
    const text =
      language === 'en'
        ? `There is no performance contract for ${at.year}. I know the contract year${book.contracts.length > 1 ? 's' : ''} ${years}.`
        : `Der er ingen resultatkontrakt for ${at.year}. Jeg kender kontraktåret ${years}.`;
    return { ok: false, text };
  }
  return { ok: true, contract, asOf: today };
}
