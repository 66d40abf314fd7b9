import type { ContractData, Goal, Kpi, MeasuredBy, ReportingObligation } from '../../goals/contract-schema';
import { findGoal, kpisOfGoal, subGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import { formatKpiLevel, formatList, quoted } from '../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { escapeMarkdown } from '../../cards/escape-markdown';
import { CARD_VERBS } from '../../core/card-verbs';
import { formatTargetMarked, interpretedMark, INTERPRETATION_LABEL, INTERPRETATION_LABEL_EN } from './interpreted-mark';
import { frequencyWords } from './reporting-frequency';
import { buildGoalStatusView, type OutsideLeftOut } from './goal-status-view';
import { englishFrequency, englishMeasuredBy } from './english-fact-words';

/** The facts a focused answer can give (features/ask/question-facts.ts names the words for them). */
export const GOAL_FACT_KINDS = ['target', 'baseline', 'period', 'method', 'measured-by', 'segments', 'reporting', 'latest', 'purpose'] as const;
export type GoalFactKind = (typeof GOAL_FACT_KINDS)[number];

export interface GoalFactInput {
  contract: ContractData;
  goalId: string;
  fact: GoalFactKind;
  /** One KPI the question named ("NPS" → 3b); absent: every KPI of the goal. */
  kpiId?: string;
  measurements: readonly Measurement[];
  /** What the store's selection only counted (StatusRows.outsideLeftOut); none when `measurements` are all rows. */
  outsideLeftOut?: OutsideLeftOut;
  today: string;
  language?: 'da' | 'en';
}

/** Who produces a KPI's measurement, in words (the contract's measuredBy). */
export function measuredByWords(by: MeasuredBy, house: string, language: 'da' | 'en' = 'da'): string {
  if (language === 'en') return englishMeasuredBy(by, house, INTERPRETATION_LABEL_EN);
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

const SEGMENT_NOUNS = {
  da: { drift: 'driftssegmentet', vækst: 'vækstsegmentet' },
  en: { drift: 'the operations segment (drift)', vækst: 'the growth segment (vækst)' },
} as const;

function segmentsPhrase(kpi: Kpi, en: boolean): string {
  const nouns = SEGMENT_NOUNS[en ? 'en' : 'da'];
  const list = (items: readonly string[]): string => formatList(items, en ? 'en' : 'da');
  if (kpi.segments.length === 0) return '';
  if (kpi.segments.length === 2) return en ? ` for both ${nouns[kpi.segments[0]!]} and ${nouns[kpi.segments[1]!]}` : ` for både ${nouns[kpi.segments[0]!]} og ${nouns[kpi.segments[1]!]}`;
  return ` for ${list(kpi.segments.map((s) => nouns[s]))}`;
}

/** Lines with the same text are said once for all their KPIs ("1a og 1b: …"). */
function grouped(kpis: readonly Kpi[], text: (k: Kpi) => string | undefined, en: boolean): string[] {
  const byText = new Map<string, string[]>();
  for (const k of kpis) {
    const t = text(k);
    if (t !== undefined) byText.set(t, [...(byText.get(t) ?? []), k.id]);
  }
  return [...byText].map(([t, ids]) => `${formatList(ids, en ? 'en' : 'da')}: ${t}`);
}

function reportingLine(r: ReportingObligation, en: boolean): string {
  const how = [en ? englishFrequency(r) : frequencyWords(r), r.when === undefined ? undefined : en ? quoted(r.when.label) : r.when.label].filter((p): p is string => p !== undefined);
  const when = how.length > 0 ? ` (${how.join(', ')})` : '';
  return en ? `${r.from} reports to ${formatList(r.to, 'en')}${when}: ${quoted(r.about)}` : `${r.from} rapporterer til ${formatList(r.to)}${when}: ${r.about}`;
}

/** The sentences answering one fact, in the contract's words and numbers (English frame for an English question). */
function factLines(input: GoalFactInput, goal: Goal, kpis: readonly Kpi[]): string[] {
  const { contract, fact } = input;
  const en = input.language === 'en';
  const goalName = en ? `goal ${goal.id}` : `mål ${goal.id}`;
  const subject = kpis.length === 1 ? kpis[0]!.id : goalName;
  const group = (text: (k: Kpi) => string | undefined) => grouped(kpis, text, en);
  switch (fact) {
    case 'target':
      if (kpis.length === 0) return [en ? `The contract sets no KPI with a target for ${goalName}.` : `Kontrakten sætter ingen målepunkter med målværdi for mål ${goal.id}.`];
      return kpis.map((k) => {
        // In English the window is quoted in Danish, so "every year" is said even when the window says "hvert år".
        const annual = k.recurrence === 'annual' && (en || !/hvert år|årligt/i.test(k.window.label));
        const target = formatTargetMarked(k, input.language);
        const window = en ? quoted(k.window.label) : k.window.label;
        return `${en ? quoted(k.label) : k.label} (${k.id}): ${target}${segmentsPhrase(k, en)}${annual ? (en ? ', every year' : ', hvert år') : ''} – ${window}${interpretedMark(k, 'window', input.language)}.`;
      });
    case 'baseline': {
      const lines = group((k) => (k.baselines.length === 0 ? undefined : `${k.baselines.map((b) => (en ? `${formatKpiLevel(k, b.value, 'en')} in ${quoted(b.label)} (${quoted(b.scope)})` : `${formatKpiLevel(k, b.value)} i ${b.label} (${b.scope})`)).join(', ')}.`));
      if (lines.length === 0) return [en ? `The contract gives no baseline for ${subject}.` : `Kontrakten angiver ingen baseline for ${subject}.`];
      return lines.map((l) => `Baseline for ${l}`);
    }
    case 'period': {
      const lines = group((k) =>
        en
          ? `the target applies to ${quoted(k.window.label)}${interpretedMark(k, 'window', 'en')}; the result is expected ${quoted(k.horizon.label)}${interpretedMark(k, 'horizon', 'en')}.`
          : `målet gælder ${k.window.label}${interpretedMark(k, 'window')}; resultatet ventes ${k.horizon.label}${interpretedMark(k, 'horizon')}.`,
      );
      const ids = new Set([goal.id, ...subGoals(contract, goal.id).map((g) => g.id)]);
      const deadlines = contract.deadlines
        .filter((d) => d.goalIds.some((id) => ids.has(id)))
        .map((d) => (en ? `Deadline: ${quoted(d.title)} – ${quoted(d.label)}.` : `Frist: ${d.title} – ${d.label}.`));
      return [...lines, ...deadlines];
    }
    case 'method':
      if (kpis.length === 0) return [en ? `The contract describes no measurement method for ${goalName}.` : `Kontrakten beskriver ingen målemetode for mål ${goal.id}.`];
      return group((k) => (en ? `the contract's method: ${quoted(k.method)}` : k.method));
    case 'measured-by':
      if (kpis.length === 0) return [en ? `The contract sets no measurements for ${goalName}.` : `Kontrakten sætter ingen målinger for mål ${goal.id}.`];
      return group((k) => `${en ? 'measured by' : 'måles af'} ${measuredByWords(k.measuredBy, contract.parties.house, input.language)}.`);
    case 'segments': {
      const split = kpis.filter((k) => k.segments.length > 0);
      if (split.length === 0) {
        return [
          en
            ? `The contract does not split ${subject} into an operations and a growth segment; the target covers all businesses advised as one.`
            : `Kontrakten deler ikke ${subject} op i drifts- og vækstsegment; målet gælder alle vejledte virksomheder under ét.`,
        ];
      }
      return grouped(split, (k) => `${en ? 'must be reached' : 'skal nås'}${segmentsPhrase(k, en)}${en ? ' separately' : ' hver for sig'}.`, en);
    }
    case 'reporting': {
      const lines = [...new Set([goal, ...subGoals(contract, goal.id)].flatMap((g) => g.reporting.map((r) => reportingLine(r, en))))];
      if (lines.length > 0) return lines;
      return [en ? `The contract names no separate reporting for ${goalName}.` : `Kontrakten nævner ingen særskilt afrapportering for mål ${goal.id}.`];
    }
    case 'purpose':
      return [en ? `The contract's purpose: ${quoted(goal.purpose)}` : goal.purpose];
    case 'latest': {
      const view = buildGoalStatusView(contract, goal.id, input.measurements, input.today, input.language, input.outsideLeftOut);
      if (view === null) return [];
      const shown = new Set(kpis.map((k) => k.id));
      const shownKpis = view.kpis.filter((k) => shown.has(k.id));
      // The view's strings are escaped for markdown already (and in the question's language); the others are escaped by the caller.
      return [`${view.status.label}: ${view.reason}`, ...shownKpis.map((k) => `${k.id}: ${k.summary} – ${k.status.label.toLowerCase()}`)];
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
  const heading = `${HEADINGS[input.fact][en ? 'en' : 'da']} – ${en ? 'goal' : 'mål'} ${goal.id} (${goal.title})`;
  const body: CardElement[] = [
    textBlock(escapeMarkdown(heading), { weight: 'Bolder' }),
    ...lines.map((line, i) => textBlock(escape(line), { spacing: i === 0 ? 'Small' : 'None' })),
  ];
  // One KPI's target: the contract's own sentence beneath, so the numbers can be checked against it.
  if (input.fact === 'target' && kpis.length === 1) body.push(textBlock(`${en ? 'The contract' : 'Kontrakten'}: »${escapeMarkdown(kpis[0]!.targetText)}«`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  const button = executeAction(en ? `Full status for goal ${goal.id}` : `Hele status for mål ${goal.id}`, CARD_VERBS.showStatus, en ? { goalId: goal.id, language: 'en' } : { goalId: goal.id });
  return adaptiveCard(body, [button], `${heading}: ${lines[0] ?? ''}`.slice(0, 300));
}
