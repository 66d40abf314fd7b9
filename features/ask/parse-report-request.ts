import { tokenizeFolded } from './topic-index';

/** Words that ask for the KKR report on their own: "afrapportering", "rapport til KKR", "lav statusrapport". */
const REPORT_WORDS = new Set(['afrapportering', 'rapport', 'rapporten', 'statusrapport', 'statusrapporten', 'kkrrapport', 'kkr-rapport', 'slutrapport', 'slutrapporten', 'report']);
/** An export verb, and what it exports: "eksporter målinger", "eksport af målingerne", "export measurements". */
const EXPORT_WORDS = new Set(['eksporter', 'eksportere', 'eksport', 'export', 'download', 'hent', 'udtraek']);
const EXPORT_OBJECTS = new Set(['maalinger', 'maalingerne', 'maalingsdata', 'data', 'tallene', 'measurements', 'excel', 'regneark']);

const MAX_REQUEST_CHARS = 200;

/**
 * English "report" is also a verb: "what does Erhvervsstyrelsen report (on)?", "what do we report?" ask who
 * reports what (a reported-by question), not for the file. It is the noun after a determiner ("the report",
 * "send the report to KKR"), and a verb after a subject pronoun or when an auxiliary ("does", "do") stands before it.
 */
const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'my', 'this', 'that', 'kkr', 'status', 'annual', 'final', 'yearly']);
const SUBJECTS = new Set(['we', 'they', 'i', 'you', 'who', 'it', 'he', 'she']);
const AUXILIARIES = new Set(['do', 'does', 'did', 'will', 'should', 'must', 'shall', 'to']);

function isEnglishVerb(tokens: readonly string[], at: number): boolean {
  const before = tokens[at - 1];
  if (before === undefined || DETERMINERS.has(before)) return false;
  return SUBJECTS.has(before) || tokens.slice(0, at).some((t) => AUXILIARIES.has(t));
}

/**
 * Is the (normalized, time-stripped) question a request for the KKR report or the export? Checked
 * before the other commands, on whole words only: "afrapporteringsfrister", "hvem rapporterer vi
 * til?" and "eksport" alone (the topic of Mål 9a) are not requests for a file.
 */
export function reportRequestOf(normalized: string): 'report' | 'export' | undefined {
  // A request for a file is a short command; a long text is a question (and not tokenised twice).
  if (normalized.length > MAX_REQUEST_CHARS) return undefined;
  const tokens = tokenizeFolded(normalized);
  if (tokens.some((t) => EXPORT_WORDS.has(t)) && tokens.some((t) => EXPORT_OBJECTS.has(t))) return 'export';
  if (tokens.some((t, i) => REPORT_WORDS.has(t) && !(t === 'report' && isEnglishVerb(tokens, i))) && tokens.length <= 8) return 'report';
  return undefined;
}
