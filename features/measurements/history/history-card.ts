import { classifyRow, isDoneKind } from '../../../core/status-rules';
import type { Goal, Kpi } from '../../../goals/contract-schema';
import type { Measurement } from '../../../core/measurement';
import { historySeries, trendPoints, type HistorySeries } from './measurement-history';
import { formatDate, formatDateTime, formatKpiLevel, formatKpiValue, formatMonthShort, formatNumber, primaryBaselineValue } from '../../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../../cards/adaptive-card';
import { CARD_VERBS } from '../../../core/card-verbs';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { goalHeading } from '../../status/goal-status-view';
import { formatTargetMarked } from '../../status/interpreted-mark';
import { trendChart, type TrendLine } from '../../../cards/trend-chart';

export interface HistoryCardInput {
  goal: Pick<Goal, 'id' | 'title'>;
  kpis: readonly Kpi[];
  /** Every row of these KPIs, superseded ones included (they are left out here, and counted). */
  rows: readonly Measurement[];
  today: string;
  timeZone: string;
  /** Rows listed per series (newest first). Default 5. */
  maxRowsPerSeries?: number;
  /** Points per line in a trend chart (the most recent). Default 24. */
  maxChartPoints?: number;
  /** Whether the person looking may record and correct: otherwise no "Ret nr." / "Indberet" buttons. */
  mayRecord?: boolean;
}

const SEGMENT_LABELS = { drift: 'Drift', vækst: 'Vækst' } as const;

function shown(kpi: Kpi, m: Measurement): string {
  return isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true) : formatKpiValue(kpi, m.value ?? 0);
}

/** How the row stands to the target (status-rules R1): said in the list, so no row passes for a result it is not. */
function standingNote(kpi: Kpi, m: Measurement): string | undefined {
  const standing = classifyRow(kpi, m);
  if (standing.kind === 'counts') return undefined;
  if (standing.kind === 'baseline') {
    return standing.matches ? 'baselinemåling (som kontraktens tal)' : `baselinemåling – afviger fra kontraktens ${formatKpiLevel(kpi, standing.baselineValue)}`;
  }
  return `uden for målets periode (${kpi.window.label}) – tæller ikke`;
}

/** "**37 %** · efterår 2021 · målt 30. september 2021 · kilde … · af … (1. oktober 2021 kl. 10.00)". */
function rowLine(kpi: Kpi, m: Measurement, timeZone: string): CardElement[] {
  const who = escapeMarkdown(m.recordedByName ?? m.recordedBy);
  const parts = [
    `**${escapeMarkdown(shown(kpi, m))}**`,
    escapeMarkdown(m.period),
    `målt ${formatDate(m.measuredOn)}`,
    `kilde: ${escapeMarkdown(m.source)}`,
    `registreret af ${who}, ${formatDateTime(m.recordedAt, timeZone)}`,
  ];
  const standing = standingNote(kpi, m);
  if (standing !== undefined) parts.push(escapeMarkdown(standing));
  if (m.supersedesId !== null) parts.push(`retter måling nr. ${m.supersedesId}`);
  if (m.demo) parts.push('demodata');
  const out: CardElement[] = [textBlock(`Nr. ${m.id}: ${parts.join(' · ')}`, { size: 'Small', spacing: 'Small' })];
  const notes = [m.evidence ? `Dokumentation: ${escapeMarkdown(m.evidence)}` : '', m.note ? `Kommentar: ${escapeMarkdown(m.note)}` : ''].filter((t) => t !== '');
  if (notes.length > 0) out.push(textBlock(notes.join(' · '), { size: 'Small', isSubtle: true, spacing: 'None' }));
  return out;
}

/** The target as a level on the chart's axis (pp_change: baseline + points; see status-rules R3). */
function targetLevel(kpi: Kpi): number | null {
  if (kpi.target === null) return null;
  if (kpi.kind === 'pp_change') return (primaryBaselineValue(kpi) ?? 0) + kpi.target;
  return kpi.target;
}

/** The range a KPI's values can take, so the chart's axis never goes past it (shares 0–100). */
function boundsOf(kpi: Kpi): { min?: number; max?: number } {
  if (kpi.kind === 'share' || kpi.kind === 'pp_change') return { min: 0, max: 100 };
  if (kpi.kind === 'nps') return { min: -100, max: 100 };
  if (kpi.kind === 'count') return { min: 0 };
  return {};
}

function chartFor(kpi: Kpi, series: readonly HistorySeries[], maxPoints: number): CardElement[] {
  if (isDoneKind(kpi)) return [];
  const lines: TrendLine[] = series
    .map((s) => ({
      legend: s.segment ? SEGMENT_LABELS[s.segment] : kpi.id,
      points: trendPoints(s, maxPoints).map((p) => ({ date: p.measuredOn, y: p.value, shown: formatKpiLevel(kpi, p.value) })),
    }))
    .filter((l) => l.points.length > 0);
  // A trend needs two readings; one value is already in the list above.
  if (lines.reduce((n, l) => n + l.points.length, 0) < 2) return [];
  const target = targetLevel(kpi);
  const unit = kpi.kind === 'share' || kpi.kind === 'pp_change' ? ' %' : '';
  return [
    trendChart({
      title: `Udvikling ${kpi.id}`,
      id: kpi.id,
      lines,
      ...(target !== null ? { target: { y: target, shown: formatKpiLevel(kpi, target) } } : {}),
      formatTick: (v) => `${formatNumber(v)}${unit}`,
      bounds: boundsOf(kpi),
      axisDate: formatMonthShort,
      fullDate: formatDate,
    }),
  ];
}

/**
 * "historik mål 3": per KPI (and segment) the latest measurements with value, period, date, source,
 * who and when; for numeric KPIs a trend chart (Chart.Line) with a FactSet fallback carrying the same
 * numbers. Corrected rows are replaced by their corrections, as in status.
 */
export function historyCard(input: HistoryCardInput): AdaptiveCard {
  const maxRows = input.maxRowsPerSeries ?? 5;
  const maxPoints = input.maxChartPoints ?? 24;
  const all = historySeries(input.kpis, input.rows);
  const supersededCount = input.rows.filter((r) => r.supersedesId !== null && input.kpis.some((k) => k.id === r.kpiId)).length;

  const body: CardElement[] = [
    textBlock('Historik', { size: 'Small', isSubtle: true }),
    textBlock(goalHeading(input.goal), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    textBlock(`Målinger pr. ${formatDate(input.today)}, nyeste først.`, { isSubtle: true, spacing: 'None' }),
  ];
  if (input.kpis.length === 0) body.push(textBlock('Kontrakten sætter ingen målepunkter for dette mål.', { isSubtle: true }));
  if (supersededCount > 0) {
    body.push(
      textBlock(`${supersededCount === 1 ? 'Én måling er' : `${supersededCount} målinger er`} rettet; rettelserne vises i stedet for de oprindelige tal, som bevares i databasen.`, {
        isSubtle: true,
        size: 'Small',
      }),
    );
  }

  for (const kpi of input.kpis) {
    const series = all.filter((s) => s.kpi === kpi);
    const items: CardElement[] = [
      textBlock(`${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}`, { weight: 'Bolder' }),
      textBlock(`Mål: ${escapeMarkdown(formatTargetMarked(kpi))}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    ];
    for (const s of series) {
      if (s.segment) items.push(textBlock(SEGMENT_LABELS[s.segment], { weight: 'Bolder', size: 'Small', spacing: 'Small' }));
      if (s.rows.length === 0) {
        items.push(textBlock('Ingen målinger endnu.', { isSubtle: true, size: 'Small', spacing: 'None' }));
        continue;
      }
      for (const m of s.rows.slice(0, maxRows)) items.push(...rowLine(kpi, m, input.timeZone));
      if (s.rows.length > maxRows) {
        const older = s.rows.length - maxRows;
        items.push(textBlock(`… og ${older} ældre ${older === 1 ? 'måling' : 'målinger'}.`, { isSubtle: true, size: 'Small', spacing: 'None' }));
      }
      const latest = s.rows[0]!;
      if (input.mayRecord === true) {
        items.push({
          type: 'ActionSet',
          spacing: 'Small',
          actions: [executeAction(`Ret nr. ${latest.id}`, CARD_VERBS.openCorrectionForm, { goalId: input.goal.id, measurementId: String(latest.id), back: 'history' })],
        });
      }
    }
    items.push(...chartFor(kpi, series, maxPoints));
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }

  const actions = [
    ...(input.mayRecord === true ? [executeAction('Indberet ny måling', CARD_VERBS.openUpdateForm, { goalId: input.goal.id, back: 'history' })] : []),
    executeAction('Status', CARD_VERBS.showStatus, { goalId: input.goal.id }),
  ];
  return adaptiveCard(body, actions, `Historik for mål ${input.goal.id}`);
}
