import type { Deadline } from '../goals/contract-schema';
import { formatDate } from '../domain/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { escapeMarkdown } from './escape-markdown';

export interface DeadlinesView {
  contractTitle: string;
  today: string;
  upcoming: Deadline[];
  /** The most recent past deadlines, newest first. */
  past: Deadline[];
}

function when(d: Deadline): string {
  return d.from === d.to ? formatDate(d.to) : `${formatDate(d.from)} – ${formatDate(d.to)}`;
}

function deadlineFacts(deadlines: readonly Deadline[]): CardElement {
  return {
    type: 'FactSet',
    facts: deadlines.map((d) => ({
      title: escapeMarkdown(when(d)),
      value: escapeMarkdown(`${d.title} (${d.responsible}${d.goalIds.length > 0 ? `; mål ${d.goalIds.join(', ')}` : ''})`),
    })),
  };
}

/** The contract's reporting calendar: what is coming, and what has passed. */
export function deadlinesCard(view: DeadlinesView): AdaptiveCard {
  const body: CardElement[] = [
    textBlock('Frister og afrapportering', { size: 'Medium', weight: 'Bolder' }),
    textBlock(`${escapeMarkdown(view.contractTitle)} · pr. ${formatDate(view.today)}`, { isSubtle: true, spacing: 'None' }),
  ];
  if (view.upcoming.length > 0) {
    body.push(textBlock('Kommende', { weight: 'Bolder', spacing: 'Medium' }), deadlineFacts(view.upcoming));
  } else {
    body.push(textBlock('Kontrakten har ingen kommende frister.', { spacing: 'Medium' }));
  }
  if (view.past.length > 0) {
    body.push(textBlock('Overståede', { weight: 'Bolder', spacing: 'Medium' }), deadlineFacts(view.past));
  }
  return adaptiveCard(body, [], 'Frister og afrapportering');
}

/** Splits the contract's deadlines around today: upcoming soonest first, past newest first. */
export function buildDeadlinesView(contractTitle: string, deadlines: readonly Deadline[], today: string, pastLimit = 5): DeadlinesView {
  const upcoming = deadlines.filter((d) => d.to >= today).sort((a, b) => a.from.localeCompare(b.from));
  const past = deadlines
    .filter((d) => d.to < today)
    .sort((a, b) => b.to.localeCompare(a.to))
    .slice(0, pastLimit);
  return { contractTitle, today, upcoming, past };
}
