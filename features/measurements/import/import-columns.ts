import type { FormField } from '../form/form-fields';

/**
 * The columns of an import file (README: "Import af målinger"), by their Danish names. Header names
 * are matched without case, with æ/ø/å as ae/oe/aa and spaces or hyphens as "_": "Målt dato",
 * "maalt_dato" and "MÅLT-DATO" are the same column.
 */
export const IMPORT_COLUMNS: ReadonlyArray<{ name: string; field: FormField | 'recordedByName'; aliases: readonly string[]; required: boolean }> = [
  { name: 'kpi', field: 'kpiId', aliases: ['kpi_id', 'maalepunkt'], required: true },
  { name: 'segment', field: 'segment', aliases: [], required: false },
  { name: 'vaerdi', field: 'value', aliases: ['value'], required: false },
  { name: 'gennemfoert', field: 'done', aliases: ['naaet', 'milepael_naaet'], required: false },
  { name: 'periode', field: 'period', aliases: [], required: true },
  { name: 'maalt_dato', field: 'measuredOn', aliases: ['maalt', 'dato', 'maalt_den'], required: true },
  { name: 'kilde', field: 'source', aliases: [], required: true },
  { name: 'anden_kilde', field: 'sourceOther', aliases: [], required: false },
  { name: 'dokumentation', field: 'evidence', aliases: [], required: false },
  { name: 'kommentar', field: 'comment', aliases: ['note'], required: false },
  { name: 'registreret_af', field: 'recordedByName', aliases: [], required: false },
];

/** "Målt dato" → "maalt_dato". */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s-]+/g, '_');
}

/** The column a header names, or undefined. */
export function importColumnOf(header: string): (typeof IMPORT_COLUMNS)[number] | undefined {
  const key = normalizeColumnName(header);
  return IMPORT_COLUMNS.find((c) => c.name === key || c.aliases.includes(key));
}
