import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { contractSchema, type ContractData } from './contract-schema';
import { ContractFileError, type ContractFileIssue } from './contract-file-error';
import { formatIssuePath } from './format-issue-path';
import { topicIssues } from './topic-issues';

const danish = z.locales.da();

const typeNames: Record<string, string> = { string: 'tekst', number: 'tal', int: 'heltal', boolean: 'true/false', array: 'liste', object: 'objekt' };

/** Danish messages from zod's own locale, but "mangler" for an absent field, which is the common edit mistake. */
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined
    ? `feltet mangler (forventede ${typeNames[issue.expected] ?? issue.expected})`
    : danish.localeError(issue);

/**
 * Reads one contract data file (YAML, or JSON when the name ends in .json) and checks it against
 * the contract schema. Anything wrong — missing file, syntax error, schema violation, a topic
 * used by two goals — becomes one ContractFileError that lists every problem with its place.
 */
export function loadContract(file: string): ContractData {
  const raw = parseFile(file, readText(file));
  const result = contractSchema.safeParse(raw, { error: errorMap });
  if (!result.success) {
    throw new ContractFileError(
      file,
      result.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })),
    );
  }
  const topics = topicIssues(result.data);
  if (topics.length > 0) throw new ContractFileError(file, topics);
  return result.data;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'filen findes ikke' : `filen kan ikke læses (${code ?? String(err)})`;
    throw new ContractFileError(file, [{ path: '', message }]);
  }
}

function parseFile(file: string, text: string): unknown {
  if (path.extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ContractFileError(file, [{ path: '', message: `JSON-syntaksfejl: ${(err as Error).message}` }]);
    }
  }
  // prettyErrors off (its message spans several lines); the position comes from a LineCounter instead.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    const issues: ContractFileIssue[] = doc.errors.map((e) => {
      const at = lineCounter.linePos(e.pos[0]);
      return {
        path: `linje ${at.line}, kolonne ${at.col}`,
        message: `YAML-syntaksfejl (${e.code}): ${e.message}`,
      };
    });
    throw new ContractFileError(file, issues);
  }
  return doc.toJS() as unknown;
}
