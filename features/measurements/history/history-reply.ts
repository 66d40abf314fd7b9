import { HISTORY_CHART_POINTS, HISTORY_ROWS_PER_SERIES, historyCard, historySummary, type HistoryCardInput } from './history-card';
import type { Language } from '../../../core/language';
import type { HistoryFirstPage } from '../../../core/ports/measurement-store';
import type { ContractData } from '../../../goals/contract-schema';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import { cardReply, type Reply } from '../../../core/reply';
import { formMessages } from '../form/form-messages';
import { formScopeOf } from '../form/form-scope';
import { READER_VIEWER, type CardViewer } from '../../../core/card-viewer';
import { CARD_VERBS } from '../../../core/card-verbs';
import { withRefresh } from '../../../cards/with-refresh';

/**
 * The history card of a goal (its own KPIs and its sub-goals'); for an unknown goal a short text.
 * Shared by "historik mål 3" and the "Historik" button. Reads only what the card shows
 * (store.historyFirstPage: the newest rows per series, the chart's points, counts), never the whole
 * history.
 */
export async function historyReply(
  contract: ContractData,
  store: MeasurementStore,
  goalId: unknown,
  today: string,
  timeZone: string,
  viewer: CardViewer = READER_VIEWER,
  language: Language = 'da',
): Promise<Reply> {
  const scope = formScopeOf(contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(goalId) };
  const page = await store.historyFirstPage(contract.id, scope.kpis.map((k) => k.id), { rows: HISTORY_ROWS_PER_SERIES, withValue: HISTORY_CHART_POINTS });
  const card = historyCard({ goal: scope.goal, kpis: scope.kpis, rows: page.rows, counts: historyCounts(page), today, timeZone, mayRecord: viewer.mayRecord, language });
  // A shared English card is rebuilt in English; a Danish card's refresh data stays as it was.
  const refreshData: Record<string, string> = language === 'en' ? { view: 'history', goalId: scope.goal.id, language } : { view: 'history', goalId: scope.goal.id };
  const shared = viewer.shared ? withRefresh(card, CARD_VERBS.refreshCard, refreshData, viewer.refreshUserIds) : card;
  return cardReply(shared, historySummary(scope.goal.id, language));
}

/** A KPI without segments is one series over every segment's rows (status rules R1); one with segments a series per segment. */
function historyCounts(page: HistoryFirstPage): NonNullable<HistoryCardInput['counts']> {
  return {
    corrections: page.corrections,
    seriesRows: (kpi, segment) =>
      page.seriesRows.filter((s) => s.kpiId === kpi.id && (kpi.segments.length === 0 || s.segment === segment)).reduce((n, s) => n + s.rows, 0),
  };
}
