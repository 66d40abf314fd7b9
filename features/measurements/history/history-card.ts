import type { Goal, Kpi, Segment } from '../../../goals/contract-schema';
import type { Measurement } from '../../../core/measurement';
import { historySeries, type HistorySeries } from './measurement-history';
import { kpiTrend, ENGLISH_SEGMENT_LABELS, SEGMENT_LABELS } from './kpi-trend';
import type { Language } from '../../../core/language';
import { formatDate } from '../../../core/danish-format';
import { historyRow, olderButton } from './history-rows';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../../cards/adaptive-card';
import { CARD_VERBS } from '../../../core/card-verbs';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { goalHeading } from '../../status/goal-status-view';
import { formatTargetMarked } from '../../status/interpreted-mark';
import { trendChart } from '../../../cards/trend-chart';

export interface HistoryCardInput {
  goal: Pick<Goal, 'id' | 'title'>;
  kpis: readonly Kpi[];
  /**
   * Every row of these KPIs, superseded ones included (they are left out here, and counted) — or,
   * with `counts`, only the rows this card shows (MeasurementStore.historyFirstPage).
   */
  rows: readonly Measurement[];
  /** When `rows` are not all rows: how many rows each series has and how many corrections there are. */
  counts?: { seriesRows: (kpi: Kpi, segment: Segment | null) => number; corrections: number };
  today: string;
  timeZone: string;
  /** Rows listed per series (newest first); older ones behind "Vis ældre". Default 3. */
  maxRowsPerSeries?: number;
  /** Points per line in a trend chart (the most recent). Default 24. */
  maxChartPoints?: number;
  /** Whether the person looking may record and correct: otherwise no "Ret nr." / "Indberet" buttons. */
  mayRecord?: boolean;
  /** The card's own words: Danish unless the question (or the English card whose button opened it) was English. */
  language?: Language;
}

/** The history card's own words per language; the contract's titles and labels stay as written. */
const WORDS = {
  da: {
    kicker: 'Historik',
    asOf: (day: string) => `Målinger pr. ${formatDate(day)}, nyeste først.`,
    noKpis: 'Kontrakten sætter ingen målepunkter for dette mål.',
    corrected: (n: number) => `${n === 1 ? 'Én måling er' : `${n} målinger er`} rettet; rettelserne vises i stedet for de oprindelige tal, som bevares i databasen.`,
    target: 'Mål',
    none: 'Ingen målinger endnu.',
    correct: (id: number) => `Ret nr. ${id}`,
    record: 'Indberet ny måling',
    status: 'Status',
    summary: (goalId: string) => `Historik for mål ${goalId}`,
    segments: SEGMENT_LABELS,
  },
  en: {
    kicker: 'History',
    asOf: (day: string) => `Measurements as of ${formatDate(day, 'en')}, newest first.`,
    noKpis: 'The contract sets no KPIs for this goal.',
    corrected: (n: number) => `${n === 1 ? 'One measurement has' : `${n} measurements have`} been corrected; the corrections are shown instead of the original figures, which are kept in the database.`,
    target: 'Target',
    none: 'No measurements yet.',
    correct: (id: number) => `Correct no. ${id}`,
    record: 'Record a new measurement',
    status: 'Status',
    summary: (goalId: string) => `History of goal ${goalId}`,
    segments: ENGLISH_SEGMENT_LABELS,
  },
} as const;

/** "Historik for mål 3" / "History of goal 3": the card's summary, also the reply's preview. */
export function historySummary(goalId: string, language: Language = 'da'): string {
  return WORDS[language].summary(goalId);
}

export { SEGMENT_LABELS };

/** Points per line in a trend chart (the most recent). */
export const HISTORY_CHART_POINTS = 24;

/** Rows per series on the history card; with shortened texts this keeps Mål 9 (nine series) well under 80 KB. */
export const HISTORY_ROWS_PER_SERIES = 3;

function chartFor(kpi: Kpi, series: readonly HistorySeries[], maxPoints: number, language: Language): CardElement[] {
  const trend = kpiTrend(kpi, series, maxPoints, language);
  return trend === null ? [] : [trendChart(trend)];
}

/**
 * "historik mål 3": per KPI (and segment) the latest measurements with value, period, date, source,
 * who and when; for numeric KPIs a trend chart (Chart.Line) with a FactSet fallback carrying the same
 * numbers. Corrected rows are replaced by their corrections, as in status.
 */
export function historyCard(input: HistoryCardInput): AdaptiveCard {
  const maxRows = input.maxRowsPerSeries ?? HISTORY_ROWS_PER_SERIES;
  const maxPoints = input.maxChartPoints ?? HISTORY_CHART_POINTS;
  const all = historySeries(input.kpis, input.rows);
  const language = input.language ?? 'da';
  const w = WORDS[language];
  const supersededCount = input.counts?.corrections ?? input.rows.filter((r) => r.supersedesId !== null && input.kpis.some((k) => k.id === r.kpiId)).length;

  const body: CardElement[] = [
    textBlock(w.kicker, { size: 'Small', isSubtle: true }),
    textBlock(goalHeading(input.goal, language), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    textBlock(w.asOf(input.today), { isSubtle: true, spacing: 'None' }),
  ];
  if (input.kpis.length === 0) body.push(textBlock(w.noKpis, { isSubtle: true }));
  if (supersededCount > 0) {
    body.push(
      textBlock(w.corrected(supersededCount), {
        isSubtle: true,
        size: 'Small',
      }),
    );
  }

  for (const kpi of input.kpis) {
    const series = all.filter((s) => s.kpi === kpi);
    const items: CardElement[] = [
      textBlock(`${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}`, { weight: 'Bolder' }),
      textBlock(`${w.target}: ${escapeMarkdown(formatTargetMarked(kpi, language))}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    ];
    for (const s of series) {
      if (s.segment) items.push(textBlock(w.segments[s.segment], { weight: 'Bolder', size: 'Small', spacing: 'Small' }));
      if (s.rows.length === 0) {
        items.push(textBlock(w.none, { isSubtle: true, size: 'Small', spacing: 'None' }));
        continue;
      }
      const listed = s.rows.slice(0, maxRows);
      const total = input.counts?.seriesRows(kpi, s.segment) ?? s.rows.length;
      for (const m of listed) items.push(...historyRow(kpi, m, input.goal.id, input.timeZone, language));
      // Older rows are a page away ("Vis ældre", an indexed page query), not in this card.
      if (total > maxRows) items.push(olderButton(input.goal.id, kpi, s.segment, listed.at(-1)!, total - maxRows, language));
      const latest = s.rows[0]!;
      if (input.mayRecord === true) {
        items.push({
          type: 'ActionSet',
          spacing: 'Small',
          actions: [executeAction(w.correct(latest.id), CARD_VERBS.openCorrectionForm, { goalId: input.goal.id, measurementId: String(latest.id), back: 'history' })],
        });
      }
    }
    items.push(...chartFor(kpi, series, maxPoints, language));
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }

  const actions = [
    ...(input.mayRecord === true ? [executeAction(w.record, CARD_VERBS.openUpdateForm, { goalId: input.goal.id, back: 'history' })] : []),
    // An English card's "Status" asks for the English status card; a Danish card's data stays as it was.
    executeAction(w.status, CARD_VERBS.showStatus, language === 'en' ? { goalId: input.goal.id, language } : { goalId: input.goal.id }),
  ];
  return adaptiveCard(body, actions, historySummary(input.goal.id, language));
}
