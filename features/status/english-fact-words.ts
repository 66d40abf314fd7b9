import type { MeasuredBy, ReportingObligation } from '../../goals/contract-schema';

/**
 * English words for the focused fact answers (issue 11, item 7: an English question gets an English
 * answer). Only the frame is translated: what the contract says in its own words (KPI labels, windows
 * like "efteråret 2021", methods, purposes) is quoted as written, so nothing is paraphrased into a
 * claim the contract does not make. Numbers, dates and targets come from core/danish-format.ts with
 * language 'en' ("77.5", "8 March 2021"); the contract's words are quoted there with `quoted`.
 */

const FREQUENCY: Record<NonNullable<ReportingObligation['frequency']>, string> = {
  once: 'once',
  annual: 'every year',
  continuous: 'on an ongoing basis',
  'on-request': 'on request',
};

export function englishFrequency(r: Pick<ReportingObligation, 'frequency'>): string | undefined {
  return r.frequency === undefined ? undefined : FREQUENCY[r.frequency];
}

export function englishMeasuredBy(by: MeasuredBy, house: string, interpretationLabel: string): string {
  switch (by) {
    case 'erhvervsstyrelsen-survey':
      return 'Erhvervsstyrelsen (the Danish Business Authority), with a questionnaire to a representative sample of Danish businesses';
    case 'brugerevaluering':
      return 'Erhvervsstyrelsen (the Danish Business Authority), in the user evaluation of the businesses advised';
    case 'crm':
      return `${house}, from the registrations in the house's CRM system`;
    case 'kl-erhvervsstyrelsen':
      return 'KL and Erhvervsstyrelsen, after dialogue with the business houses';
    case 'erhvervshuset':
      return `${house} itself, with the house's own documentation`;
    case 'registerdata':
      return `register data against a control group of comparable businesses (${interpretationLabel}: the contract does not say who computes it)`;
  }
}
