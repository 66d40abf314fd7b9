import type { ContractData } from '../../../goals/contract-schema';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import { cardReply, type Reply } from '../../../core/reply';
import { adaptiveCard, textBlock } from '../../../cards/adaptive-card';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { CARD_VERBS } from '../../../core/card-verbs';
import { formatDate, formatDateTime } from '../../../core/danish-format';
import { goalHeading } from '../../status/goal-status-view';
import { formMessages } from '../form/form-messages';
import { formScopeOf } from '../form/form-scope';
import { shownValue } from './history-rows';

/**
 * "Vis hele nr. 12": one measurement with every text in full (lists shorten them). Its size is
 * bounded by the form's field limits (1 000 characters for comment and documentation).
 */
export async function measurementDetailReply(contract: ContractData, store: MeasurementStore, goalId: unknown, measurementId: unknown, timeZone: string): Promise<Reply> {
  const scope = formScopeOf(contract, goalId);
  if (scope === undefined) return { kind: 'text', text: formMessages.unknownGoal(goalId) };
  const id = typeof measurementId === 'string' && /^\d{1,15}$/.test(measurementId) ? Number(measurementId) : undefined;
  const m = id === undefined ? undefined : await store.measurementById(contract.id, id);
  if (m === undefined) return { kind: 'text', text: formMessages.unknownMeasurement() };
  const kpi = scope.kpis.find((k) => k.id === m.kpiId);
  if (kpi === undefined) return { kind: 'text', text: formMessages.measurementOfOtherGoal(scope.goal.id) };
  const facts = [
    { title: 'Målepunkt', value: `${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}${m.segment ? ` (${m.segment})` : ''}` },
    { title: 'Værdi', value: escapeMarkdown(shownValue(kpi, m)) },
    { title: 'Periode', value: escapeMarkdown(m.period) },
    { title: 'Målt', value: formatDate(m.measuredOn) },
    { title: 'Kilde', value: escapeMarkdown(m.source) },
    { title: 'Registreret af', value: `${escapeMarkdown(m.recordedByName ?? m.recordedBy)}, ${formatDateTime(m.recordedAt, timeZone)}` },
  ];
  if (m.supersedesId !== null) facts.push({ title: 'Retter', value: `måling nr. ${m.supersedesId}` });
  const body = [
    textBlock(`Måling nr. ${m.id}`, { size: 'Small', isSubtle: true }),
    textBlock(goalHeading(scope.goal), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    { type: 'FactSet', facts },
    ...(m.evidence ? [textBlock('Dokumentation', { weight: 'Bolder', size: 'Small' }), textBlock(escapeMarkdown(m.evidence), { spacing: 'None' })] : []),
    ...(m.note ? [textBlock('Kommentar', { weight: 'Bolder', size: 'Small' }), textBlock(escapeMarkdown(m.note), { spacing: 'None' })] : []),
  ];
  return cardReply(adaptiveCard(body, [executeAction('Tilbage til historikken', CARD_VERBS.showHistory, { goalId: scope.goal.id })], `Måling nr. ${m.id}`));
}
