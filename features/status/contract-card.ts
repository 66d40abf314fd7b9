import type { ContractBook } from '../../goals/contract-book';
import type { ContractData } from '../../goals/contract-schema';
import { formatDate, quoted } from '../../core/danish-format';
import type { Language } from '../../core/language';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { contractPeriodNote } from './contract-period-note';
import { contractReportingLine } from './contract-fact-answer';

function fact(title: string, value: string): { title: string; value: string } {
  return { title, value: escapeMarkdown(value) };
}

/** The card's own words per language; the contract's texts (responsible, meetings, extension) are quoted on an English card. */
const WORDS = {
  da: {
    parties: 'Parter',
    and: 'og',
    period: 'Periode',
    signed: 'Underskrevet',
    responsible: 'Ansvarlig',
    municipalities: 'Kommuner',
    municipalityCount: (n: number) => `${n} kommuner`,
    meetings: 'Møder',
    extension: 'Forlængelse',
    years: 'Kontraktår',
    inForce: ' (i kraft)',
    reporting: 'Afrapportering',
    contractWords: (text: string) => text,
  },
  en: {
    parties: 'Parties',
    and: 'and',
    period: 'Period',
    signed: 'Signed',
    responsible: 'Responsible',
    municipalities: 'Municipalities',
    municipalityCount: (n: number) => `${n} municipalities`,
    meetings: 'Meetings',
    extension: 'Extension',
    years: 'Contract years',
    inForce: ' (in force)',
    reporting: 'Reporting',
    contractWords: (text: string) => quoted(text),
  },
} as const;

/**
 * "Om kontrakten": the facts of the contract as a whole that no goal card shows — period,
 * signature, parties, who is responsible, the extension clause, the meeting rhythm and the
 * general reporting duties — all from the contract data, with the contract years the bot knows.
 * Danish unless `language` is 'en' (then the frame is English and the contract's texts are quoted).
 */
export function contractCard(contract: ContractData, book: ContractBook, today: string, language: Language = 'da'): AdaptiveCard {
  const w = WORDS[language];
  const period = contractPeriodNote(contract, today, language);
  const inForce = book.inForce(today);
  const years = book.contracts.map((c) => `${c.year}${c.id === inForce.id ? w.inForce : ''}`);
  const body: CardElement[] = [
    textBlock(escapeMarkdown(contract.title), { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeMarkdown(period.text), { spacing: 'None', weight: period.final ? 'Bolder' : 'Default' }),
    {
      type: 'FactSet',
      facts: [
        fact(w.parties, `${contract.parties.principal} ${w.and} ${contract.parties.house}`),
        fact(w.period, `${formatDate(contract.validFrom, language)}–${formatDate(contract.validTo, language)}`),
        fact(w.signed, formatDate(contract.signedOn, language)),
        fact(w.responsible, w.contractWords(contract.responsible)),
        fact(w.municipalities, w.municipalityCount(contract.municipalities.count)),
        fact(w.meetings, w.contractWords(contract.meeting.text)),
        fact(w.extension, w.contractWords(contract.extension)),
        fact(w.years, years.join(', ')),
      ],
    },
  ];
  if (contract.reporting.length > 0) {
    body.push(textBlock(w.reporting, { weight: 'Bolder', spacing: 'Medium' }));
    for (const r of contract.reporting) body.push(textBlock(escapeMarkdown(contractReportingLine(r, language)), { spacing: 'Small', size: 'Small' }));
  }
  return adaptiveCard(body, [], `${contract.title}: ${period.text}`);
}
