import type { ContractData, Goal, ReportingObligation } from '../../goals/contract-schema';
import { frequencyWords } from '../status/reporting-frequency';
import { subGoals, topLevelGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import type { Status } from '../../core/status-types';
import type { Schedule } from '../../core/schedule/schedule';
import { formatDate, formatList, quoted } from '../../core/danish-format';
import type { Language } from '../../core/language';
import { englishFrequency } from '../status/english-fact-words';
import { cardReply, type Reply } from '../../core/reply';
import { adaptiveCard, textBlock, type CardAction, type CardElement } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { judgeGoal, goalHeading } from '../status/goal-status-view';
import { statusStyle } from '../status/status-style';
import { statusReasonText } from '../../core/status-reason';
import { measuredByWords } from '../status/goal-fact-answer';
import { scheduledDeadlines } from '../reminders/schedule/scheduled-deadlines';
import type { DeadlineRange, GoalFilter } from './question-facts';

/** Buttons in a row before a phone's 360 px overflow: "Goal N" is wider than "Mål N" (test/visual). */
const MAX_BUTTONS = { da: 6, en: 5 } as const;

export interface GoalListDeps {
  contract: ContractData;
  measurements: readonly Measurement[];
  today: string;
  schedule?: Schedule;
  language?: 'da' | 'en';
}

/** Goals a status is judged for, without doubles: a parent (9) is shown through its sub-goals. */
function judgedGoals(contract: ContractData): Goal[] {
  return topLevelGoals(contract).flatMap((g) => {
    const children = subGoals(contract, g.id);
    return children.length > 0 ? children : [g];
  });
}

interface Row {
  goal: Goal;
  lines: string[];
}

function listCard(title: string, subtitle: string, rows: readonly Row[], empty: string, language: 'da' | 'en'): Reply {
  const body: CardElement[] = [textBlock(escapeMarkdown(title), { size: 'Medium', weight: 'Bolder' }), textBlock(subtitle, { isSubtle: true, spacing: 'None', size: 'Small' })];
  const actions: CardAction[] = [];
  if (rows.length === 0) body.push(textBlock(escapeMarkdown(empty), { spacing: 'Medium' }));
  for (const row of rows) {
    body.push({
      type: 'Container',
      separator: true,
      items: [textBlock(goalHeading(row.goal, language), { weight: 'Bolder' }), ...row.lines.map((l) => textBlock(l, { spacing: 'None', size: 'Small' }))],
    });
    // An English card's buttons ask for English cards; a Danish card's data stays as it was.
    const data: Record<string, string> = language === 'en' ? { goalId: row.goal.id, language } : { goalId: row.goal.id };
    if (actions.length < MAX_BUTTONS[language]) actions.push(executeAction(`${language === 'en' ? 'Goal' : 'Mål'} ${row.goal.id}`, CARD_VERBS.showStatus, data));
  }
  if (rows.length === 0) actions.push(executeAction(language === 'en' ? 'Show overview' : 'Vis oversigt', CARD_VERBS.showOverview, language === 'en' ? { language } : {}));
  const summary = rows.length === 0 ? empty : `${title}: ${rows.map((r) => `${language === 'en' ? 'goal' : 'mål'} ${r.goal.id}`).join(', ')}`;
  return cardReply(adaptiveCard(body, actions, summary), summary);
}

const STATUS_TITLES: ReadonlyArray<{ statuses: readonly Status[]; da: string; none: string; en: string; noneEn: string }> = [
  { statuses: ['i risiko'], da: 'Mål i risiko', none: 'Ingen mål er i risiko', en: 'Goals at risk', noneEn: 'No goal is at risk' },
  { statuses: ['ikke opfyldt', 'i risiko'], da: 'Mål, der ikke er opfyldt eller er i risiko', none: 'Ingen mål er ikke opfyldt eller i risiko', en: 'Goals not met or at risk', noneEn: 'No goal is unmet or at risk' },
  { statuses: ['ikke opfyldt'], da: 'Mål, der ikke er opfyldt', none: 'Ingen mål står som ikke opfyldt', en: 'Goals not met', noneEn: 'No goal stands as not met' },
  { statuses: ['ingen data', 'afventer måling'], da: 'Mål, der mangler data', none: 'Ingen mål mangler data', en: 'Goals without data', noneEn: 'No goal lacks data' },
  { statuses: ['afventer måling'], da: 'Mål, der afventer måling', none: 'Ingen mål afventer måling', en: 'Goals awaiting a measurement', noneEn: 'No goal awaits a measurement' },
  { statuses: ['opfyldt'], da: 'Opfyldte mål', none: 'Ingen mål er opfyldt endnu', en: 'Goals met', noneEn: 'No goal is met yet' },
  { statuses: ['delvist opfyldt'], da: 'Delvist opfyldte mål', none: 'Ingen mål er delvist opfyldt', en: 'Goals partly met', noneEn: 'No goal is partly met' },
  { statuses: ['på vej'], da: 'Mål på vej', none: 'Ingen mål står som på vej', en: 'Goals on track', noneEn: 'No goal stands as on track' },
];

/** "blandt de lokale mål", "among the local goals": a status list narrowed to one scope says so in its title and its empty line. */
function amongScope(scope: 'national' | 'local', language: Language): string {
  if (language === 'en') return `among the ${scope} goals`;
  return `blandt de ${scope === 'national' ? 'nationale' : 'lokale'} mål`;
}

function byStatus(deps: GoalListDeps, statuses: readonly Status[], scope?: 'national' | 'local'): Reply {
  const { contract, measurements, today } = deps;
  const rows: Row[] = [];
  for (const goal of judgedGoals(contract)) {
    if (scope !== undefined && goal.scope !== scope) continue;
    const judged = judgeGoal(contract, goal, measurements, today); // the one judgement (R11)
    const kpiHits = judged.kpis.filter((k) => statuses.includes(k.status));
    if (!statuses.includes(judged.status) && kpiHits.length === 0) continue;
    const language = deps.language ?? 'da';
    const style = statusStyle(judged.status, language);
    const lines = [`**${style.label}** – ${escapeMarkdown(statusReasonText(judged.why, language))}`];
    if (judged.kpis.length > 1) for (const k of kpiHits) lines.push(`${escapeMarkdown(k.kpiId)}: ${statusStyle(k.status, language).label.toLowerCase()} – ${escapeMarkdown(statusReasonText(k.why, language))}`);
    rows.push({ goal, lines });
  }
  const titles = STATUS_TITLES.find((t) => t.statuses.length === statuses.length && t.statuses.every((s) => statuses.includes(s)));
  const en = deps.language === 'en';
  const among = scope === undefined ? '' : ` ${amongScope(scope, en ? 'en' : 'da')}`;
  const title = `${(en ? titles?.en : titles?.da) ?? `Mål med status ${formatList([...statuses])}`}${among}`;
  const none = `${(en ? titles?.noneEn : titles?.none) ?? `Ingen mål har status ${formatList([...statuses])}`}${among} ${en ? `as of ${formatDate(today, 'en')}` : `pr. ${formatDate(today)}`}.`;
  return listCard(title, `${en ? `as of ${formatDate(today, 'en')}` : `pr. ${formatDate(today)}`} · ${escapeMarkdown(contract.title)}`, rows, none, deps.language ?? 'da');
}

/** The parser's names of a measurer (features/ask/question-facts.ts) said in English; a name not here is a proper name (Erhvervsstyrelsen, KL). */
const ENGLISH_MEASURER: Readonly<Record<string, string>> = {
  'Erhvervshus Sydjylland selv': 'Erhvervshus Sydjylland itself',
  brugerevalueringen: 'the user evaluation (“brugerevalueringen”)',
  'CRM-systemet': 'the CRM system',
  'registerdata mod en kontrolgruppe': 'register data against a control group',
};

function byMeasurer(deps: GoalListDeps, filter: Extract<GoalFilter, { by: 'measured-by' }>): Reply {
  const { contract } = deps;
  const rows: Row[] = [];
  for (const goal of judgedGoals(contract)) {
    const kpis = goal.kpis.filter((k) => filter.who.includes(k.measuredBy));
    if (kpis.length === 0) continue;
    rows.push({ goal, lines: kpis.map((k) => escapeMarkdown(`${k.id} – ${k.label}: ${measuredByWords(k.measuredBy, contract.parties.house, deps.language)}`)) });
  }
  const en = deps.language === 'en';
  const name = en ? (ENGLISH_MEASURER[filter.name] ?? filter.name) : filter.name;
  const title = en ? `Measured by ${name}` : `Det måler ${filter.name}`;
  const none = en ? `None of the contract's goals is measured by ${name}.` : `Ingen af kontraktens mål måles af ${filter.name}.`;
  return listCard(title, escapeMarkdown(contract.title), rows, none, deps.language ?? 'da');
}

function byScope(deps: GoalListDeps, scope: 'national' | 'local'): Reply {
  const { contract, measurements, today } = deps;
  const language = deps.language ?? 'da';
  const rows = judgedGoals(contract)
    .filter((g) => g.scope === scope)
    .map((goal) => {
      const judged = judgeGoal(contract, goal, measurements, today);
      return { goal, lines: [`**${statusStyle(judged.status, language).label}** – ${escapeMarkdown(statusReasonText(judged.why, language))}`] };
    });
  if (language === 'en') {
    const word = scope === 'national' ? 'national' : 'local';
    return listCard(`The ${word} goals`, `as of ${formatDate(today, 'en')} · ${escapeMarkdown(contract.title)}`, rows, `The contract has no ${word} goals.`, language);
  }
  const word = scope === 'national' ? 'nationale' : 'lokale';
  return listCard(`De ${word} mål`, `pr. ${formatDate(today)} · ${escapeMarkdown(contract.title)}`, rows, `Kontrakten har ingen ${word} mål.`, language);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): string => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;

/** How a range is said around its days, per language ("inden jul (24. december 2021)", "before Christmas (24 December 2021)"). */
const RANGE_WORDS = {
  da: {
    'before-christmas': (day: string) => `inden jul (${day})`,
    'this-month': (to: string) => `resten af måneden (til ${to})`,
    'next-month': (from: string, to: string) => `i næste måned (${from}–${to})`,
    'this-quarter': (to: string) => `resten af kvartalet (til ${to})`,
    'next-quarter': (from: string, to: string) => `i næste kvartal (${from}–${to})`,
    'this-year': (to: string) => `resten af året (til ${to})`,
    'next-year': (year: number) => `i ${year}`,
  },
  en: {
    'before-christmas': (day: string) => `before Christmas (${day})`,
    'this-month': (to: string) => `for the rest of the month (until ${to})`,
    'next-month': (from: string, to: string) => `next month (${from}–${to})`,
    'this-quarter': (to: string) => `for the rest of the quarter (until ${to})`,
    'next-quarter': (from: string, to: string) => `next quarter (${from}–${to})`,
    'this-year': (to: string) => `for the rest of the year (until ${to})`,
    'next-year': (year: number) => `in ${year}`,
  },
} as const;

/** The days a range covers from `today` (YYYY-MM-DD), and how to say it (Danish unless `language` is 'en'). */
export function deadlineRangeDays(range: DeadlineRange, today: string, language: Language = 'da'): { from: string; to: string; words: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.floor((m - 1) / 3);
  const w = RANGE_WORDS[language];
  const day = (d: string): string => formatDate(d, language);
  switch (range) {
    case 'before-christmas': {
      const year = today > `${y}-12-24` ? y + 1 : y;
      return { from: today, to: `${year}-12-24`, words: w['before-christmas'](day(`${year}-12-24`)) };
    }
    case 'this-month':
      return { from: today, to: lastDay(y, m), words: w['this-month'](day(lastDay(y, m))) };
    case 'next-month': {
      const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
      return { from: `${ny}-${pad(nm)}-01`, to: lastDay(ny, nm), words: w['next-month'](day(`${ny}-${pad(nm)}-01`), day(lastDay(ny, nm))) };
    }
    case 'this-quarter':
      return { from: today, to: lastDay(y, q * 3 + 3), words: w['this-quarter'](day(lastDay(y, q * 3 + 3))) };
    case 'next-quarter': {
      const [ny, nq] = q === 3 ? [y + 1, 0] : [y, q + 1];
      const from = `${ny}-${pad(nq * 3 + 1)}-01`;
      const to = lastDay(ny, nq * 3 + 3);
      return { from, to, words: w['next-quarter'](day(from), day(to)) };
    }
    case 'this-year':
      return { from: today, to: `${y}-12-31`, words: w['this-year'](day(`${y}-12-31`)) };
    case 'next-year':
      return { from: `${y + 1}-01-01`, to: `${y + 1}-12-31`, words: w['next-year'](y + 1) };
  }
}

/** The deadline list's own words; the deadlines' titles and labels are the contract's (quoted on an English card). */
const DEADLINE_WORDS = {
  da: {
    heading: (range: string) => `Frister ${range}`,
    none: (range: string) => `Der er ingen frister ${range}.`,
    count: (range: string, n: number) => `Frister ${range}: ${n}`,
    goals: (ids: readonly string[]) => `mål ${formatList(ids)}`,
    contractWords: (text: string) => text,
    all: 'Alle frister',
  },
  en: {
    heading: (range: string) => `Deadlines ${range}`,
    none: (range: string) => `There are no deadlines ${range}.`,
    count: (range: string, n: number) => `Deadlines ${range}: ${n}`,
    goals: (ids: readonly string[]) => `${ids.length === 1 ? 'goal' : 'goals'} ${formatList(ids, 'en')}`,
    contractWords: (text: string) => quoted(text),
    all: 'All deadlines',
  },
} as const;

function byDeadline(deps: GoalListDeps, range: DeadlineRange): Reply {
  const { contract, today } = deps;
  const language = deps.language ?? 'da';
  const w = DEADLINE_WORDS[language];
  const days = deadlineRangeDays(range, today, language);
  const due = scheduledDeadlines(contract, deps.schedule).filter((d) => d.to >= days.from && d.from <= days.to);
  const body: CardElement[] = [
    textBlock(w.heading(days.words), { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeMarkdown(contract.title), { isSubtle: true, spacing: 'None', size: 'Small' }),
  ];
  if (due.length === 0) body.push(textBlock(w.none(days.words), { spacing: 'Medium' }));
  for (const d of due) {
    const goals = d.goalIds.length > 0 ? ` · ${w.goals(d.goalIds)}` : '';
    body.push(textBlock(escapeMarkdown(`${w.contractWords(d.title)} – ${w.contractWords(d.label)}${goals} (${d.responsible})`), { separator: true }));
  }
  const summary = due.length === 0 ? w.none(days.words) : w.count(days.words, due.length);
  // An English card's button asks for the English deadlines card; a Danish card's data stays as it was.
  return cardReply(adaptiveCard(body, [executeAction(w.all, CARD_VERBS.showDeadlines, language === 'en' ? { language } : {})], summary), summary);
}

/** "hvilke mål er i risiko?", "hvad måler Erhvervsstyrelsen?", "de lokale mål", "frister i næste kvartal". */
export function goalListAnswer(filter: GoalFilter, deps: GoalListDeps): Reply {
  switch (filter.by) {
    case 'status':
      return byStatus(deps, filter.statuses, filter.scope);
    case 'measured-by':
      return byMeasurer(deps, filter);
    case 'scope':
      return byScope(deps, filter.scope);
    case 'deadline':
      return byDeadline(deps, filter.range);
    case 'reported-by':
      return byReporter(deps, filter.from);
  }
}

function byReporter(deps: GoalListDeps, from: string): Reply {
  const { contract } = deps;
  const language = deps.language ?? 'da';
  const rows: Row[] = [];
  for (const goal of topLevelGoals(contract)) {
    // A parent's sub-goals repeat its reporting line: say each once, under the parent.
    const duties = [...new Map([goal, ...subGoals(contract, goal.id)].flatMap((g) => g.reporting).filter((r) => r.from === from).map((r) => [reportingText(r, language), r])).keys()];
    if (duties.length > 0) rows.push({ goal, lines: duties.map((d) => escapeMarkdown(d)) });
  }
  if (language === 'en') return listCard(`Reported by ${from}`, escapeMarkdown(contract.title), rows, `${from} reports on none of the contract's goals.`, language);
  return listCard(`Det afrapporterer ${from}`, escapeMarkdown(contract.title), rows, `${from} afrapporterer ikke om nogen af kontraktens mål.`, language);
}

/** "til KL og Erhvervshusene (årligt): …"; English: "to KL and Erhvervshusene (every year): “…”" (the contract's words quoted). */
function reportingText(r: ReportingObligation, language: Language): string {
  if (language === 'en') {
    const how = [englishFrequency(r), r.when === undefined ? undefined : quoted(r.when.label)].filter((p): p is string => p !== undefined);
    return `to ${formatList(r.to, 'en')}${how.length > 0 ? ` (${how.join(', ')})` : ''}: ${quoted(r.about)}`;
  }
  const how = [frequencyWords(r), r.when?.label].filter((p): p is string => p !== undefined);
  return `til ${formatList(r.to)}${how.length > 0 ? ` (${how.join(', ')})` : ''}: ${r.about}`;
}
