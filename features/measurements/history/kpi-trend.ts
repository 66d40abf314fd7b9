import { isDoneKind } from '../../../core/status-rules';
import type { Kpi } from '../../../goals/contract-schema';
import type { Language } from '../../../core/language';
import { formatDate, formatKpiLevel, formatMonthShort, formatNumber, primaryBaselineValue } from '../../../core/danish-format';
import type { TrendChartInput, TrendLine, TrendWords } from '../../../cards/trend-chart';
import { trendPoints, type HistorySeries } from './measurement-history';

export const SEGMENT_LABELS = { drift: 'Drift', vækst: 'Vækst' } as const;
/** The segments in English, as the English status card names them. */
export const ENGLISH_SEGMENT_LABELS = { drift: 'Operations', vækst: 'Growth' } as const;

/** The chart's words on an English card (the Danish ones are the chart's default). */
const ENGLISH_TREND_WORDS: TrendWords = {
  target: 'Target',
  targetInText: 'target',
  sameDay: (when) => `Several measurements on the same day (${when}) are shown side by side.`,
  showNumbers: 'Show the numbers',
};

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

/**
 * A KPI's trend as chart input (the history card and the KKR report draw the same chart), or null
 * where no chart fits: milestones and duties, or fewer than two readings (one value is a line of text).
 */
export function kpiTrend(kpi: Kpi, series: readonly HistorySeries[], maxPoints: number, language: Language = 'da'): TrendChartInput | null {
  const segments = language === 'en' ? ENGLISH_SEGMENT_LABELS : SEGMENT_LABELS;
  if (isDoneKind(kpi)) return null;
  const lines: TrendLine[] = series
    .map((s) => ({
      legend: s.segment ? segments[s.segment] : kpi.id,
      points: trendPoints(s, maxPoints).map((p) => ({ date: p.measuredOn, y: p.value, shown: formatKpiLevel(kpi, p.value, language) })),
    }))
    .filter((l) => l.points.length > 0);
  if (lines.reduce((n, l) => n + l.points.length, 0) < 2) return null;
  const target = targetLevel(kpi);
  const unit = kpi.kind === 'share' || kpi.kind === 'pp_change' ? ' %' : '';
  return {
    title: `${language === 'en' ? 'Trend' : 'Udvikling'} ${kpi.id}`,
    id: kpi.id,
    lines,
    ...(target !== null ? { target: { y: target, shown: formatKpiLevel(kpi, target, language) } } : {}),
    formatTick: (v) => `${formatNumber(v, { language })}${unit}`,
    bounds: boundsOf(kpi),
    axisDate: (d) => formatMonthShort(d, language),
    fullDate: (d) => formatDate(d, language),
    ...(language === 'en' ? { words: ENGLISH_TREND_WORDS } : {}),
  };
}
