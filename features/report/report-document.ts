import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Status } from '../../core/status-types';
import type { GoalSection, KpiSection, ReportModel, SummaryRow } from './report-model';
import { trendPng } from './report-chart';

/** The line in the header of every page that shows demo data. */
export const DEMO_HEADER = 'DEMODATA – tallene i denne rapport er opdigtede eksempler, ikke målte resultater';

/** Verdict colours (fill, text) in the table: the status colours of the cards, light enough to print. */
const VERDICT_FILL: Record<Status, string> = {
  opfyldt: 'DFF6DD',
  'delvist opfyldt': 'FFF4CE',
  'på vej': 'DEECF9',
  'i risiko': 'FFF4CE',
  'ikke opfyldt': 'FDE7E9',
  'afventer måling': 'F3F2F1',
  'ingen data': 'F3F2F1',
};

const FONT = 'Calibri';
const LANGUAGE = { value: 'da-DK' };

function text(value: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text: value, ...options, language: LANGUAGE });
}

/** A paragraph of plain text; "\n" becomes a line break (docx would write it literally). */
function para(value: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string; spacingAfter?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  const lines = value.split('\n');
  return new Paragraph({
    alignment: options.alignment,
    spacing: { after: options.spacingAfter ?? 120 },
    children: lines.map((line, i) => new TextRun({ text: line, bold: options.bold, italics: options.italics, size: options.size, color: options.color, break: i > 0 ? 1 : undefined, language: LANGUAGE })),
  });
}

function heading(value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [text(value)] });
}

function cell(value: string, options: { bold?: boolean; fill?: string; width?: number } = {}): TableCell {
  return new TableCell({
    children: value.split('\n').map((line) => new Paragraph({ spacing: { after: 40 }, children: [text(line, { bold: options.bold, size: 18 })] })),
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function table(header: readonly string[], rows: readonly (readonly string[])[], options: { widths?: readonly number[]; fills?: ReadonlyArray<ReadonlyArray<string | undefined>>; bold?: readonly boolean[] } = {}): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, fill: 'E1DFDD', width: options.widths?.[i] })) }),
      ...rows.map(
        (r, ri) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, ci) => cell(v, { fill: options.fills?.[ri]?.[ci], bold: options.bold?.[ri], width: options.widths?.[ci] })),
          }),
      ),
    ],
  });
}

function demoHeader(demo: boolean): { default: Header } | undefined {
  if (!demo) return undefined;
  return { default: new Header({ children: [para(DEMO_HEADER, { bold: true, color: 'A4262C', alignment: AlignmentType.CENTER, spacingAfter: 0 })] }) };
}

function footer(model: ReportModel): { default: Footer } {
  return {
    default: new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [text(`${model.house} – ${model.title} – side `, { size: 16, color: '605E5C' }), new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '605E5C' })],
        }),
      ],
    }),
  };
}

function section(model: ReportModel, demo: boolean, children: ISectionOptions['children']): ISectionOptions {
  const headers = demoHeader(demo);
  return { properties: {}, ...(headers ? { headers } : {}), footers: footer(model), children };
}

function titlePage(model: ReportModel): ISectionOptions['children'] {
  return [
    para(model.house, { size: 28, color: '605E5C', spacingAfter: 600 }),
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 240 }, children: [text(`Afrapportering til ${model.recipient}`)] }),
    para(model.title, { size: 40, bold: true, spacingAfter: 360 }),
    para(model.contractTitle, { size: 24 }),
    para(model.periodNote, { size: 22 }),
    para(`Modtager: ${model.recipient}`, { size: 22 }),
    para(`Ansvarlig: ${model.responsible}`, { size: 22 }),
    para(model.generatedLine, { size: 20, color: '605E5C', spacingAfter: 360 }),
    ...(model.demo ? [para(`${DEMO_HEADER}.`, { bold: true, color: 'A4262C' })] : []),
    para(
      'Rapporten viser hvert aftalt mål og målepunkt som opfyldt eller ikke opfyldt efter kontraktens målværdier, med resultat, periode og kilde, og en forklaring for hvert mål, der ikke er opfyldt eller ikke er målt. Vurderingerne følger de samme regler som Målbots statuskort i Teams.',
      { size: 20 },
    ),
  ];
}

const LEVEL_PREFIX: Record<SummaryRow['level'], string> = { goal: 'Mål ', subgoal: 'Delmål ', kpi: '' };

function summaryPage(model: ReportModel): ISectionOptions['children'] {
  const counts = model.verdictCounts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  return [
    heading('Samlet oversigt', HeadingLevel.HEADING_1),
    para(`Mål og delmål: ${counts}.`),
    table(
      ['Mål / målepunkt', 'Målværdi', 'Baseline', 'Resultat (periode, kilde)', 'Vurdering'],
      model.summary.map((r) => [`${LEVEL_PREFIX[r.level]}${r.id} – ${r.title}`, r.target || '–', r.baseline || '–', r.result, r.verdict]),
      {
        widths: [26, 16, 16, 28, 14],
        fills: model.summary.map((r) => [r.level === 'kpi' ? undefined : 'F3F2F1', undefined, undefined, undefined, VERDICT_FILL[r.verdict]]),
        bold: model.summary.map((r) => r.level !== 'kpi'),
      },
    ),
  ];
}

function kpiBlock(k: KpiSection): ISectionOptions['children'] {
  const out: ISectionOptions['children'][number][] = [
    heading(k.title, HeadingLevel.HEADING_3),
    para(`Vurdering: ${k.verdict} – ${k.reason}`, { bold: true }),
    para(`Målværdi: ${k.target}. Periode: ${k.window}.`),
    ...k.baselines.map((b) => para(`Baseline: ${b}`)),
    ...k.results.map((r) => para(`Resultat: ${r}`)),
  ];
  if (k.trend !== null) {
    const image = trendPng(k.trend);
    const width = 480;
    out.push(
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: image.png, transformation: { width, height: Math.round((width * image.height) / image.width) }, altText: { name: `Udvikling ${k.id}`, title: `Udvikling ${k.id}`, description: `Udvikling ${k.id}` } })],
      }),
    );
  }
  if (k.trend === null && k.readings.length > 0) {
    const withSeries = k.readings.some((r) => r.series !== '');
    out.push(
      table(
        withSeries ? ['Målt', 'Segment', 'Værdi', 'Periode', 'Kilde'] : ['Målt', 'Værdi', 'Periode', 'Kilde'],
        k.readings.map((r) => {
          const source = r.source;
          return withSeries ? [r.date, r.series, r.value, r.period, source] : [r.date, r.value, r.period, source];
        }),
      ),
    );
  }
  out.push(para(`Målemetode: ${k.method}`, { italics: true, size: 20 }));
  if (k.interpretation !== '') out.push(para(`Fortolkning: ${k.interpretation}`, { italics: true, size: 20 }));
  return out;
}

function goalPage(g: GoalSection): ISectionOptions['children'] {
  const out: ISectionOptions['children'][number][] = [
    heading(g.heading, HeadingLevel.HEADING_1),
    para(`${g.scopeLabel}. ${g.purpose}`, { size: 20 }),
    para(`Vurdering: ${g.verdict} – ${g.reason}`, { bold: true }),
  ];
  for (const s of g.subGoals) out.push(para(`${s.heading}: ${s.verdict} – ${s.reason}`));
  if (g.explanations.length > 0 || g.missingExplanations.length > 0) {
    out.push(heading('Forklaring', HeadingLevel.HEADING_2));
    for (const e of g.explanations) {
      if (g.explanations.length > 1 || e.heading !== g.heading) out.push(para(e.heading, { bold: true }));
      out.push(para(e.text));
      out.push(para(`${e.byline}${e.revisions > 0 ? ` (${e.revisions} tidligere ${e.revisions === 1 ? 'version' : 'versioner'} i historikken)` : ''}.`, { italics: true, size: 18, color: '605E5C' }));
    }
    for (const m of g.missingExplanations) out.push(para(`${m}: Der er endnu ikke skrevet en forklaring.`, { italics: true, color: 'A4262C' }));
  }
  if (g.kpis.length === 0) out.push(para('Kontrakten sætter ingen målepunkter med målværdi for dette mål.', { italics: true }));
  for (const k of g.kpis) out.push(...kpiBlock(k));
  return out;
}

function auditPage(model: ReportModel): ISectionOptions['children'] {
  return [
    heading('Bilag: Revisionsspor', HeadingLevel.HEADING_1),
    para('Hvert tal i rapporten med hvem der registrerede det og hvornår. En rettelse er en ny måling, der erstatter den rettede; den oprindelige bevares i databasen.', { size: 20 }),
    model.audit.length === 0
      ? para('Der er ingen registrerede målinger i rapporten.', { italics: true })
      : table(
          ['Nr.', 'Målepunkt', 'Værdi', 'Periode', 'Målt', 'Kilde', 'Registreret af', 'Registreret', 'Rettelse'],
          model.audit.map((a) => [String(a.id), a.series ? `${a.kpiId} ${a.series}` : a.kpiId, a.value, a.period, a.measuredOn, a.source, a.recordedBy, a.recordedAt, a.correction || '–']),
          { widths: [6, 9, 10, 10, 11, 16, 14, 14, 10] },
        ),
  ];
}

/**
 * The KKR report as a Word document (docx library, no template): title page, summary table, a
 * section per goal (verdict, explanation, KPIs with chart or table and method), the audit trail.
 * Every section that shows demo data carries DEMO_HEADER on each of its pages.
 */
export async function renderReportDocument(model: ReportModel): Promise<Buffer> {
  const doc = new Document({
    creator: 'Målbot',
    title: `${model.title} – ${model.contractTitle}`,
    description: `Afrapportering til ${model.recipient}`,
    styles: { default: { document: { run: { font: FONT, size: 22, language: LANGUAGE } } } },
    sections: [
      section(model, model.demo, titlePage(model)),
      section(model, model.summary.some((r) => r.demo), summaryPage(model)),
      ...model.goals.map((g) => section(model, g.demo, goalPage(g))),
      section(model, model.audit.some((a) => a.demo), auditPage(model)),
    ],
  });
  return Packer.toBuffer(doc);
}
