import { tokenizeFolded } from './topic-index';

/** Words that ask for the KKR report on their own: "afrapportering", "rapport til KKR", "lav statusrapport". */
const REPORT_WORDS = new Set(['afrapportering', 'rapport', 'rapporten', 'statusrapport', 'statusrapporten', 'kkrrapport', 'kkr-rapport', 'slutrapport', 'slutrapporten', 'report']);
/** An export verb, and what it exports: "eksporter målinger", "eksport af målingerne", "export measurements". */
const EXPORT_WORDS = new Set(['eksporter', 'eksportere', 'eksport', 'export', 'download', 'hent', 'udtraek']);
const EXPORT_OBJECTS = new Set(['maalinger', 'maalingerne', 'maalingsdata', 'data', 'tallene', 'measurements', 'excel', 'regneark']);

const MAX_REQUEST_CHARS = 200;

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
  if (tokens.some((t) => REPORT_WORDS.has(t)) && tokens.length <= 8) return 'report';
  return undefined;
}
