import type { ContractBook } from '../../goals/contract-book';
import type { ContractData, ReportingObligation } from '../../goals/contract-schema';
import { formatDate, formatList } from '../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { contractPeriodNote } from './contract-period-note';
import { frequencyWords } from './reporting-frequency';

function fact(title: string, value: string): { title: string; value: string } {
  return { title, value: escapeMarkdown(value) };
}

function reportingLine(r: ReportingObligation): string {
  const words = frequencyWords(r);
  const how = words === undefined ? '' : ` (${words})`;
  return escapeMarkdown(`${r.from} → ${formatList(r.to)}${how}: ${r.about}`);
}

/**
 * "Om kontrakten": the facts of the contract as a whole that no goal card shows — period,
 * signature, parties, who is responsible, the extension clause, the meeting rhythm and the
 * general reporting duties — all from the contract data, with the contract years the bot knows.
 */
export function contractCard(contract: ContractData, book: ContractBook, today: string): AdaptiveCard {
  const period = contractPeriodNote(contract, today);
  const inForce = book.inForce(today);
  const years = book.contracts.map((c) => `${c.year}${c.id === inForce.id ? ' (i kraft)' : ''}`);
  const body: CardElement[] = [
    textBlock(escapeMarkdown(contract.title), { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeMarkdown(period.text), { spacing: 'None', weight: period.final ? 'Bolder' : 'Default' }),
    {
      type: 'FactSet',
      facts: [
        fact('Parter', `${contract.parties.principal} og ${contract.parties.house}`),
        fact('Periode', `${formatDate(contract.validFrom)}–${formatDate(contract.validTo)}`),
        fact('Underskrevet', formatDate(contract.signedOn)),
        fact('Ansvarlig', contract.responsible),
        fact('Kommuner', `${contract.municipalities.count} kommuner`),
        fact('Møder', contract.meeting.text),
        fact('Forlængelse', contract.extension),
        fact('Kontraktår', years.join(', ')),
      ],
    },
  ];
  if (contract.reporting.length > 0) {
    body.push(textBlock('Afrapportering', { weight: 'Bolder', spacing: 'Medium' }));
    for (const r of contract.reporting) body.push(textBlock(reportingLine(r), { spacing: 'Small', size: 'Small' }));
  }
  return adaptiveCard(body, [], `${contract.title}: ${period.text}`);
}
