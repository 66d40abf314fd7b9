import type { Deadline } from '../../goals/contract-schema';
import { formatDate } from '../../core/danish-format';
import { daysBetween } from '../../core/time/zoned-time';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { escapeMarkdown } from '../../cards/escape-markdown';

/** A contract deadline, or (with source 'mødeplan') a date the schedule file adds. */
export type DeadlineEntry = Deadline & { source?: 'kontrakt' | 'mødeplan' };

export interface DeadlinesView {
  contractTitle: string;
  today: string;
  upcoming: DeadlineEntry[];
  /** Past deadlines, newest first: the latest `pastShown` visible, the older ones one tap away. */
  past: DeadlineEntry[];
  pastShown: number;
  /** "Påmindelser 14 og 3 dage før kl. 09.00 til kanaler, der abonnerer." — when reminders are scheduled. */
  remindersNote?: string;
}

function when(d: Deadline): string {
  // The contract names no day ("når den kan opgøres efter årets afslutning"): its words, and the earliest day.
  if (d.undated === true) return d.label;
  return d.from === d.to ? formatDate(d.to) : `${formatDate(d.from)} – ${formatDate(d.to)}`;
}

/** "i dag", "i morgen", "om 12 dage", "i gang (til 30. september 2021)". */
function countdown(d: Deadline, today: string): string {
  if (d.undated === true) return d.from <= today ? 'kan nu opgøres' : `tidligst ${formatDate(d.from)}`;
  if (d.from <= today) return d.to === today ? 'sidste dag i dag' : `i gang, til ${formatDate(d.to)}`;
  const n = daysBetween(today, d.from);
  return n === 1 ? 'i morgen' : `om ${n} dage`;
}

function deadlineFacts(deadlines: readonly DeadlineEntry[], today: string | undefined): CardElement {
  return {
    type: 'FactSet',
    facts: deadlines.map((d) => {
      const who = `${d.responsible}${d.goalIds.length > 0 ? `; mål ${d.goalIds.join(', ')}` : ''}`;
      const extra = [today === undefined ? undefined : countdown(d, today), d.source === 'mødeplan' ? 'fra mødeplanen' : undefined].filter((x) => x !== undefined);
      return {
        title: escapeMarkdown(when(d)),
        value: escapeMarkdown(`${d.title} (${who})${extra.length > 0 ? ` – ${extra.join(', ')}` : ''}`),
      };
    }),
  };
}

/** The reporting calendar: the contract's deadlines and the schedule's extra dates, coming and past. */
export function deadlinesCard(view: DeadlinesView): AdaptiveCard {
  const body: CardElement[] = [
    textBlock('Frister og afrapportering', { size: 'Medium', weight: 'Bolder' }),
    textBlock(`${escapeMarkdown(view.contractTitle)} · pr. ${formatDate(view.today)}`, { isSubtle: true, spacing: 'None' }),
  ];
  if (view.upcoming.length > 0) {
    body.push(textBlock('Kommende', { weight: 'Bolder', spacing: 'Medium' }), deadlineFacts(view.upcoming, view.today));
  } else {
    body.push(textBlock('Der er ingen kommende frister i kontrakten eller mødeplanen.', { spacing: 'Medium' }));
  }
  if (view.past.length > 0) {
    body.push(textBlock('Overståede', { weight: 'Bolder', spacing: 'Medium' }), deadlineFacts(view.past.slice(0, view.pastShown), undefined));
    const older = view.past.slice(view.pastShown);
    if (older.length > 0) {
      // Said, not silently cut: the older ones are behind a toggle (no round trip).
      body.push(
        { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.ToggleVisibility', title: `Vis ${older.length === 1 ? 'én ældre frist' : `${older.length} ældre frister`}`, targetElements: ['older-deadlines'] }] },
        { type: 'Container', id: 'older-deadlines', isVisible: false, items: [deadlineFacts(older, undefined)] },
      );
    }
  }
  if (view.remindersNote !== undefined) body.push(textBlock(view.remindersNote, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return adaptiveCard(body, [], 'Frister og afrapportering');
}

/** Splits the deadlines around today: upcoming (incl. running) soonest first, past newest first. */
export function buildDeadlinesView(contractTitle: string, deadlines: readonly DeadlineEntry[], today: string, pastShown = 5): DeadlinesView {
  const upcoming = deadlines.filter((d) => d.to >= today).sort((a, b) => a.from.localeCompare(b.from));
  const past = deadlines.filter((d) => d.to < today).sort((a, b) => b.to.localeCompare(a.to));
  return { contractTitle, today, upcoming, past, pastShown };
}
