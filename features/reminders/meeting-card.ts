import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import type { MeetingCardView } from './meeting-card-view';

function section(title: string, items: CardElement[]): CardElement {
  return { type: 'Container', separator: true, spacing: 'Medium', items: [textBlock(title, { weight: 'Bolder' }), ...items] };
}

/**
 * The directors' meeting: when, and what needs attention — goals "i risiko" / "ikke opfyldt",
 * KPIs with "ingen data", deadlines in the next 30 days. Used for the reminders and for
 * "næste møde". The view's texts are escaped already (meeting-card-view.ts).
 */
export function meetingCard(view: MeetingCardView): AdaptiveCard {
  const body: CardElement[] = [];
  if (view.lateNote !== undefined) body.push(textBlock(view.lateNote, { color: 'attention', weight: 'Bolder' }));
  if (view.leadText !== undefined) body.push(textBlock(view.leadText, { isSubtle: true, spacing: 'None' }));
  body.push(
    textBlock(view.title, { size: 'Medium', weight: 'Bolder' }),
    textBlock(view.cancelled ? `${view.when} – AFLYST` : view.when, { spacing: 'None', ...(view.cancelled ? { color: 'attention' } : {}) }),
  );
  if (view.demo) body.push(textBlock('Status bygger på demodata – ikke rigtige målinger.', { color: 'attention', weight: 'Bolder' }));

  body.push(
    section(
      'Mål i risiko eller ikke opfyldt',
      view.goalsAtRisk.length === 0
        ? [textBlock('Ingen mål er i risiko eller ikke opfyldt.', { isSubtle: true })]
        : view.goalsAtRisk.map((g) => ({
            type: 'Container',
            spacing: 'Small',
            items: [
              {
                type: 'ColumnSet',
                columns: [
                  { type: 'Column', width: 'stretch', items: [textBlock(`${g.label}: ${g.title}`, { weight: 'Bolder' })] },
                  { type: 'Column', width: 'auto', items: [textBlock(g.status.label, { color: g.status.color, weight: 'Bolder', horizontalAlignment: 'Right' })] },
                ],
              },
              textBlock(g.reason, { isSubtle: true, spacing: 'None', size: 'Small' }),
            ],
          })),
    ),
    section(
      'KPI\'er uden data',
      view.kpisWithoutData.length === 0
        ? [textBlock('Alle KPI\'er med overskredet frist har data.', { isSubtle: true })]
        : [{ type: 'FactSet', facts: view.kpisWithoutData.map((k) => ({ title: k.label, value: `${k.text} – ingen data` })) }],
    ),
    section(
      'Frister de næste 30 dage',
      view.deadlines.length === 0
        ? [textBlock('Ingen frister de næste 30 dage.', { isSubtle: true })]
        : [{ type: 'FactSet', facts: view.deadlines.map((d) => ({ title: d.when, value: d.title })) }],
    ),
    textBlock(`Status ${view.asOf}.`, { isSubtle: true, size: 'Small', spacing: 'Medium' }),
  );
  const report = view.reportDue === undefined ? [] : [executeAction('Lav rapport', CARD_VERBS.makeReport, view.reportDue.year !== undefined ? { year: view.reportDue.year } : {})];
  return adaptiveCard(body, [...report, executeAction('Vis oversigt', CARD_VERBS.showOverview, {}), executeAction('Vis frister', CARD_VERBS.showDeadlines, {})], `${view.title}: ${view.when}`);
}
