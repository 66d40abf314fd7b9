import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';
import type { Language } from '../../core/language';
import type { OverviewRow, OverviewView } from './overview-view';

const WORDS = {
  da: {
    rowButton: (r: OverviewRow) => `Status for ${r.label}`,
    demo: 'Oversigten bygger på demodata – ikke rigtige målinger.',
    hint: 'Tryk på et mål for detaljer, eller skriv fx "status mål 4".',
  },
  en: {
    rowButton: (r: OverviewRow) => `Status of goal ${r.goalId}`,
    demo: 'The overview is based on demo data – not real measurements.',
    hint: 'Tap a goal for details, or type e.g. "status goal 4".',
  },
} as const;

function rowElement(r: OverviewRow, language: Language): CardElement {
  const columns: CardElement[] = [];
  if (r.indent) columns.push({ type: 'Column', width: '16px', items: [] });
  columns.push(
    { type: 'Column', width: r.indent ? '36px' : '52px', items: [textBlock(r.label, { weight: r.indent ? 'Default' : 'Bolder' })] },
    { type: 'Column', width: 'stretch', items: [textBlock(r.title, r.indent ? { isSubtle: true } : {})] },
    { type: 'Column', width: 'auto', items: [textBlock(r.status.label, { color: r.status.color, weight: 'Bolder', horizontalAlignment: 'Right' })] },
  );
  // The whole line is the button to the goal's card: a director taps the goal that worries them.
  // On an English card the goal's card comes in English too; a Danish card's data stays as it was.
  const data: Record<string, string> = language === 'en' ? { goalId: r.goalId, language } : { goalId: r.goalId };
  const selectAction = executeAction(WORDS[language].rowButton(r), CARD_VERBS.showStatus, data);
  return { type: 'ColumnSet', spacing: r.indent ? 'None' : 'Small', columns, selectAction };
}

/** All goals on one compact card: one line per goal (sub-goals indented) with the status word in colour. */
export function overviewCard(view: OverviewView): AdaptiveCard {
  const words = WORDS[view.language];
  const body: CardElement[] = [
    textBlock(view.contractTitle, { size: 'Medium', weight: 'Bolder' }),
    textBlock(`Status ${view.asOf}`, { isSubtle: true, spacing: 'None' }),
    textBlock(view.periodNote, { size: 'Small', spacing: 'None', weight: view.final ? 'Bolder' : 'Default' }),
  ];
  if (view.summary) body.push(textBlock(view.summary, { spacing: 'Small' }));
  if (view.demo) body.push(textBlock(words.demo, { color: 'attention', weight: 'Bolder' }));
  body.push({ type: 'Container', separator: true, spacing: 'Medium', items: view.rows.map((r) => rowElement(r, view.language)) });
  body.push(textBlock(words.hint, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return adaptiveCard(body, [], `${view.contractTitle} – status ${view.asOf}`);
}
