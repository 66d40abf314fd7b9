import type { Kpi } from '../../../goals/contract-schema';
import type { Measurement } from '../../../core/measurement';
import { formatDate, formatDateTime, formatKpiLevel, formatKpiValue } from '../../../core/danish-format';
import { classifyRow, isDoneKind } from '../../../core/status-rules';
import { textBlock, type CardElement } from '../../../cards/adaptive-card';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { previewText } from '../../../core/preview-text';
import { CARD_VERBS } from '../../../core/card-verbs';
import type { Language } from '../../../core/language';
import { quoted } from '../../../core/danish-format';

/**
 * How long a stored text may be in a list (history card and pages), in characters. Longer ones
 * are cut with "…" and the row gets a "Vis hele" button (the measurement with its full texts):
 * a list of full 1 000-character comments made "historik mål 9" 107–143 KB, over Teams' limit.
 */
export const LIST_TEXT_LIMITS = { note: 140, evidence: 140, source: 60, period: 40, who: 40 } as const;

export function shownValue(kpi: Kpi, m: Measurement, language: Language = 'da'): string {
  return isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true, language) : formatKpiValue(kpi, m.value ?? 0, language);
}

/** How the row stands to the target (status-rules R1): said in the list, so no row passes for a result it is not. */
export function standingNote(kpi: Kpi, m: Measurement, language: Language = 'da'): string | undefined {
  const standing = classifyRow(kpi, m);
  if (standing.kind === 'counts') return undefined;
  if (language === 'en') {
    if (standing.kind === 'baseline') return standing.matches ? "baseline measurement (as the contract's figure)" : `baseline measurement – differs from the contract's ${formatKpiLevel(kpi, standing.baselineValue, 'en')}`;
    return `outside the goal's period (${quoted(kpi.window.label)}) – does not count`;
  }
  if (standing.kind === 'baseline') {
    return standing.matches ? 'baselinemåling (som kontraktens tal)' : `baselinemåling – afviger fra kontraktens ${formatKpiLevel(kpi, standing.baselineValue)}`;
  }
  return `uden for målets periode (${kpi.window.label}) – tæller ikke`;
}

/**
 * One measurement as a list row: "Nr. 12: **37 %** · efterår 2021 · målt … · kilde … · registreret af …",
 * with the documentation and comment below, shortened; "Vis hele" when something was cut.
 */
/** A history row's own words per language; the stored texts (period, source, comments) are shown as written. */
const ROW_WORDS = {
  da: {
    measured: (day: string) => `målt ${formatDate(day)}`,
    source: 'kilde',
    recordedBy: (who: string, when: string) => `registreret af ${who}, ${when}`,
    corrects: (id: number) => `retter måling nr. ${id}`,
    demo: 'demodata',
    no: (id: number) => `Nr. ${id}`,
    evidence: 'Dokumentation',
    note: 'Kommentar',
    showAll: (id: number) => `Vis hele nr. ${id}`,
    older: (count: number | undefined) => (count === undefined ? 'Vis ældre' : `Vis ældre (${count})`),
  },
  en: {
    measured: (day: string) => `measured ${formatDate(day, 'en')}`,
    source: 'source',
    recordedBy: (who: string, when: string) => `recorded by ${who}, ${when}`,
    corrects: (id: number) => `corrects measurement no. ${id}`,
    demo: 'demo data',
    no: (id: number) => `No. ${id}`,
    evidence: 'Documentation',
    note: 'Comment',
    showAll: (id: number) => `Show all of no. ${id}`,
    older: (count: number | undefined) => (count === undefined ? 'Show older' : `Show older (${count})`),
  },
} as const;

/**
 * One measurement as a list row: "Nr. 12: **37 %** · efterår 2021 · målt … · kilde … · registreret af …",
 * with the documentation and comment below, shortened; "Vis hele" when something was cut.
 */
export function historyRow(kpi: Kpi, m: Measurement, goalId: string, timeZone: string, language: Language = 'da'): CardElement[] {
  const w = ROW_WORDS[language];
  let cut = false;
  const short = (text: string, limit: number): string => {
    const shown = previewText(text, limit);
    if (shown !== text.trim()) cut = true;
    return escapeMarkdown(shown);
  };
  const parts = [
    `**${escapeMarkdown(shownValue(kpi, m, language))}**`,
    short(m.period, LIST_TEXT_LIMITS.period),
    w.measured(m.measuredOn),
    `${w.source}: ${short(m.source, LIST_TEXT_LIMITS.source)}`,
    w.recordedBy(short(m.recordedByName ?? m.recordedBy, LIST_TEXT_LIMITS.who), formatDateTime(m.recordedAt, timeZone, language)),
  ];
  const standing = standingNote(kpi, m, language);
  if (standing !== undefined) parts.push(escapeMarkdown(standing));
  if (m.supersedesId !== null) parts.push(w.corrects(m.supersedesId));
  if (m.demo) parts.push(w.demo);
  const out: CardElement[] = [textBlock(`${w.no(m.id)}: ${parts.join(' · ')}`, { size: 'Small', spacing: 'Small' })];
  const notes = [
    m.evidence ? `${w.evidence}: ${short(m.evidence, LIST_TEXT_LIMITS.evidence)}` : '',
    m.note ? `${w.note}: ${short(m.note, LIST_TEXT_LIMITS.note)}` : '',
  ].filter((t) => t !== '');
  if (notes.length > 0) out.push(textBlock(notes.join(' · '), { size: 'Small', isSubtle: true, spacing: 'None' }));
  if (cut) {
    out.push({
      type: 'ActionSet',
      spacing: 'None',
      actions: [executeAction(w.showAll(m.id), CARD_VERBS.showMeasurement, { goalId, measurementId: String(m.id) })],
    });
  }
  return out;
}

/** "Vis ældre" for a series: the page after `last` (the oldest row shown). */
export function olderButton(goalId: string, kpi: Kpi, segment: string | null, last: Measurement, count?: number, language: Language = 'da'): CardElement {
  return {
    type: 'ActionSet',
    spacing: 'Small',
    actions: [
      executeAction(ROW_WORDS[language].older(count), CARD_VERBS.showHistoryPage, {
        goalId,
        kpiId: kpi.id,
        segment: segment ?? '',
        beforeMeasuredOn: last.measuredOn,
        beforeId: String(last.id),
        // An English card's page is English too; a Danish card's data stays as it was.
        ...(language === 'en' ? { language } : {}),
      }),
    ],
  };
}
