import ExcelJS from 'exceljs';
import type { Measurement } from '../../../core/measurement';
import { effectiveMeasurements } from '../../../core/measurement';
import { DONE_CHOICES } from '../form/form-fields';
import { sourceOfStoredText, MEASUREMENT_SOURCES } from '../form/measurement-sources';
import { IMPORT_COLUMNS } from '../import/import-columns';

/** A value as the import reads it: decimal comma, no thousands separator, as many decimals as stored. */
function importValue(value: number): string {
  return String(Number(value.toPrecision(12))).replace('.', ',');
}

/** One row as the import's columns (README "Import af målinger"), by column name. */
function importFields(m: Measurement): Record<(typeof IMPORT_COLUMNS)[number]['name'], string> {
  const source = sourceOfStoredText(m.source);
  const label = MEASUREMENT_SOURCES.find((s) => s.key === source.key)?.choice ?? 'Andet';
  return {
    kpi: m.kpiId,
    segment: m.segment ?? '',
    vaerdi: m.value === null ? '' : importValue(m.value),
    gennemfoert: m.done === null ? '' : m.done ? DONE_CHOICES.done : DONE_CHOICES.notDone,
    periode: m.period,
    maalt_dato: m.measuredOn,
    kilde: source.key === 'andet' ? 'andet' : label,
    anden_kilde: source.other,
    dokumentation: m.evidence ?? '',
    kommentar: m.note ?? '',
    registreret_af: m.recordedByName ?? m.recordedBy,
  };
}

function csvField(text: string): string {
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The measurements that count (corrections replace what they corrected), oldest first, as a CSV
 * the import reads back unchanged: `;`-separated, decimal comma, UTF-8 with BOM (Excel's
 * "CSV (semikolonsepareret)"), exactly the import's columns. Import → export → import stores the
 * same rows (test/features/measurements/export/export-measurements.test.ts).
 */
export function measurementsCsv(rows: readonly Measurement[]): string {
  const header = IMPORT_COLUMNS.map((c) => c.name);
  const lines = effectiveMeasurements([...rows].sort((a, b) => a.id - b.id)).map((m) => {
    const f = importFields(m);
    return header.map((h) => csvField(f[h as keyof typeof f])).join(';');
  });
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}

/**
 * Every measurement (superseded ones included, marked) as an Excel workbook: the import's columns
 * first, then the audit trail (nr., contract, registered when and by whom, what it corrects, demo).
 */
export async function measurementsXlsx(rows: readonly Measurement[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Målbot';
  // Fixed, so the same rows give the same file (the workbook's properties are part of it).
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet('Målinger', { views: [{ state: 'frozen', ySplit: 1 }] });
  const superseded = new Set(rows.flatMap((r) => (r.supersedesId === null ? [] : [r.supersedesId])));
  sheet.columns = [
    ...IMPORT_COLUMNS.map((c) => ({ header: c.name, key: c.name, width: c.name === 'kommentar' || c.name === 'kilde' ? 32 : 14 })),
    { header: 'nr', key: 'nr', width: 8 },
    { header: 'kontrakt', key: 'kontrakt', width: 34 },
    { header: 'registreret', key: 'registreret', width: 24 },
    { header: 'registreret_af_id', key: 'registreret_af_id', width: 24 },
    { header: 'retter_nr', key: 'retter_nr', width: 10 },
    { header: 'rettet', key: 'rettet', width: 8 },
    { header: 'demo', key: 'demo', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const m of [...rows].sort((a, b) => a.id - b.id)) {
    const f = importFields(m);
    sheet.addRow({
      ...f,
      // Numbers stay numbers in Excel (shown with the reader's decimal comma).
      vaerdi: m.value ?? '',
      nr: m.id,
      kontrakt: m.contractId,
      registreret: m.recordedAt,
      registreret_af_id: m.recordedBy,
      retter_nr: m.supersedesId ?? '',
      rettet: superseded.has(m.id) ? 'ja' : '',
      demo: m.demo ? 'ja' : '',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
