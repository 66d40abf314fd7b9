import type { ContractData, Goal, Kpi, MeasuredBy, ReportingObligation } from '../../goals/contract-schema';
import { findGoal, kpisOfGoal, subGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import { formatKpiLevel, formatList } from '../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { formatTargetMarked, interpretedMark, INTERPRETATION_LABEL } from './interpreted-mark';
import { frequencyWords } from './reporting-frequency';
import { buildGoalStatusView } from './goal-status-view';

/** The facts a focused answer can give (features/ask/question-facts.ts names the words for them). */
export type GoalFactKind = 'target' | 'baseline' | 'period' | 'method' | 'measured-by' | 'segments' | 'reporting' | 'latest' | 'purpose';

export interface GoalFactInput {
  contract: ContractData;
  goalId: string;
  fact: GoalFactKind;
  /** One KPI the question named ("NPS" → 3b); absent: every KPI of the goal. */
  kpiId?: string;
  measurements: readonly Measurement[];
  today: string;
  language?: 'da' | 'en';
}

/** Who produces a KPI's measurement, in words (the contract's measuredBy). */
export function measuredByWords(by: MeasuredBy, house: string): string {
  switch (by) {
    case 'erhvervsstyrelsen-survey':
      return 'Erhvervsstyrelsen, med en spørgeskemaundersøgelse til et repræsentativt udsnit af danske virksomheder';
    case 'brugerevaluering':
      return 'Erhvervsstyrelsen, i brugerevalueringen af de vejledte virksomheder';
    case 'crm':
      return `${house}, ud fra registreringerne i husets CRM-system`;
    case 'kl-erhvervsstyrelsen':
      return 'KL og Erhvervsstyrelsen, efter dialog med erhvervshusene';
    case 'erhvervshuset':
      return `${house} selv, med husets egen dokumentation`;
    case 'registerdata':
      return `registerdata mod en kontrolgruppe af sammenlignelige virksomheder (${INTERPRETATION_LABEL}: kontrakten siger ikke, hvem der opgør målet)`;
  }
}

const SEGMENT_NOUNS = { drift: 'driftssegmentet', vækst: 'vækstsegmentet' } as const;

function segmentsPhrase(kpi: Kpi): string {
  if (kpi.segments.length === 0) return '';
  if (kpi.segments.length === 2) return ` for både ${SEGMENT_NOUNS[kpi.segments[0]!]} og ${SEGMENT_NOUNS[kpi.segments[1]!]}`;
  return ` for ${formatList(kpi.segments.map((s) => SEGMENT_NOUNS[s]))}`;
}

/** Lines with the same text are said once for all their KPIs ("1a og 1b: …"). */
function grouped(kpis: readonly Kpi[], text: (k: Kpi) => string | undefined): string[] {
  const byText = new Map<string, string[]>();
  for (const k of kpis) {
    const t = text(k);
    if (t !== undefined) byText.set(t, [...(byText.get(t) ?? []), k.id]);
  }
  return [...byText].map(([t, ids]) => `${formatList(ids)}: ${t}`);
}

function reportingLine(r: ReportingObligation): string {
  const how = [frequencyWords(r), r.when?.label].filter((p): p is string => p !== undefined);
  return `${r.from} rapporterer til ${formatList(r.to)}${how.length > 0 ? ` (${how.join(', ')})` : ''}: ${r.about}`;
}

/** The sentences answering one fact, in the contract's words and numbers. */
function factLines(input: GoalFactInput, goal: Goal, kpis: readonly Kpi[]): string[] {
  const { contract, fact } = input;
  const subject = kpis.length === 1 ? kpis[0]!.id : `mål ${goal.id}`;
  switch (fact) {
    case 'target':
      if (kpis.length === 0) return [`Kontrakten sætter ingen målepunkter med målværdi for mål ${goal.id}.`];
      return kpis.map((k) => `${k.label} (${k.id}): ${formatTargetMarked(k)}${segmentsPhrase(k)}${k.recurrence === 'annual' && !/hvert år|årligt/i.test(k.window.label) ? ', hvert år' : ''} – ${k.window.label}${interpretedMark(k, 'window')}.`);
    case 'baseline': {
      const lines = grouped(kpis, (k) => (k.baselines.length === 0 ? undefined : `${k.baselines.map((b) => `${formatKpiLevel(k, b.value)} i ${b.label} (${b.scope})`).join(', ')}.`));
      return lines.length > 0 ? lines.map((l) => `Baseline for ${l}`) : [`Kontrakten angiver ingen baseline for ${subject}.`];
    }
    case 'period': {
      const lines = grouped(kpis, (k) => `målet gælder ${k.window.label}${interpretedMark(k, 'window')}; resultatet ventes ${k.horizon.label}${interpretedMark(k, 'horizon')}.`);
      const ids = new Set([goal.id, ...subGoals(contract, goal.id).map((g) => g.id)]);
      const deadlines = contract.deadlines.filter((d) => d.goalIds.some((id) => ids.has(id))).map((d) => `Frist: ${d.title} – ${d.label}.`);
      return [...lines, ...deadlines];
    }
    case 'method':
      return kpis.length === 0 ? [`Kontrakten beskriver ingen målemetode for mål ${goal.id}.`] : grouped(kpis, (k) => k.method);
    case 'measured-by':
      return kpis.length === 0 ? [`Kontrakten sætter ingen målinger for mål ${goal.id}.`] : grouped(kpis, (k) => `måles af ${measuredByWords(k.measuredBy, contract.parties.house)}.`);
    case 'segments': {
      const split = kpis.filter((k) => k.segments.length > 0);
      if (split.length === 0) return [`Kontrakten deler ikke ${subject} op i drifts- og vækstsegment; målet gælder alle vejledte virksomheder under ét.`];
      return grouped(split, (k) => `skal nås${segmentsPhrase(k)} hver for sig.`);
    }
    case 'reporting': {
      const lines = [...new Set([goal, ...subGoals(contract, goal.id)].flatMap((g) => g.reporting.map(reportingLine)))];
      return lines.length > 0 ? lines : [`Kontrakten nævner ingen særskilt afrapportering for mål ${goal.id}.`];
    }
    case 'purpose':
      return [goal.purpose];
    case 'latest': {
      const view = buildGoalStatusView(contract, goal.id, input.measurements, input.today);
      if (view === null) return [];
      const shown = new Set(kpis.map((k) => k.id));
      // The view's strings are escaped for markdown already; the others are escaped by the caller.
      return [`${view.status.label}: ${view.reason}`, ...view.kpis.filter((k) => shown.has(k.id)).map((k) => `${k.id}: ${k.summary} – ${k.status.label.toLowerCase()}`)];
    }
  }
}

const HEADINGS: Record<GoalFactKind, { da: string; en: string }> = {
  target: { da: 'Målet', en: 'Target' },
  baseline: { da: 'Baseline', en: 'Baseline' },
  period: { da: 'Periode og frist', en: 'Period and deadline' },
  method: { da: 'Sådan måles det', en: 'How it is measured' },
  'measured-by': { da: 'Hvem måler', en: 'Who measures' },
  segments: { da: 'Segmenter', en: 'Segments' },
  reporting: { da: 'Afrapportering', en: 'Reporting' },
  latest: { da: 'Seneste måling', en: 'Latest measurement' },
  purpose: { da: 'Formål', en: 'Purpose' },
};

/**
 * "hvad er målet for NPS?", "hvem måler mål 4?": the fact first, in one or a few sentences with
 * the contract's numbers and words, then a button to the goal's full status card. Interpreted
 * parts keep their "(Fortolkning)" mark. Undefined for a goal the contract does not have.
 */
export function goalFactCard(input: GoalFactInput): AdaptiveCard | undefined {
  const goal = findGoal(input.contract, input.goalId);
  if (goal === undefined) return undefined;
  const all = kpisOfGoal(input.contract, goal.id);
  const kpis = input.kpiId !== undefined ? all.filter((k) => k.id === input.kpiId) : all;
  const lines = factLines(input, goal, kpis.length > 0 ? kpis : all);
  const escape = input.fact === 'latest' ? (s: string) => s : escapeMarkdown;
  const en = input.language === 'en';
  const heading = `${HEADINGS[input.fact][en ? 'en' : 'da']} – mål ${goal.id} (${goal.title})`;
  const body: CardElement[] = [
    textBlock(escapeMarkdown(heading), { weight: 'Bolder' }),
    ...lines.map((line, i) => textBlock(escape(line), { spacing: i === 0 ? 'Small' : 'None' })),
  ];
  // One KPI's target: the contract's own sentence beneath, so the numbers can be checked against it.
  if (input.fact === 'target' && kpis.length === 1) body.push(textBlock(`Kontrakten: »${escapeMarkdown(kpis[0]!.targetText)}«`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  const button = executeAction(en ? `Full status for goal ${goal.id}` : `Hele status for mål ${goal.id}`, CARD_VERBS.showStatus, { goalId: goal.id });
  return adaptiveCard(body, [button], `${heading}: ${lines[0] ?? ''}`.slice(0, 300));
}
