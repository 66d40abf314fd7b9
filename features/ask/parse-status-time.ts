import type { StatusTime } from './intent';

/**
 * The time a status question is about, taken out of the (normalised) question text before the
 * rest is parsed: "status mål 4 pr. 1. oktober 2021" → { asOf: '2021-10-01' }, "hvad var status ved
 * udgangen af 2021?" → { asOf: '2021-12-31' }, "status mål 1 2021" → { year: 2021 }.
 * The matched words are removed, so "1." of a date is never read as goal 1.
 *
 * Hand-written rather than a date library: the phrases are a handful of Danish and English forms
 * (general parsers like chrono have no Danish), each anchored on a month name, a year or a
 * fixed marker, without nested quantifiers, so matching stays linear in the text's length.
 */

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, january: 1, februar: 2, feb: 2, february: 2, marts: 3, mar: 3, march: 3, april: 4, apr: 4,
  maj: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH_WORD = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const YEAR = '(20\\d{2})';
/** "pr.", "per", "den", "d.", "as of", "on", "at" before a date; optional. */
const LEAD = '(?:(?:pr|per|d|den|as of|on|at|status)\\.? )?';

const PATTERNS: ReadonlyArray<{ re: RegExp; read: (m: RegExpExecArray) => StatusTime | undefined }> = [
  // "1. oktober 2021", "pr. 1. okt. 2021", "1 october 2021"
  { re: new RegExp(`${LEAD}(\\d{1,2})\\.? (${MONTH_WORD})\\.? ${YEAR}`), read: (m) => dayOf(Number(m[3]), MONTHS[m[2] as string] as number, Number(m[1])) },
  // "october 1, 2021"
  { re: new RegExp(`${LEAD}(${MONTH_WORD}) (\\d{1,2}),? ${YEAR}`), read: (m) => dayOf(Number(m[3]), MONTHS[m[1] as string] as number, Number(m[2])) },
  // "2021-10-01"
  { re: new RegExp(`${LEAD}${YEAR}-(\\d{2})-(\\d{2})`), read: (m) => dayOf(Number(m[1]), Number(m[2]), Number(m[3])) },
  // "1/10-2021", "1/10 2021", "01-10-2021", "1.10.2021"
  { re: new RegExp(`${LEAD}(\\d{1,2})[/.-](\\d{1,2})[ /.-]${YEAR}`), read: (m) => dayOf(Number(m[3]), Number(m[2]), Number(m[1])) },
  // "ved udgangen af oktober 2021", "end of october 2021"
  { re: new RegExp(`(?:ved |i )?(?:udgangen af|slutningen af|ultimo|end of|the end of|at the end of) (${MONTH_WORD})\\.? ${YEAR}`), read: (m) => monthEnd(Number(m[2]), MONTHS[m[1] as string] as number) },
  // "ved udgangen af 2021", "ultimo 2021", "ved årets udgang 2021", "end of 2021"
  { re: new RegExp(`(?:ved |i )?(?:udgangen af|slutningen af|ultimo|årets udgang|end of|the end of|at the end of) (?:året |year )?${YEAR}`), read: (m) => dayOf(Number(m[1]), 12, 31) },
];

/** A year on its own ("status mål 1 2021", "i 2021"), not right after a goal marker ("mål 2021"). */
const LONE_YEAR = new RegExp(`(^|[^\\p{L}\\p{N}#])(?:(?:i|for|in|år|året|kontraktåret|year) )?${YEAR}(?![\\p{L}\\p{N}])`, 'u');
const GOAL_MARKER_BEFORE = /(?:^|[^\p{L}\p{N}])(?:mål|målet|maal|goal|nr|nummer|no|number|#)\.?\s*$/u;

export interface ExtractedStatusTime {
  /** The time asked about, or undefined when the question names none. */
  at: StatusTime | undefined;
  /** The question without the words that named it. */
  rest: string;
}

export function extractStatusTime(normalized: string): ExtractedStatusTime {
  if (normalized.length > 2_000) return { at: undefined, rest: normalized }; // a question is short; bounds the work
  for (const { re, read } of PATTERNS) {
    const m = re.exec(normalized);
    if (m === null) continue;
    const at = read(m);
    if (at === undefined) continue;
    return { at, rest: `${normalized.slice(0, m.index)} ${normalized.slice(m.index + m[0].length)}` };
  }
  const y = LONE_YEAR.exec(normalized);
  if (y !== null) {
    const start = y.index + (y[1] as string).length;
    if (!GOAL_MARKER_BEFORE.test(normalized.slice(0, start))) {
      return { at: { year: Number(y[2]) }, rest: `${normalized.slice(0, start)} ${normalized.slice(y.index + y[0].length)}` };
    }
  }
  return { at: undefined, rest: normalized };
}

function dayOf(year: number, month: number, day: number): StatusTime | undefined {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return { asOf: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

function monthEnd(year: number, month: number): StatusTime {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { asOf: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
