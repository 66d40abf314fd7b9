/**
 * The period a measurement describes, read from the words staff write ("efterår 2021", "sep. 2021",
 * "3. kvartal 2021", "2021") as a closed range of calendar days. Status counts a row for a target
 * only when this range lies inside the KPI's evaluation window (core/status-rules.ts R1).
 *
 * Hand-written rather than a date library: the vocabulary is Danish period words (seasons,
 * quarters, halves), which general parsers (chrono, date-fns) do not read; the grammar is small
 * and closed, and every form is pinned by test/core/period.test.ts. Linear in the input: one
 * normalisation pass and anchored regexes without nested quantifiers.
 */
export interface PeriodRange {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
}

const MONTH_WORDS: Record<string, number> = {
  januar: 1, jan: 1, january: 1,
  februar: 2, feb: 2, february: 2,
  marts: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  maj: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

/**
 * Seasons as meteorological seasons — the contract data's documented reading of "efteråret 2021"
 * (goals/contracts/*.yaml). Winter is the one that starts in December of the year before.
 */
const SEASONS: Record<string, { fromMonth: number; toMonth: number; yearOffset?: number }> = {
  forår: { fromMonth: 3, toMonth: 5 }, foråret: { fromMonth: 3, toMonth: 5 }, spring: { fromMonth: 3, toMonth: 5 },
  sommer: { fromMonth: 6, toMonth: 8 }, sommeren: { fromMonth: 6, toMonth: 8 }, summer: { fromMonth: 6, toMonth: 8 },
  efterår: { fromMonth: 9, toMonth: 11 }, efteråret: { fromMonth: 9, toMonth: 11 }, autumn: { fromMonth: 9, toMonth: 11 }, fall: { fromMonth: 9, toMonth: 11 },
  vinter: { fromMonth: 12, toMonth: 2, yearOffset: -1 }, vinteren: { fromMonth: 12, toMonth: 2, yearOffset: -1 }, winter: { fromMonth: 12, toMonth: 2, yearOffset: -1 },
};

const ORDINALS: Record<string, number> = { første: 1, '1': 1, anden: 2, andet: 2, '2': 2, tredje: 3, '3': 3, fjerde: 4, '4': 4 };

const pad = (n: number): string => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthRange(year: number, fromMonth: number, toMonth: number, fromYear = year): PeriodRange {
  return { from: `${fromYear}-${pad(fromMonth)}-01`, to: `${year}-${pad(toMonth)}-${pad(daysInMonth(year, toMonth))}` };
}

function validYear(y: number): boolean {
  return y >= 1900 && y <= 2200;
}

function day(year: number, month: number, d: number): PeriodRange | undefined {
  if (!validYear(year) || month < 1 || month > 12 || d < 1 || d > daysInMonth(year, month)) return undefined;
  const iso = `${year}-${pad(month)}-${pad(d)}`;
  return { from: iso, to: iso };
}

/** Lower case, "." and "," dropped, dashes and slashes spaced, runs of spaces collapsed. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The range a period text names, or undefined when it is not one of the forms above. */
export function parsePeriod(text: string): PeriodRange | undefined {
  if (text.length > 60) return undefined; // no period is written that long; bounds the work too
  const raw = text.trim().toLowerCase();

  // Whole dates first, before normalise() turns "30.09.2021" into words.
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(raw);
  if (m) return day(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})$/.exec(raw); // 2021-09
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && validYear(Number(m[1]))) return monthRange(Number(m[1]), Number(m[2]), Number(m[2]));
  m = /^(\d{1,2})[-/](\d{4})$/.exec(raw); // 09-2021, 9/2021
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && validYear(Number(m[2]))) return monthRange(Number(m[2]), Number(m[1]), Number(m[1]));

  const t = normalise(text);
  m = /^(?:år |kontraktåret |året |year )?(\d{4})$/.exec(t);
  if (m) return validYear(Number(m[1])) ? monthRange(Number(m[1]), 1, 12) : undefined;

  m = /^(\d{4}) ?- ?(\d{4})$/.exec(t); // 2020-2021
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return validYear(a) && validYear(b) && a <= b ? monthRange(b, 1, 12, a) : undefined;
  }

  m = /^([a-zæøå]+) (\d{4})$/.exec(t); // september 2021, sep 2021, efterår 2021
  if (m) {
    const year = Number(m[2]);
    if (!validYear(year)) return undefined;
    const month = MONTH_WORDS[m[1]];
    if (month !== undefined) return monthRange(year, month, month);
    const season = SEASONS[m[1]];
    if (season !== undefined) return monthRange(year, season.fromMonth, season.toMonth, year + (season.yearOffset ?? 0));
    return undefined;
  }

  // Quarters: "3 kvartal 2021" (from "3. kvartal"), "tredje kvartal 2021", "q3 2021", "2021 q3", "kvartal 3 2021".
  m = /^(?:(første|anden|andet|tredje|fjerde|[1-4]) kvartal|q([1-4])|kvartal ([1-4])) (\d{4})$/.exec(t) ?? null;
  let quarter: number | undefined;
  let year: number | undefined;
  if (m) {
    quarter = ORDINALS[m[1] ?? ''] ?? Number(m[2] ?? m[3]);
    year = Number(m[4]);
  } else {
    const q = /^(\d{4}) ?-? ?q([1-4])$/.exec(t);
    if (q) {
      quarter = Number(q[2]);
      year = Number(q[1]);
    }
  }
  if (quarter !== undefined && year !== undefined) return validYear(year) ? monthRange(year, quarter * 3 - 2, quarter * 3) : undefined;

  // Halves: "1 halvår 2021", "første halvår 2021", "h1 2021".
  m = /^(?:(første|anden|andet|[12]) halvår|h([12])) (\d{4})$/.exec(t);
  if (m) {
    const half = ORDINALS[m[1] ?? ''] ?? Number(m[2]);
    const y = Number(m[3]);
    return validYear(y) ? monthRange(y, half === 1 ? 1 : 7, half === 1 ? 6 : 12) : undefined;
  }
  return undefined;
}

/** True when `inner` lies entirely inside `outer` (both ends included). */
export function periodWithin(inner: PeriodRange, outer: PeriodRange): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}

/** Examples for messages that ask for a period the parser reads. */
export const PERIOD_EXAMPLES = '«efterår 2021», «sep. 2021», «3. kvartal 2021», «1. halvår 2021» eller «2021»';
