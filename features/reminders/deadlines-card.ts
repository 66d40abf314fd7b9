import type { Deadline } from '../../goals/contract-schema';
import { formatDate, quoted } from '../../core/danish-format';
import type { Language } from '../../core/language';
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

/** The card's own words per language; the deadlines' titles and labels are the contract's (Danish, quoted on an English card). */
const WORDS = {
  da: {
    title: 'Frister og afrapportering',
    asOf: (day: string) => `pr. ${formatDate(day)}`,
    upcoming: 'Kommende',
    past: 'Overståede',
    noneUpcoming: 'Der er ingen kommende frister i kontrakten eller mødeplanen.',
    older: (n: number) => `Vis ${n === 1 ? 'én ældre frist' : `${n} ældre frister`}`,
    goals: (ids: readonly string[]) => `mål ${ids.join(', ')}`,
    canNow: 'kan nu opgøres',
    earliest: (day: string) => `tidligst ${formatDate(day)}`,
    lastDay: 'sidste dag i dag',
    running: (day: string) => `i gang, til ${formatDate(day)}`,
    tomorrow: 'i morgen',
    inDays: (n: number) => `om ${n} dage`,
    fromSchedule: 'fra mødeplanen',
    contractWords: (text: string) => text,
  },
  en: {
    title: 'Deadlines and reporting',
    asOf: (day: string) => `as of ${formatDate(day, 'en')}`,
    upcoming: 'Upcoming',
    past: 'Past',
    noneUpcoming: 'There are no upcoming deadlines in the contract or the meeting schedule.',
    older: (n: number) => `Show ${n === 1 ? 'one older deadline' : `${n} older deadlines`}`,
    goals: (ids: readonly string[]) => `${ids.length === 1 ? 'goal' : 'goals'} ${ids.join(', ')}`,
    canNow: 'can now be accounted for',
    earliest: (day: string) => `at the earliest ${formatDate(day, 'en')}`,
    lastDay: 'last day today',
    running: (day: string) => `running, until ${formatDate(day, 'en')}`,
    tomorrow: 'tomorrow',
    inDays: (n: number) => `in ${n} days`,
    fromSchedule: 'from the meeting schedule',
    contractWords: (text: string) => quoted(text),
  },
} as const;

type Words = (typeof WORDS)[Language];

function when(d: Deadline, w: Words, language: Language): string {
  // The contract names no day ("når den kan opgøres efter årets afslutning"): its words, and the earliest day.
  if (d.undated === true) return w.contractWords(d.label);
  return d.from === d.to ? formatDate(d.to, language) : `${formatDate(d.from, language)} – ${formatDate(d.to, language)}`;
}

/** "i dag", "i morgen", "om 12 dage", "i gang (til 30. september 2021)". */
function countdown(d: Deadline, today: string, w: Words): string {
  if (d.undated === true) return d.from <= today ? w.canNow : w.earliest(d.from);
  if (d.from <= today) return d.to === today ? w.lastDay : w.running(d.to);
  const n = daysBetween(today, d.from);
  return n === 1 ? w.tomorrow : w.inDays(n);
}

function deadlineFacts(deadlines: readonly DeadlineEntry[], today: string | undefined, language: Language): CardElement {
  const w = WORDS[language];
  return {
    type: 'FactSet',
    facts: deadlines.map((d) => {
      const who = `${d.responsible}${d.goalIds.length > 0 ? `; ${w.goals(d.goalIds)}` : ''}`;
      const extra = [today === undefined ? undefined : countdown(d, today, w), d.source === 'mødeplan' ? w.fromSchedule : undefined].filter((x) => x !== undefined);
      return {
        title: escapeMarkdown(when(d, w, language)),
        value: escapeMarkdown(`${w.contractWords(d.title)} (${who})${extra.length > 0 ? ` – ${extra.join(', ')}` : ''}`),
      };
    }),
  };
}

/** The reporting calendar: the contract's deadlines and the schedule's extra dates, coming and past (Danish unless `language` is 'en'). */
export function deadlinesCard(view: DeadlinesView, language: Language = 'da'): AdaptiveCard {
  const w = WORDS[language];
  const body: CardElement[] = [
    textBlock(w.title, { size: 'Medium', weight: 'Bolder' }),
    textBlock(`${escapeMarkdown(view.contractTitle)} · ${w.asOf(view.today)}`, { isSubtle: true, spacing: 'None' }),
  ];
  if (view.upcoming.length > 0) {
    body.push(textBlock(w.upcoming, { weight: 'Bolder', spacing: 'Medium' }), deadlineFacts(view.upcoming, view.today, language));
  } else {
    body.push(textBlock(w.noneUpcoming, { spacing: 'Medium' }));
  }
  if (view.past.length > 0) {
    body.push(textBlock(w.past, { weight: 'Bolder', spacing: 'Medium' }), deadlineFacts(view.past.slice(0, view.pastShown), undefined, language));
    const older = view.past.slice(view.pastShown);
    if (older.length > 0) {
      // Said, not silently cut: the older ones are behind a toggle (no round trip).
      body.push(
        { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.ToggleVisibility', title: w.older(older.length), targetElements: ['older-deadlines'] }] },
        { type: 'Container', id: 'older-deadlines', isVisible: false, items: [deadlineFacts(older, undefined, language)] },
      );
    }
  }
  if (view.remindersNote !== undefined) body.push(textBlock(view.remindersNote, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return adaptiveCard(body, [], w.title);
}

/** Splits the deadlines around today: upcoming (incl. running) soonest first, past newest first. */
export function buildDeadlinesView(contractTitle: string, deadlines: readonly DeadlineEntry[], today: string, pastShown = 5): DeadlinesView {
  const upcoming = deadlines.filter((d) => d.to >= today).sort((a, b) => a.from.localeCompare(b.from));
  const past = deadlines.filter((d) => d.to < today).sort((a, b) => b.to.localeCompare(a.to));
  return { contractTitle, today, upcoming, past, pastShown };
}
