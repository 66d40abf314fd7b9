import type { FormField } from '../form/form-fields';

/**
 * The columns of an import file (README: "Import af målinger"), by their Danish names. Header names
 * are matched without case, with æ/ø/å as ae/oe/aa and spaces or hyphens as "_": "Målt dato",
 * "maalt_dato" and "MÅLT-DATO" are the same column. `name` is that folded key; `label` is how
 * messages and the README write it (in Danish letters).
 */
export interface ImportColumn {
  /** The folded key headers are matched by ("maalt_dato"). */
  name: string;
  /** How messages and the README write it ("målt_dato"). */
  label: string;
  field: FormField | 'recordedByName';
  aliases: readonly string[];
  required: boolean;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: 'kpi', label: 'kpi', field: 'kpiId', aliases: ['kpi_id', 'maalepunkt'], required: true },
  { name: 'segment', label: 'segment', field: 'segment', aliases: [], required: false },
  { name: 'vaerdi', label: 'værdi', field: 'value', aliases: ['value'], required: false },
  { name: 'gennemfoert', label: 'gennemført', field: 'done', aliases: ['naaet', 'milepael_naaet'], required: false },
  { name: 'periode', label: 'periode', field: 'period', aliases: [], required: true },
  { name: 'maalt_dato', label: 'målt_dato', field: 'measuredOn', aliases: ['maalt', 'dato', 'maalt_den'], required: true },
  { name: 'kilde', label: 'kilde', field: 'source', aliases: [], required: true },
  { name: 'anden_kilde', label: 'anden_kilde', field: 'sourceOther', aliases: [], required: false },
  { name: 'dokumentation', label: 'dokumentation', field: 'evidence', aliases: [], required: false },
  { name: 'kommentar', label: 'kommentar', field: 'comment', aliases: ['note'], required: false },
  { name: 'registreret_af', label: 'registreret_af', field: 'recordedByName', aliases: [], required: false },
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
export function importColumnOf(header: string): ImportColumn | undefined {
  const key = normalizeColumnName(header);
  return IMPORT_COLUMNS.find((c) => c.name === key || c.aliases.includes(key));
}
