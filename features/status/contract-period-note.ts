import type { ContractData } from '../../goals/contract-schema';
import { formatDate } from '../../core/danish-format';

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
export function contractPeriodNote(contract: Pick<ContractData, 'validFrom' | 'validTo'>, asOf: string): ContractPeriodNote {
  const period = `${formatDate(contract.validFrom)}–${formatDate(contract.validTo)}`;
  if (asOf > contract.validTo) {
    return { text: `Kontraktperioden sluttede ${formatDate(contract.validTo)} – dette er den endelige opgørelse.`, final: true };
  }
  if (asOf < contract.validFrom) return { text: `Kontrakten træder i kraft ${formatDate(contract.validFrom)} (kontraktperiode ${period}).`, final: false };
  return { text: `Kontraktperiode ${period}.`, final: false };
}
