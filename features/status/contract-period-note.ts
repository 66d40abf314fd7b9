import type { ContractData } from '../../goals/contract-schema';
import { formatDate } from '../../core/danish-format';
import type { Language } from '../../core/language';

export interface ContractPeriodNote {
  /** One sentence for the top of every status card. */
  text: string;
  /** After the contract's last day: the verdicts are final (core/status-rules.ts R12). */
  final: boolean;
}

/**
 * Where a status date stands to the contract period, said plainly on every card, so that a status
 * read in 2026 about a 2021 contract cannot pass for this year's.
 */
export function contractPeriodNote(contract: Pick<ContractData, 'validFrom' | 'validTo'>, asOf: string, language: Language = 'da'): ContractPeriodNote {
  if (language === 'en') {
    const date = (iso: string): string => formatDate(iso, 'en');
    const span = `${date(contract.validFrom)}–${date(contract.validTo)}`;
    if (asOf > contract.validTo) return { text: `The contract period ended on ${date(contract.validTo)} – this is the final account.`, final: true };
    if (asOf < contract.validFrom) return { text: `The contract takes effect on ${date(contract.validFrom)} (contract period ${span}).`, final: false };
    return { text: `Contract period ${span}.`, final: false };
  }
  const period = `${formatDate(contract.validFrom)}–${formatDate(contract.validTo)}`;
  if (asOf > contract.validTo) {
    return { text: `Kontraktperioden sluttede ${formatDate(contract.validTo)} – dette er den endelige opgørelse.`, final: true };
  }
  if (asOf < contract.validFrom) return { text: `Kontrakten træder i kraft ${formatDate(contract.validFrom)} (kontraktperiode ${period}).`, final: false };
  return { text: `Kontraktperiode ${period}.`, final: false };
}
