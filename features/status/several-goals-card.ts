import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { formatDate } from '../../core/danish-format';
import { adaptiveCard, textBlock, type CardAction, type CardElement, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { buildGoalStatusView, type OutsideLeftOut } from './goal-status-view';

/** Teams shows at most a handful of card buttons in a row; past this the full cards are still a "status mål N" away. */
const MAX_BUTTONS = 6;
/** KPI lines per goal before the rest is summed up: mål 9 has four sub-goals with one KPI each. */
const MAX_KPI_LINES = 4;

/**
 * "mål 3 og 4", "sammenlign mål 7 og 8": one compact card with a section per goal — heading, status
 * and its reason, one line per KPI (value against target) — and a button per goal to its full status
 * card. The same views as the goal status card (buildGoalStatusView: the one judgement), so the two
 * never disagree. `unknown`: ids asked for that the contract does not have, named as such.
 */
export function severalGoalsCard(
  contract: ContractData,
  goalIds: readonly string[],
  unknown: readonly string[],
  measurements: readonly Measurement[],
  today: string,
  knownIdsText: string,
  /** What the store's selection only counted (StatusRows.outsideLeftOut); none when `measurements` are all rows. */
  outsideLeftOut: OutsideLeftOut = {},
): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(`Status for ${goalIds.map((id) => `mål ${escapeMarkdown(id)}`).join(', ').replace(/, ([^,]*)$/, ' og $1')}`, { size: 'Medium', weight: 'Bolder' }),
    textBlock(`pr. ${formatDate(today)} · ${escapeMarkdown(contract.title)}`, { isSubtle: true, spacing: 'None', size: 'Small' }),
  ];
  const actions: CardAction[] = [];
  for (const id of goalIds) {
    const view = buildGoalStatusView(contract, id, measurements, today, outsideLeftOut);
    if (view === null) continue;
    const lines = view.kpis.slice(0, MAX_KPI_LINES).map((k) => `${escapeMarkdown(k.id)}: ${k.summary}${k.showStatus ? ` – ${k.status.label.toLowerCase()}` : ''}`);
    if (view.kpis.length > MAX_KPI_LINES) lines.push(`… og ${view.kpis.length - MAX_KPI_LINES} målepunkter mere`);
    if (view.kpis.length === 0) lines.push(view.noKpisText);
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        textBlock(view.heading, { weight: 'Bolder' }),
        textBlock(`**${view.status.label}** – ${view.reason}`, { color: view.status.color, spacing: 'None' }),
        ...lines.map((line) => textBlock(line, { spacing: 'None', size: 'Small' })),
      ],
    });
    if (actions.length < MAX_BUTTONS) actions.push(executeAction(`Mål ${view.goalId}`, CARD_VERBS.showStatus, { goalId: view.goalId }));
  }
  if (unknown.length > 0) {
    const named = unknown.map((u) => `Mål ${escapeMarkdown(u)}`).join(', ');
    body.push(textBlock(`Kontrakten har ingen ${named} (${knownIdsText}).`, { separator: true, spacing: 'Medium', isSubtle: true }));
  }
  const summary = `Status for mål ${goalIds.join(', ')}`;
  return adaptiveCard(body, actions, summary);
}
