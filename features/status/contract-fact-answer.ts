import type { ContractData, ReportingObligation } from '../../goals/contract-schema';
import { formatDate, formatList } from '../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { frequencyWords } from './reporting-frequency';

/** The contract-level facts a focused answer gives (the same data as contract-card.ts). */
export type ContractFactKind = 'period' | 'signed' | 'responsible' | 'extension' | 'parties' | 'municipalities' | 'meeting' | 'reporting';

function reportingLine(r: ReportingObligation): string {
  const how = frequencyWords(r);
  return `${r.from} → ${formatList(r.to)}${how === undefined ? '' : ` (${how})`}: ${r.about}`;
}

/** The sentences, from the contract data only. */
export function contractFactLines(contract: ContractData, fact: ContractFactKind): { lines: string[]; note?: string } {
  const { principal, house } = contract.parties;
  switch (fact) {
    case 'period':
      return { lines: [`Resultatkontrakten trådte i kraft ${formatDate(contract.validFrom)} og gælder til ${formatDate(contract.validTo)}.`] };
    case 'signed':
      return { lines: [`Kontrakten er underskrevet ${formatDate(contract.signedOn)} af ${principal} og ${house}.`] };
    case 'responsible':
      return { lines: [`Ansvarlig for resultatkontrakten: ${contract.responsible}.`] };
    case 'extension':
      return { lines: [contract.extension] };
    case 'parties':
      return { lines: [`Parterne er ${principal} og ${house}.`] };
    case 'municipalities':
      return {
        lines: [`${house} dækker ${contract.municipalities.count} kommuner.`],
        ...(contract.municipalities.names.length > 0 ? { note: `${formatList(contract.municipalities.names)}. ${contract.municipalities.namesSource}` } : {}),
      };
    case 'meeting':
      return { lines: [contract.meeting.text], note: `Deltagere: ${formatList(contract.meeting.participants)}.` };
    case 'reporting':
      return { lines: contract.reporting.map(reportingLine) };
  }
}

/** "hvornår trådte kontrakten i kraft?", "hvem har ansvaret?": the fact, then the whole contract card one tap away. */
export function contractFactCard(contract: ContractData, fact: ContractFactKind, language: 'da' | 'en' = 'da'): AdaptiveCard {
  const { lines, note } = contractFactLines(contract, fact);
  const body = [
    textBlock(escapeMarkdown(contract.title), { weight: 'Bolder', size: 'Small', isSubtle: true }),
    ...lines.map((l, i) => textBlock(escapeMarkdown(l), { spacing: i === 0 ? 'Small' : 'None' })),
    ...(note !== undefined ? [textBlock(escapeMarkdown(note), { isSubtle: true, size: 'Small' })] : []),
  ];
  const button = executeAction(language === 'en' ? 'About the contract' : 'Om kontrakten', CARD_VERBS.showContract, {});
  return adaptiveCard(body, [button], lines[0] ?? contract.title);
}
