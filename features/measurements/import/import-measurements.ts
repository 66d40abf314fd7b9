import { createHash } from 'node:crypto';
import type { ContractData } from '../../../goals/contract-schema';
import type { ContractBook } from '../../../goals/contract-book';
import { goalOfKpi, kpisOfGoal } from '../../../goals/contract-queries';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import type { Measurement, NewMeasurement } from '../../../core/measurement';
import { cleanTypedText, type FormField } from '../form/form-fields';
import { measurementFields, validateMeasurementForm } from '../form/validate-measurement-form';
import { importColumnOf, IMPORT_COLUMNS } from './import-columns';
import { CsvSyntaxError, parseCsv } from './parse-csv';

export interface ImportProblem {
  /** The file line (1 = the header). */
  line: number;
  message: string;
}

export interface ImportResult {
  /** True when every line was valid and all were stored (in one transaction). */
  ok: boolean;
  /** Data lines read (header and blank lines not counted). */
  lines: number;
  /** The rows stored (or found from an earlier import of the same file); empty when !ok. */
  stored: Measurement[];
  /** Lines an earlier import of the same file had stored already: nothing new was written for them. */
  alreadyImported: number;
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** The contract in force: KPI ids are looked up in it. */
  contract: ContractData;
  /** Every loaded contract year: each line is stored under the one its period belongs to. */
  contracts: ContractBook;
  store: MeasurementStore;
  /** Today's calendar date (YYYY-MM-DD, Europe/Copenhagen): no measurement may be from later. */
  today: string;
  /** Shown as "registreret af" when the file has no registreret_af column. */
  fileName: string;
}

const FIELD_LABEL: Record<FormField, string> = Object.fromEntries(IMPORT_COLUMNS.filter((c) => c.field !== 'recordedByName').map((c) => [c.field, c.label])) as Record<FormField, string>;
const LABEL_OF = (name: string): string => IMPORT_COLUMNS.find((c) => c.name === name)?.label ?? name;

/**
 * Imports historical measurements (e.g. the 2020 baselines) from CSV text with the form's own
 * validation. All or nothing: every bad line is reported with its line number and then nothing is
 * stored; otherwise all lines are stored in one transaction. Each line's submission id is derived
 * from the file's content and the line number, so importing the same file again stores nothing new.
 */
export async function importMeasurementsCsv(text: string, options: ImportOptions): Promise<ImportResult> {
  const { contract, store, today } = options;
  const fail = (problems: ImportProblem[], lines = 0): ImportResult => ({ ok: false, lines, stored: [], alreadyImported: 0, problems });

  let csv;
  try {
    csv = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return fail([{ line: err.line, message: err.message.replace(/^Linje \d+: /, '') }]);
    throw err;
  }

  const columns = csv.header.map(importColumnOf);
  const unknown = csv.header.filter((_, i) => columns[i] === undefined);
  const present = new Set(columns.flatMap((c) => (c ? [c.name] : [])));
  const headerProblems: string[] = [];
  if (unknown.length > 0) headerProblems.push(`ukendte kolonner: ${unknown.map((u) => `«${u}»`).join(', ')}`);
  const duplicated = columns.filter((c, i) => c !== undefined && columns.findIndex((d) => d?.name === c.name) !== i).map((c) => c!.label);
  if (duplicated.length > 0) headerProblems.push(`kolonner nævnt to gange: ${[...new Set(duplicated)].join(', ')}`);
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !present.has(c.name)).map((c) => c.label);
  if (!present.has('vaerdi') && !present.has('gennemfoert')) missing.push(`${LABEL_OF('vaerdi')} eller ${LABEL_OF('gennemfoert')}`);
  if (missing.length > 0) headerProblems.push(`mangler kolonnerne ${missing.join(', ')}`);
  if (headerProblems.length > 0) {
    return fail([{ line: 1, message: `Kolonnerne er forkerte: ${headerProblems.join('; ')}. Brug ${IMPORT_COLUMNS.map((c) => c.label).join(';')} (se README).` }]);
  }

  // A line's problem names its column as the file's own header spells it ("Målt dato", "vaerdi" …).
  const headerOf = (field: FormField): string => csv.header[columns.findIndex((c) => c?.field === field)]?.trim() || FIELD_LABEL[field];
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const problems: ImportProblem[] = [];
  const rows: NewMeasurement[] = [];
  for (const record of csv.records) {
    if (record.fields.length !== csv.header.length) {
      problems.push({ line: record.line, message: `${record.fields.length} felter, men overskriften har ${csv.header.length} – tjek skilletegn (${csv.separator}) og anførselstegn.` });
      continue;
    }
    const raw: Record<string, string> = {};
    record.fields.forEach((value, i) => (raw[columns[i]!.field] = value));
    const kpiId = (raw.kpiId ?? '').trim();
    const goal = goalOfKpi(contract, kpiId);
    if (goal === undefined) {
      problems.push({ line: record.line, message: kpiId === '' ? 'kpi: mangler.' : `kpi: «${kpiId}» findes ikke i kontrakten.` });
      continue;
    }
    const checked = validateMeasurementForm(raw, { goal, kpis: kpisOfGoal(contract, goal.id), today, contract, contracts: options.contracts });
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.errors)) problems.push({ line: record.line, message: `${headerOf(field as FormField)}: ${message}` });
      continue;
    }
    const v = checked.value;
    const recordedByName = cleanTypedText(raw.recordedByName ?? '').slice(0, 200);
    rows.push({
      ...measurementFields(v),
      recordedBy: 'import',
      recordedByName: recordedByName === '' ? `CSV-import (${options.fileName})` : recordedByName,
      submissionId: `import:${digest}:${record.line}`,
      demo: false,
    });
  }
  if (problems.length > 0) return fail(problems, csv.records.length);
  if (rows.length === 0) return fail([{ line: 1, message: 'Filen har ingen datalinjer under overskriften.' }]);

  let alreadyImported = 0;
  for (const r of rows) if ((await store.measurementBySubmission(r.submissionId!)) !== undefined) alreadyImported++;
  const stored = await store.appendMeasurements(rows);
  return { ok: true, lines: csv.records.length, stored, alreadyImported, problems: [] };
}

/** The report `npm run import` prints: every bad line, or what was stored. */
export function formatImportReport(result: ImportResult, fileName: string): string {
  if (!result.ok) {
    const lines = result.problems.map((p) => `  Linje ${p.line}: ${p.message}`);
    const bad = new Set(result.problems.map((p) => p.line)).size;
    return [`${fileName}: ${bad === 1 ? 'én linje' : `${bad} linjer`} med fejl – intet er gemt.`, ...lines, 'Ret filen, og kør importen igen.'].join('\n');
  }
  const fresh = result.stored.length - result.alreadyImported;
  const again = result.alreadyImported > 0 ? ` (${result.alreadyImported} fandtes allerede fra en tidligere import af samme fil)` : '';
  return `${fileName}: ${result.lines} ${result.lines === 1 ? 'linje' : 'linjer'} læst, ${fresh} ${fresh === 1 ? 'måling' : 'målinger'} gemt${again}.`;
}
