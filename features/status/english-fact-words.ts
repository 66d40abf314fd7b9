import type { Kpi, MeasuredBy, ReportingObligation } from '../../goals/contract-schema';
import type { Status } from '../../core/status-types';
import { formatKpiLevel, formatNumber, formatPercent, formatSignedNumber, formatWindowWhen } from '../../core/danish-format';

/**
 * English words for the focused fact answers (issue 11, item 7: an English question gets an English
 * answer). Only the frame is translated: what the contract says in its own words (KPI labels, windows
 * like "efteråret 2021", methods, purposes) is quoted as written, so nothing is paraphrased into a
 * claim the contract does not make. Numbers keep the cards' notation ("37 %", "77,5").
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2021-03-08' → "8 March 2021". */
export function formatEnglishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** ["a","b","c"] → "a, b and c". */
export function formatEnglishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The contract's own words, marked as such: “efteråret 2021”. */
export const quoted = (contractWords: string): string => `“${contractWords}”`;

export const ENGLISH_STATUS: Record<Status, string> = {
  opfyldt: 'met',
  'delvist opfyldt': 'partly met',
  'på vej': 'on track',
  'i risiko': 'at risk',
  'ikke opfyldt': 'not met',
  'afventer måling': 'awaiting measurement',
  'ingen data': 'no data',
};

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

const points = (value: number, signed: boolean): string => `${signed ? formatSignedNumber(value) : formatNumber(value)} percentage points`;

/** The target in English; the window stays in the contract's words. Mirrors core/danish-format.ts formatTarget. */
export function englishTarget(kpi: Pick<Kpi, 'kind' | 'comparator' | 'target' | 'unit' | 'baselines' | 'window'>): string {
  const when = quoted(formatWindowWhen(kpi.window));
  if (kpi.kind === 'duty') return `an ongoing duty, documented for ${when}`;
  if (kpi.kind === 'milestone' || kpi.target === null) return `completed: ${when}`;
  const word = kpi.comparator === 'gt' ? 'above' : 'at least';
  const t = kpi.target;
  switch (kpi.kind) {
    case 'share':
      return `${word} ${formatPercent(t)}`;
    case 'nps':
      return `${word} ${formatNumber(t)} (NPS)`;
    case 'pp_change': {
      const base = kpi.baselines.find((b) => b.primary)?.value ?? null;
      const change = `${word} ${points(t, true)}`;
      return base === null ? change : `${change} on ${formatPercent(base)}`;
    }
    case 'effect_vs_control':
      if (t === 0) return kpi.comparator === 'gt' ? 'above the control group' : 'at least level with the control group';
      return `${kpi.comparator === 'gt' ? 'more than' : 'at least'} ${points(t, true)} above the control group`;
    case 'count':
      return `${word} ${formatKpiLevel(kpi, t)}`;
  }
}
