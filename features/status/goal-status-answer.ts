import { buildGoalStatusView, type OutsideLeftOut } from './goal-status-view';
import { goalStatusCard } from './goal-status-card';
import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { cardReply, type Reply } from '../../core/reply';
import { READER_VIEWER, type CardViewer } from '../../core/card-viewer';
import { CARD_VERBS } from '../../core/card-verbs';
import { withRefresh } from '../../cards/with-refresh';
import { formKindsOf } from '../../core/form-kind';
import { kpisOfGoal } from '../../goals/contract-queries';
import { escapeMarkdown } from '../../cards/escape-markdown';
import type { Language } from '../../core/language';

export interface GoalStatusDeps {
  contract: ContractData;
  /** The rows the status rules read (MeasurementStore.statusRows), or all rows. */
  measurements: readonly Measurement[];
  /** What the store's selection only counted (StatusRows.outsideLeftOut); none when `measurements` are all rows. */
  outsideLeftOut?: OutsideLeftOut;
  /** YYYY-MM-DD. */
  today: string;
  /** Who the card is drawn for (core/card-viewer.ts); default a reader. */
  viewer?: CardViewer;
  /** The goal's explanation to KKR (features/report), plain text; shown on the card. */
  explanation?: { text: string; byline: string };
  /** Whether explanations can be written here (a report store is configured); default false. */
  explanationsOn?: boolean;
  /** The card's language: English for an English question; default Danish. */
  language?: Language;
}

/**
 * "status mål 4?": the goal's status card, or undefined when the contract has no such goal
 * (the asking side says so in its own words).
 */
export function goalStatusAnswer(goalId: string, { contract, measurements, outsideLeftOut, today, viewer = READER_VIEWER, explanation, explanationsOn = false, language = 'da' }: GoalStatusDeps): Reply | undefined {
  const view = buildGoalStatusView(contract, goalId, measurements, today, language, outsideLeftOut);
  if (view === null) return undefined;
  const card = goalStatusCard(
    view,
    { updateKinds: viewer.mayRecord ? formKindsOf(kpisOfGoal(contract, view.goalId)) : [], mayExplain: viewer.mayRecord && explanationsOn },
    explanation === undefined ? undefined : { text: escapeMarkdown(explanation.text), byline: escapeMarkdown(explanation.byline) },
  );
  // The refresh redraws the card in its language; a Danish card's refresh data stays as it was.
  const refresh: Record<string, string> = language === 'en' ? { view: 'status', goalId: view.goalId, language } : { view: 'status', goalId: view.goalId };
  const shared = viewer.shared ? withRefresh(card, CARD_VERBS.refreshCard, refresh, viewer.refreshUserIds, language === 'en' ? 'Refresh the card' : undefined) : card;
  return cardReply(shared, `${view.heading}: ${view.status.label}`);
}
