import type { ContractData } from '../../../goals/contract-schema';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import { cardReply, type Reply } from '../../../core/reply';
import { adaptiveCard, textBlock, type CardElement } from '../../../cards/adaptive-card';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { CARD_VERBS } from '../../../core/card-verbs';
import { goalHeading } from '../../status/goal-status-view';
import { formMessages } from '../form/form-messages';
import { formScopeOf } from '../form/form-scope';
import { historyRow, olderButton } from './history-rows';
import { SEGMENT_LABELS } from './history-card';
import { ENGLISH_SEGMENT_LABELS } from './kpi-trend';
import type { Language } from '../../../core/language';

/** Rows on one "Vis ældre" page. */
export const HISTORY_PAGE_SIZE = 10;

export interface HistoryPageRequest {
  goalId: unknown;
  kpiId: unknown;
  segment: unknown;
  beforeMeasuredOn: unknown;
  beforeId: unknown;
}

/**
 * "Vis ældre": the next HISTORY_PAGE_SIZE rows of one series, older than the last one shown, from
 * one indexed page query (store.listSeriesPage) — never the whole history. Everything in the
 * request comes from a card payload a forger controls, so each part is checked; anything odd is
 * answered like a stale card.
 */
/** The page's own words per language. */
const WORDS = {
  da: { kicker: 'Historik, ældre målinger', none: 'Der er ikke flere målinger.', back: 'Tilbage til historikken', summary: (kpiId: string) => `Ældre målinger for ${kpiId}`, segments: SEGMENT_LABELS },
  en: { kicker: 'History, older measurements', none: 'There are no more measurements.', back: 'Back to the history', summary: (kpiId: string) => `Older measurements for ${kpiId}`, segments: ENGLISH_SEGMENT_LABELS },
} as const;

export async function historyPageReply(contract: ContractData, store: MeasurementStore, request: HistoryPageRequest, timeZone: string, language: Language = 'da'): Promise<Reply> {
  const w = WORDS[language];
  const scope = formScopeOf(contract, request.goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(request.goalId) };
  const kpi = scope.kpis.find((k) => k.id === request.kpiId);
  const segment = request.segment === '' || request.segment === undefined ? null : request.segment;
  const segmentOk = kpi !== undefined && (segment === null ? kpi.segments.length === 0 : kpi.segments.some((s) => s === segment));
  const measuredOn = typeof request.beforeMeasuredOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(request.beforeMeasuredOn) ? request.beforeMeasuredOn : undefined;
  const id = typeof request.beforeId === 'string' && /^\d{1,15}$/.test(request.beforeId) ? Number(request.beforeId) : undefined;
  if (kpi === undefined || !segmentOk || measuredOn === undefined || id === undefined) return { kind: 'text', text: formMessages.staleForm(scope.goal.id) };

  const rows = await store.listSeriesPage(contract.id, kpi.id, segment as string | null, { measuredOn, id }, HISTORY_PAGE_SIZE + 1);
  const page = rows.slice(0, HISTORY_PAGE_SIZE);
  const label = `${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}${segment === null ? '' : ` (${w.segments[segment as keyof typeof SEGMENT_LABELS]})`}`;
  const body: CardElement[] = [
    textBlock(w.kicker, { size: 'Small', isSubtle: true }),
    textBlock(goalHeading(scope.goal, language), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    textBlock(label, { weight: 'Bolder' }),
  ];
  if (page.length === 0) body.push(textBlock(w.none, { isSubtle: true, size: 'Small' }));
  for (const m of page) body.push(...historyRow(kpi, m, scope.goal.id, timeZone, language));
  if (rows.length > HISTORY_PAGE_SIZE) body.push(olderButton(scope.goal.id, kpi, segment as string | null, page.at(-1)!, undefined, language));
  const back: Record<string, string> = language === 'en' ? { goalId: scope.goal.id, language } : { goalId: scope.goal.id };
  const card = adaptiveCard(body, [executeAction(w.back, CARD_VERBS.showHistory, back)], w.summary(kpi.id));
  return cardReply(card, w.summary(kpi.id));
}
