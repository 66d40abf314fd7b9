import type { ContractData, ReportingObligation } from '../../goals/contract-schema';
import { formatDate, formatList, quoted } from '../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { frequencyWords } from './reporting-frequency';
import { englishFrequency } from './english-fact-words';

/** The contract-level facts a focused answer gives (the same data as contract-card.ts). */
export type ContractFactKind = 'period' | 'signed' | 'responsible' | 'extension' | 'parties' | 'municipalities' | 'meeting' | 'reporting';

/** "Erhvervshus Sydjylland → KL og Erhvervsstyrelsen (én gang): …"; English: the frame in English, the duty quoted. The contract card says it the same way. */
export function contractReportingLine(r: ReportingObligation, language: 'da' | 'en'): string {
  const en = language === 'en';
  const how = en ? englishFrequency(r) : frequencyWords(r);
  return `${r.from} → ${formatList(r.to, en ? 'en' : 'da')}${how === undefined ? '' : ` (${how})`}: ${en ? quoted(r.about) : r.about}`;
}

/** The sentences, from the contract data only; an English frame for an English question, the contract's own text quoted. */
export function contractFactLines(contract: ContractData, fact: ContractFactKind, language: 'da' | 'en' = 'da'): { lines: string[]; note?: string } {
  const { principal, house } = contract.parties;
  const en = language === 'en';
  const date = (iso: string): string => formatDate(iso, en ? 'en' : 'da');
  const list = (items: readonly string[]): string => formatList(items, en ? 'en' : 'da');
  switch (fact) {
    case 'period':
      return { lines: [en ? `The performance contract took effect on ${date(contract.validFrom)} and runs until ${date(contract.validTo)}.` : `Resultatkontrakten trådte i kraft ${date(contract.validFrom)} og gælder til ${date(contract.validTo)}.`] };
    case 'signed':
      return { lines: [en ? `The contract was signed on ${date(contract.signedOn)} by ${principal} and ${house}.` : `Kontrakten er underskrevet ${date(contract.signedOn)} af ${principal} og ${house}.`] };
    case 'responsible':
      return { lines: [en ? `Responsible for the performance contract: ${quoted(contract.responsible)}.` : `Ansvarlig for resultatkontrakten: ${contract.responsible}.`] };
    case 'extension':
      return { lines: [en ? `The contract on extension: ${quoted(contract.extension)}` : contract.extension] };
    case 'parties':
      return { lines: [en ? `The parties are ${principal} and ${house}.` : `Parterne er ${principal} og ${house}.`] };
    case 'municipalities':
      return {
        lines: [en ? `${house} covers ${contract.municipalities.count} municipalities.` : `${house} dækker ${contract.municipalities.count} kommuner.`],
        ...(contract.municipalities.names.length > 0 ? { note: `${list(contract.municipalities.names)}. ${contract.municipalities.namesSource}` } : {}),
      };
    case 'meeting':
      return {
        lines: [en ? `The contract on meetings: ${quoted(contract.meeting.text)}` : contract.meeting.text],
        note: `${en ? 'Participants' : 'Deltagere'}: ${list(contract.meeting.participants)}.`,
      };
    case 'reporting':
      return { lines: contract.reporting.map((r) => contractReportingLine(r, language)) };
  }
}

/** "hvornår trådte kontrakten i kraft?", "hvem har ansvaret?": the fact, then the whole contract card one tap away. */
export function contractFactCard(contract: ContractData, fact: ContractFactKind, language: 'da' | 'en' = 'da'): AdaptiveCard {
  const { lines, note } = contractFactLines(contract, fact, language);
  const body = [
    textBlock(escapeMarkdown(contract.title), { weight: 'Bolder', size: 'Small', isSubtle: true }),
    ...lines.map((l, i) => textBlock(escapeMarkdown(l), { spacing: i === 0 ? 'Small' : 'None' })),
    ...(note !== undefined ? [textBlock(escapeMarkdown(note), { isSubtle: true, size: 'Small' })] : []),
  ];
  const button = executeAction(language === 'en' ? 'About the contract' : 'Om kontrakten', CARD_VERBS.showContract, language === 'en' ? { language } : {});
  return adaptiveCard(body, [button], lines[0] ?? contract.title);
}
