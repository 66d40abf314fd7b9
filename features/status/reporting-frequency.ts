import type { ReportingObligation } from '../../goals/contract-schema';

/** How often, in the words cards show; undefined where the contract states no frequency. */
const FREQUENCY_WORDS: Record<NonNullable<ReportingObligation['frequency']>, string> = {
  once: 'én gang',
  annual: 'årligt',
  continuous: 'løbende',
  'on-request': 'efter anmodning',
};

export function frequencyWords(r: Pick<ReportingObligation, 'frequency'>): string | undefined {
  return r.frequency === undefined ? undefined : FREQUENCY_WORDS[r.frequency];
}
