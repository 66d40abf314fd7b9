import type { Kpi } from '../goals/contract-schema';
import type { Language } from './language';

/**
 * Danish (da-DK) formatting of numbers, percentages and dates for the bot's texts and cards.
 *
 * Written by hand instead of via `Intl` so the output is the same on every machine: Node builds
 * differ in ICU data (small-icu, other CLDR versions change spaces and month abbreviations).
 * Only the time-zone conversion in `formatDateTime` uses `Intl`, with locale-neutral numeric parts.
 *
 * Conventions:
 * - decimal comma, thousands separator "." (1.234,5), at most one decimal unless asked;
 * - a real minus sign "−" (U+2212) for negative numbers, "+" where a sign is requested;
 * - an ordinary space before "%" ("37 %"): texts are compared and searched as typed, and a
 *   no-break space would make "37 %" ≠ "37 %" for every caller and test.
 *
 * An English answer (language 'en') gets the same forms in English: decimal point and "," between
 * thousands (1,234.5), "percentage points", "8 March 2021", "Sep 2021", "a, b and c". Danish is the
 * default everywhere. Words the contract itself uses (windows such as "efteråret 2021", units) stay
 * as written; in English they are quoted.
 */

const MINUS = '\u2212';

const MONTHS = [
  'januar', 'februar', 'marts', 'april', 'maj', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'december',
] as const;

/** Danish short month forms: a period marks an abbreviation, so "maj" (already short) has none. */
const MONTHS_SHORT = [
  'jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.',
  'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.',
] as const;

const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export interface NumberFormatOptions {
  /** Most decimals shown (trailing zeros dropped). Default 1. */
  maxDecimals?: number;
  /** Exactly this many decimals (e.g. 1 → "5,0"); overrides maxDecimals. */
  decimals?: number;
  /** 'en': decimal point and "," between thousands. Default 'da'. */
  language?: Language;
}

/** 37.5 → "37,5"; 1234 → "1.234"; -2 → "−2"; 33.333 → "33,3". */
export function formatNumber(value: number, options: NumberFormatOptions = {}): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatNumber: ${String(value)} er ikke et endeligt tal`);
  const fixed = options.decimals;
  const places = fixed ?? options.maxDecimals ?? 1;
  const factor = 10 ** places;
  // toPrecision first removes binary noise (0.1 + 0.2) so 2.25 rounds like people expect.
  const scaled = Math.round(Number((Math.abs(value) * factor).toPrecision(12)));
  const intPart = Math.floor(scaled / factor);
  let fraction = places > 0 ? String(scaled % factor).padStart(places, '0') : '';
  if (fixed === undefined) fraction = fraction.replace(/0+$/, '');
  const [thousands, decimalMark] = options.language === 'en' ? [',', '.'] : ['.', ','];
  const grouped = String(intPart).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const negative = value < 0 && scaled !== 0;
  return `${negative ? MINUS : ''}${grouped}${fraction ? `${decimalMark}${fraction}` : ''}`;
}

/** Always shows a sign for non-zero values: 5 → "+5", -2 → "−2", 0 → "0". */
export function formatSignedNumber(value: number, options: NumberFormatOptions = {}): string {
  const text = formatNumber(value, options);
  return value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** A share already in per cent: 37 → "37 %", 37.5 → "37,5 %". */
export function formatPercent(value: number, options: NumberFormatOptions = {}): string {
  return `${formatNumber(value, options)} %`;
}

/** Percentage points: 5 → "5 procentpoint"; `{ signed: true }` → "+5 procentpoint" ('en': "+5 percentage points"). */
export function formatPoints(value: number, options: NumberFormatOptions & { signed?: boolean } = {}): string {
  const n = options.signed ? formatSignedNumber(value, options) : formatNumber(value, options);
  return `${n} ${options.language === 'en' ? 'percentage points' : 'procentpoint'}`;
}

/** Net Promoter Score, a plain number: 72 → "72", -12 → "−12". */
export function formatNps(value: number, language: Language = 'da'): string {
  return formatNumber(value, { language });
}

interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseIsoDate(iso: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`"${iso}" er ikke en dato på formen ÅÅÅÅ-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`"${iso}" er ikke en gyldig kalenderdato`);
  }
  return { year, month, day };
}

/** '2021-03-08' → "8. marts 2021" ('en': "8 March 2021"). */
export function formatDate(isoDate: string, language: Language = 'da'): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return language === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}` : `${day}. ${MONTHS[month - 1]} ${year}`;
}

/** '2021-12-31' → "31/12-2021", the contract's own way of writing a deadline. */
export function formatDateShort(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${day}/${month}-${year}`;
}

/** '2021-09-30' → "sep. 2021"; '2021-05-01' → "maj 2021" ('en': "Sep 2021", "May 2021"). */
export function formatMonthShort(isoDate: string, language: Language = 'da'): string {
  const { year, month } = parseIsoDate(isoDate);
  return language === 'en' ? `${MONTHS_EN[month - 1]!.slice(0, 3)} ${year}` : `${MONTHS_SHORT[month - 1]} ${year}`;
}

/** '2020-09-15' → "september 2020". */
export function formatMonthYear(isoDate: string): string {
  const { year, month } = parseIsoDate(isoDate);
  return `${MONTHS[month - 1]} ${year}`;
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat is costly; one per time zone is enough. */
function dateTimeFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dateTimeFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    dateTimeFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * An instant shown as local time: '2021-03-08T13:05:00Z' → "8. marts 2021 kl. 14.05"
 * (Danish time uses a period between hours and minutes).
 */
export function formatDateTime(isoInstant: string, timeZone = 'Europe/Copenhagen', language: Language = 'da'): string {
  const ms = Date.parse(isoInstant);
  if (Number.isNaN(ms)) throw new RangeError(`"${isoInstant}" er ikke et gyldigt tidspunkt`);
  // en-US with numeric parts only: locale text never reaches the output, only the zone arithmetic.
  const parts = dateTimeFormatter(timeZone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const hour = get('hour') % 24; // some ICU versions print midnight as 24 even with h23
  const minute = get('minute');
  if (language === 'en') return `${get('day')} ${MONTHS_EN[get('month') - 1]} ${get('year')}, ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return `${get('day')}. ${MONTHS[get('month') - 1]} ${get('year')} kl. ${String(hour).padStart(2, '0')}.${String(minute).padStart(2, '0')}`;
}

/**
 * An evaluation window for running text, in the contract's own words: "efteråret 2021",
 * "I 2021" → "2021", "2021 (kontraktåret)", "senest 31/12-2021", "to år efter endt vejledning".
 * A bare year reads "2021" after "for"/"i" in the sentence the caller writes ("for 2021").
 */
export function formatWindowWhen(window: { label: string }): string {
  const label = window.label.trim().replace(/^i\s+(?=\d{4})/i, '');
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Danish list: ["a"] → "a"; ["a","b","c"] → "a, b og c" ('en': "a, b and c"). */
export function formatList(items: readonly string[], language: Language = 'da'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${language === 'en' ? 'and' : 'og'} ${items[items.length - 1]}`;
}

/** The contract's own words inside an English sentence, marked as such: “efteråret 2021”. */
export const quoted = (contractWords: string): string => `“${contractWords}”`;

type KpiFormatInfo = Pick<Kpi, 'kind' | 'unit' | 'baselines'>;

/** The primary baseline's value, the reference a pp_change target is counted from. */
export function primaryBaselineValue(kpi: Pick<Kpi, 'baselines'>): number | null {
  return kpi.baselines.find((b) => b.primary)?.value ?? null;
}

/** A value in the KPI's own measured unit without interpretation (used for baselines too). */
export function formatKpiLevel(kpi: Pick<Kpi, 'kind' | 'unit'>, value: number, language: Language = 'da'): string {
  switch (kpi.kind) {
    case 'share':
    case 'pp_change': // measured as a level in per cent, see core/status-rules.ts (R3)
      return formatPercent(value, { language });
    case 'nps':
      return formatNps(value, language);
    case 'effect_vs_control':
      return formatPoints(value, { signed: true, language });
    case 'count':
      return kpi.unit ? `${formatNumber(value, { language })} ${kpi.unit}` : formatNumber(value, { language });
    case 'milestone':
    case 'duty':
      return formatNumber(value, { language });
  }
}

/**
 * A measured value as directors read it:
 * share "37 %", nps "72", pp_change "78 % (+10 procentpoint)" (the level and its change against the
 * primary baseline), effect_vs_control "+10 procentpoint", count "3 teams",
 * milestone true/false → "gennemført"/"ikke gennemført".
 */
export function formatKpiValue(kpi: KpiFormatInfo, value: number | boolean, language: Language = 'da'): string {
  const en = language === 'en';
  if (typeof value === 'boolean') {
    if (kpi.kind === 'duty') return value ? (en ? 'documented' : 'dokumenteret') : en ? 'not kept' : 'ikke overholdt';
    return value ? (en ? 'completed' : 'gennemført') : en ? 'not completed' : 'ikke gennemført';
  }
  if (kpi.kind === 'pp_change') {
    const base = primaryBaselineValue(kpi);
    if (base === null) return formatPercent(value, { language });
    return `${formatPercent(value, { language })} (${formatPoints(value - base, { signed: true, language })})`;
  }
  return formatKpiLevel(kpi, value, language);
}

/**
 * The target in words: "mindst 37 %", "mindst 70 (NPS)", "mindst +5 procentpoint i forhold til 68 %",
 * "over kontrolgruppen", "mindst +10 procentpoint over kontrolgruppen", "mindst 3 teams",
 * milestone "gennemført senest 31/12-2021" / "gennemført i 2021", duty "dokumenteret for 2021 (kontraktåret)" —
 * always the window's own words, never a date the contract does not give. In English the frame is
 * English and the window is quoted: "at least 37 %", "completed: “senest 31/12-2021”".
 */
export function formatTarget(kpi: Pick<Kpi, 'kind' | 'comparator' | 'target' | 'unit' | 'baselines' | 'window'>, language: Language = 'da'): string {
  if (language === 'en') return englishTarget(kpi);
  if (kpi.kind === 'duty') return `løbende forpligtelse, dokumenteret for ${formatWindowWhen(kpi.window)}`;
  if (kpi.kind === 'milestone' || kpi.target === null) {
    const when = formatWindowWhen(kpi.window);
    return /^(senest|inden|to år)/.test(when) ? `gennemført ${when}` : `gennemført i ${when}`;
  }
  const word = kpi.comparator === 'gt' ? 'over' : 'mindst';
  const t = kpi.target;
  switch (kpi.kind) {
    case 'share':
      return `${word} ${formatPercent(t)}`;
    case 'nps':
      return `${word} ${formatNps(t)} (NPS)`;
    case 'pp_change': {
      const base = primaryBaselineValue(kpi);
      const change = `${word} ${formatPoints(t, { signed: true })}`;
      return base === null ? change : `${change} i forhold til ${formatPercent(base)}`;
    }
    case 'effect_vs_control':
      if (t === 0) return kpi.comparator === 'gt' ? 'over kontrolgruppen' : 'mindst på niveau med kontrolgruppen';
      return `${kpi.comparator === 'gt' ? 'mere end' : 'mindst'} ${formatPoints(t, { signed: true })} over kontrolgruppen`;
    case 'count':
      return `${word} ${formatKpiLevel(kpi, t)}`;
  }
}

function englishTarget(kpi: Pick<Kpi, 'kind' | 'comparator' | 'target' | 'unit' | 'baselines' | 'window'>): string {
  const language = 'en';
  const when = quoted(formatWindowWhen(kpi.window));
  if (kpi.kind === 'duty') return `an ongoing duty, documented for ${when}`;
  if (kpi.kind === 'milestone' || kpi.target === null) return `completed: ${when}`;
  const word = kpi.comparator === 'gt' ? 'above' : 'at least';
  const t = kpi.target;
  const points = formatPoints(t, { signed: true, language });
  switch (kpi.kind) {
    case 'share':
      return `${word} ${formatPercent(t, { language })}`;
    case 'nps':
      return `${word} ${formatNps(t, language)} (NPS)`;
    case 'pp_change': {
      const base = primaryBaselineValue(kpi);
      return base === null ? `${word} ${points}` : `${word} ${points} on ${formatPercent(base, { language })}`;
    }
    case 'effect_vs_control':
      if (t === 0) return kpi.comparator === 'gt' ? 'above the control group' : 'at least level with the control group';
      return `${kpi.comparator === 'gt' ? 'more than' : 'at least'} ${points} above the control group`;
    case 'count':
      return `${word} ${formatKpiLevel(kpi, t, language)}`;
  }
}
