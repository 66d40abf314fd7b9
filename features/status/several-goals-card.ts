import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { formatDate, formatList } from '../../core/danish-format';
import type { Language } from '../../core/language';
import { adaptiveCard, textBlock, type CardAction, type CardElement, type AdaptiveCard } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { buildGoalStatusView, type OutsideLeftOut } from './goal-status-view';

/**
 * Teams shows at most a handful of card buttons in a row; past this the full cards are still a
 * "status mål N" away. "Goal N" is wider than "Mål N": six overflow a phone's 360 px (test/visual).
 */
const MAX_BUTTONS = { da: 6, en: 5 } as const;
/** KPI lines per goal before the rest is summed up: mål 9 has four sub-goals with one KPI each. */
const MAX_KPI_LINES = 4;

const WORDS = {
  da: {
    title: (ids: readonly string[]) => `Status for ${ids.map((id) => `mål ${escapeMarkdown(id)}`).join(', ').replace(/, ([^,]*)$/, ' og $1')}`,
    asOf: (today: string) => `pr. ${formatDate(today)}`,
    more: (n: number) => `… og ${n} målepunkter mere`,
    goal: 'Mål',
    none: (named: string, known: string) => `Kontrakten har ingen ${named} (${known}).`,
    summary: (ids: readonly string[]) => `Status for mål ${ids.join(', ')}`,
  },
  en: {
    title: (ids: readonly string[]) => `Status of goals ${formatList(ids.map(escapeMarkdown), 'en')}`,
    asOf: (today: string) => `as of ${formatDate(today, 'en')}`,
    more: (n: number) => `… and ${n} more KPIs`,
    goal: 'Goal',
    none: (named: string, known: string) => `The contract has no ${named} (${known}).`,
    summary: (ids: readonly string[]) => `Status of goals ${ids.join(', ')}`,
  },
} as const;

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
  language: Language = 'da',
  /** What the store's selection only counted (StatusRows.outsideLeftOut); none when `measurements` are all rows. */
  outsideLeftOut: OutsideLeftOut = {},
): AdaptiveCard {
  const words = WORDS[language];
  const body: CardElement[] = [
    textBlock(words.title(goalIds), { size: 'Medium', weight: 'Bolder' }),
    textBlock(`${words.asOf(today)} · ${escapeMarkdown(contract.title)}`, { isSubtle: true, spacing: 'None', size: 'Small' }),
  ];
  const actions: CardAction[] = [];
  for (const id of goalIds) {
    const view = buildGoalStatusView(contract, id, measurements, today, language, outsideLeftOut);
    if (view === null) continue;
    const lines = view.kpis.slice(0, MAX_KPI_LINES).map((k) => `${escapeMarkdown(k.id)}: ${k.summary}${k.showStatus ? ` – ${k.status.label.toLowerCase()}` : ''}`);
    if (view.kpis.length > MAX_KPI_LINES) lines.push(words.more(view.kpis.length - MAX_KPI_LINES));
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
    // An English card's buttons ask for the English status card; a Danish card's data stays as it was.
    const data: Record<string, string> = language === 'en' ? { goalId: view.goalId, language } : { goalId: view.goalId };
    if (actions.length < MAX_BUTTONS[language]) actions.push(executeAction(`${words.goal} ${view.goalId}`, CARD_VERBS.showStatus, data));
  }
  if (unknown.length > 0) {
    const named = unknown.map((u) => `${words.goal} ${escapeMarkdown(u)}`).join(', ');
    body.push(textBlock(words.none(named, knownIdsText), { separator: true, spacing: 'Medium', isSubtle: true }));
  }
  const summary = words.summary(goalIds);
  return adaptiveCard(body, actions, summary);
}
