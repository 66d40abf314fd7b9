import { historyCard } from './history-card';
import type { ContractData } from '../../../goals/contract-schema';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import { cardReply, type Reply } from '../../../core/reply';
import { formMessages } from '../form/form-messages';
import { formScopeOf } from '../form/form-scope';
import { READER_VIEWER, type CardViewer } from '../../../core/card-viewer';
import { CARD_VERBS } from '../../../core/card-verbs';
import { withRefresh } from '../../../cards/with-refresh';

/**
 * The history card of a goal (its own KPIs and its sub-goals'), from every stored row of those
 * KPIs; for an unknown goal a short text. Shared by "historik mål 3" and the "Historik" button.
 */
export async function historyReply(
  contract: ContractData,
  store: MeasurementStore,
  goalId: unknown,
  today: string,
  timeZone: string,
  viewer: CardViewer = READER_VIEWER,
): Promise<Reply> {
  const scope = formScopeOf(contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(goalId) };
  const rows = scope.kpis.length === 0 ? [] : await store.listMeasurements(contract.id, scope.kpis.map((k) => k.id));
  const card = historyCard({ goal: scope.goal, kpis: scope.kpis, rows, today, timeZone, mayRecord: viewer.mayRecord });
  const shared = viewer.shared ? withRefresh(card, CARD_VERBS.refreshCard, { view: 'history', goalId: scope.goal.id }, viewer.refreshUserIds) : card;
  return cardReply(shared, `Historik for mål ${scope.goal.id}`);
}
