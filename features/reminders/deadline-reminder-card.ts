import type { ScheduledDeadline } from '../../core/schedule/schedule';
import { formatDate } from '../../core/danish-format';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { escapeMarkdown } from '../../cards/escape-markdown';

export interface DeadlineReminderInput {
  deadline: ScheduledDeadline;
  /** The reminder's lead: 14 → "om 14 dage"; 0 → "i dag". */
  leadDays: number;
  /** Set when the reminder is late: "skulle være sendt …". */
  lateText?: string;
}

function inDays(n: number): string {
  if (n === 0) return 'i dag';
  return n === 1 ? 'i morgen' : `om ${n} dage`;
}

/** A reminder that a deadline from the contract (or the schedule file) is coming up. */
export function deadlineReminderCard(input: DeadlineReminderInput): AdaptiveCard {
  const d = input.deadline;
  const when = d.from === d.to ? formatDate(d.from) : `${formatDate(d.from)} – ${formatDate(d.to)}`;
  const heading = `Frist ${inDays(input.leadDays)}: ${escapeMarkdown(d.title)}`;
  const facts = [
    { title: 'Hvornår', value: escapeMarkdown(`${when} (${d.label})`) },
    { title: 'Ansvarlig', value: escapeMarkdown(d.responsible) },
    ...(d.goalIds.length > 0 ? [{ title: 'Mål', value: escapeMarkdown(d.goalIds.join(', ')) }] : []),
    { title: 'Kilde', value: d.source === 'kontrakt' ? 'Resultatkontrakten' : 'Mødeplanen (tilføjet af en administrator)' },
  ];
  const body: CardElement[] = [];
  if (input.lateText !== undefined) body.push(textBlock(`Forsinket: ${input.lateText}`, { color: 'attention', weight: 'Bolder' }));
  body.push(textBlock(heading, { size: 'Medium', weight: 'Bolder' }), { type: 'FactSet', facts });
  // The final report to KKR: the report itself is one press away (features/report).
  const report = d.kkrReport === true ? [executeAction('Lav rapport', CARD_VERBS.makeReport, d.contractYear !== undefined ? { year: String(d.contractYear) } : {})] : [];
  return adaptiveCard(body, [...report, executeAction('Vis alle frister', CARD_VERBS.showDeadlines, {})], heading);
}
