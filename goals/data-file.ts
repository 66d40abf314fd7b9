import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatIssuePath } from './format-issue-path';
import { OperatorError } from './operator-error';

/**
 * Reading the data files an admin edits by hand (the contract, the schedule): YAML, or JSON when
 * the name ends in .json, checked by a zod schema, every problem reported with its place in Danish.
 */

/** One problem in a data file: where (`goals[3].kpis[0].target`, empty for the whole file) and what. */
export interface DataFileIssue {
  path: string;
  message: string;
}

/** A data file that cannot be used; the message names the file and has one line per issue. */
export abstract class DataFileError extends OperatorError {
  constructor(
    readonly file: string,
    readonly issues: readonly DataFileIssue[],
    heading: string,
  ) {
    super([heading, ...issues.map((i) => `  ${i.path === '' ? '(hele filen)' : i.path}: ${i.message}`)].join('\n'));
  }
}

const danish = z.locales.da();
const typeNames: Record<string, string> = { string: 'tekst', number: 'tal', int: 'heltal', boolean: 'true/false', array: 'liste', object: 'objekt' };

/** Danish messages from zod's own locale, but "mangler" for an absent field, which is the common edit mistake. */
export const danishErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined
    ? `feltet mangler (forventede ${typeNames[issue.expected] ?? issue.expected})`
    : danish.localeError(issue);

/**
 * Reads, parses and checks a data file against `schema`. `fail` builds the caller's own error
 * type from the issues (missing file, syntax error with line and column, schema violations).
 */
export function readDataFile<T>(file: string, schema: z.ZodType<T>, fail: (issues: DataFileIssue[]) => Error, options: { emptyAs?: unknown } = {}): T {
  const raw = parseText(file, readText(file, fail), fail);
  const result = schema.safeParse(raw ?? options.emptyAs, { error: danishErrorMap });
  if (!result.success) throw fail(result.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })));
  return result.data;
}

function readText(file: string, fail: (issues: DataFileIssue[]) => Error): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail([{ path: '', message: code === 'ENOENT' ? 'filen findes ikke' : `filen kan ikke læses (${code ?? String(err)})` }]);
  }
}

function parseText(file: string, text: string, fail: (issues: DataFileIssue[]) => Error): unknown {
  if (path.extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw fail([{ path: '', message: `JSON-syntaksfejl: ${(err as Error).message}` }]);
    }
  }
  // prettyErrors off (its message spans several lines); the position comes from a LineCounter instead.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    throw fail(
      doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        return { path: `linje ${at.line}, kolonne ${at.col}`, message: `YAML-syntaksfejl (${e.code}): ${e.message}` };
      }),
    );
  }
  return doc.toJS() as unknown;
}
