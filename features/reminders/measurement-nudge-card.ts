import type { Kpi } from '../../goals/contract-schema';
import { formatTargetMarked } from '../status/interpreted-mark';
import { adaptiveCard, imBackAction, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { escapeMarkdown } from '../../cards/escape-markdown';

export interface MeasurementNudgeInput {
  kpi: Kpi;
  goalId: string;
  /** The status rules' reason, e.g. "Ingen måling registreret; målet skulle være opfyldt i 2021". */
  reason: string;
  lateText?: string;
}

/** To a KPI's owner: its measurement is due and missing. At most weekly (the scheduler's key). */
export function measurementNudgeCard(input: MeasurementNudgeInput): AdaptiveCard {
  const { kpi, goalId } = input;
  const heading = `Måling mangler: KPI ${escapeMarkdown(kpi.id)}`;
  const body: CardElement[] = [];
  if (input.lateText !== undefined) body.push(textBlock(`Forsinket: ${input.lateText}`, { color: 'attention', weight: 'Bolder' }));
  body.push(
    textBlock(heading, { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeMarkdown(kpi.label), { spacing: 'None' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Mål', value: escapeMarkdown(`Mål ${goalId}`) },
        { title: 'Målværdi', value: escapeMarkdown(formatTargetMarked(kpi)) },
        { title: 'Status', value: escapeMarkdown(input.reason) },
      ],
    },
    textBlock('Du får denne påmindelse højst én gang om ugen, indtil målingen er registreret. Skriv "afmeld påmindelser" her for at stoppe dem.', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  return adaptiveCard(body, [imBackAction(`Opdater mål ${goalId}`, `opdater mål ${goalId}`)], `${heading} – ${kpi.label}`);
}
