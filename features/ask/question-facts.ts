import type { MeasuredBy } from '../../goals/contract-schema';
import type { Status } from '../../core/status-types';
import { foldDanish } from './normalize-question';
import type { GoalFactKind } from '../status/goal-fact-answer';
import type { ContractFactKind } from '../status/contract-fact-answer';

/**
 * The facts a director asks about, and the words that name them. Pure word lists over the
 * question's folded words (features/ask/parse-question.ts tokenises and folds: æ→ae, ø→oe, å→aa);
 * every entry here is written in normal Danish/English and folded the same way at load.
 */

/** One fact of a goal (or of each of its KPIs). "trend" is the history card, so it is not here. */
export type GoalFact = GoalFactKind;

/** A fact of the contract as a whole (features/status/contract-card.ts shows them all). */
export type ContractFact = ContractFactKind;

/** "inden jul", "næste kvartal": read against today when answered. */
export type DeadlineRange = 'before-christmas' | 'this-month' | 'next-month' | 'this-quarter' | 'next-quarter' | 'this-year' | 'next-year';

export type GoalFilter =
  /** `scope`: only the national or the local goals ("hvilke lokale mål er i risiko?"). */
  | { by: 'status'; statuses: Status[]; scope?: 'national' | 'local' }
  | { by: 'deadline'; range: DeadlineRange }
  | { by: 'measured-by'; who: MeasuredBy[]; name: string }
  | { by: 'scope'; scope: 'national' | 'local' }
  | { by: 'reported-by'; from: string };

/** The folded words of a question and, per word, every stem it may stand for (inflection, compound parts). */
export interface QuestionWords {
  tokens: readonly string[];
  stems: readonly ReadonlySet<string>[];
}

const f = (s: string): string => foldDanish(s.toLowerCase());
const set = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(f));

function hasWord(q: QuestionWords, words: ReadonlySet<string>): boolean {
  return q.tokens.some((t) => words.has(t));
}

/** Any word whose stems (including compound parts) meet one of `stems`. */
function hasStem(q: QuestionWords, stems: ReadonlySet<string>): boolean {
  return q.stems.some((s) => [...s].some((x) => stems.has(x)));
}

/** Phrases folded and split once, at load: the checks run on every question. */
type Phrases = readonly (readonly string[])[];
const phrases = (list: readonly string[]): Phrases => list.map((p) => f(p).split(' '));

function hasPhrase(q: QuestionWords, words: readonly string[]): boolean {
  for (let i = 0; i + words.length <= q.tokens.length; i++) {
    if (words.every((w, j) => q.tokens[i + j] === w)) return true;
  }
  return false;
}

function hasAnyPhrase(q: QuestionWords, list: Phrases): boolean {
  return list.some((p) => hasPhrase(q, p));
}

// ------------------------------------------------------------------------------------------
// Goal facts

const PURPOSE = set(['formål', 'formålet', 'hensigt', 'hensigten', 'purpose', 'hvorfor', 'why']);
const BASELINE = set(['baseline', 'baselinen', 'baselines', 'udgangspunkt', 'udgangspunktet', 'nulpunkt', 'nulpunktet', 'nulpunktsmåling', 'nulpunktsmålingen', 'startniveau', 'startniveauet']);
const METHOD = set(['metode', 'metoden', 'metoder', 'opgøres', 'opgøre', 'opgørelse', 'opgørelsen', 'beregnes', 'beregning', 'beregningen', 'method', 'calculated', 'methodology']);
const MEASURED_HOW = set(['måles', 'måler', 'måle', 'opgør', 'measured', 'measure', 'measures', 'measuring']);
const WHO = set(['hvem', 'who', 'hvilken', 'hvilke']);
const WHO_PERSON = set(['hvem', 'who']);
const MEASURING = set(['opgør', 'måling', 'målingen', 'målinger', 'målingerne', 'survey', 'spørgeskema', 'spørgeskemaet']);
const SOURCE = set(['kilde', 'kilden', 'datakilde', 'datakilden', 'source']);
const SEGMENTS = set(['segment', 'segmenter', 'segmentet', 'segmenterne', 'segments', 'driftssegment', 'driftssegmentet', 'vækstsegment', 'vækstsegmentet']);
const REPORTING_STEMS = set(['afrapport', 'rapport', 'afrapportering', 'report', 'reporting', 'reported', 'afrapporterer', 'rapporterer']);
const LATEST = phrases(['seneste måling', 'sidste måling', 'nyeste måling', 'hvad blev', 'hvad fik vi', 'latest measurement', 'latest result', 'last measurement']);
const LATEST_WORDS = set(['resultat', 'resultatet', 'resultaterne', 'tallet', 'result']);
const TARGET_WORDS = set(['målværdi', 'målværdien', 'målsætning', 'målsætningen', 'krav', 'kravet', 'target', 'targets', 'målkrav']);
const TARGET_STEMS = set(['maal', 'maalsaetning', 'maalvaerdi', 'krav']);
const SHALL = set(['skal', 'should', 'must']);
const HOW_MUCH = phrases(['hvor mange', 'hvor meget', 'hvor høj', 'hvor højt', 'how many', 'how much', 'how high']);
const PERIOD_WORDS = set(['periode', 'perioden', 'tidsramme', 'tidsrammen', 'senest', 'deadline', 'frist', 'fristen', 'period', 'window', 'due']);
const WHEN = set(['hvornår', 'when']);
const DONE_WORDS = set(['gennemført', 'gennemføres', 'nået', 'nås', 'færdig', 'klar', 'opfyldt', 'done', 'met', 'completed', 'reached', 'være']);
const HOW_OFTEN = phrases(['hvor ofte', 'how often', 'hvor tit']);
const TO_WHOM = phrases(['til hvem', 'to whom']);

/** Every fact word, for the vocabulary compounds split against ("afrapporterings|frister"). */
export function factVocabulary(): string[] {
  return [PURPOSE, BASELINE, METHOD, MEASURED_HOW, SOURCE, SEGMENTS, REPORTING_STEMS, LATEST_WORDS, TARGET_WORDS, PERIOD_WORDS, DONE_WORDS, SIGNED, RESPONSIBLE, EXTENSION, PARTIES, MUNICIPALITIES, DUTIES].flatMap((s) => [...s]);
}

/** "målet for NPS", "NPS-målet", "kendskabsmålet": the word mål/målet as a thing asked about, not a marker before an id. */
function asksForTarget(q: QuestionWords): boolean {
  if (hasWord(q, TARGET_WORDS)) return true;
  for (let i = 0; i < q.tokens.length; i++) {
    const t = q.tokens[i] as string;
    if (t === 'maalet') {
      const next = q.tokens[i + 1];
      if (next === undefined || !/^\d/.test(next)) return true;
    }
    // a compound ending in -mål(et): kendskabsmålet, NPS-målet (tokenised nps + målet above)
    if (t.length > 6 && /maal(et)?$/.test(t) && q.stems[i] !== undefined && [...(q.stems[i] as ReadonlySet<string>)].some((s) => TARGET_STEMS.has(s) && s !== t)) return true;
  }
  // "hvad skal NPS være?", "hvor mange procent skal svare …"
  return hasWord(q, SHALL) && (hasAnyPhrase(q, HOW_MUCH) || q.tokens.includes('vaere') || q.tokens.includes('be'));
}

/**
 * Which fact of a goal the question asks for, or undefined when it asks for the status as a whole.
 * Order matters: "hvem måler …" is who, "hvordan måles …" is the method, "hvornår skal … afrapporteres" is reporting.
 */
export function goalFactOf(q: QuestionWords): GoalFact | undefined {
  if (hasWord(q, PURPOSE)) return 'purpose';
  if (hasWord(q, BASELINE)) return 'baseline';
  if (hasWord(q, SEGMENTS)) return 'segments';
  if (hasStem(q, REPORTING_STEMS) || hasAnyPhrase(q, HOW_OFTEN) || hasAnyPhrase(q, TO_WHOM)) return 'reporting';
  if (hasWord(q, SOURCE) || (hasWord(q, WHO) && (hasWord(q, MEASURED_HOW) || hasWord(q, METHOD))) || (hasWord(q, WHO_PERSON) && hasWord(q, MEASURING))) return 'measured-by';
  if (hasWord(q, METHOD) || (hasWord(q, MEASURED_HOW) && q.tokens.some((t) => t === 'hvordan' || t === 'how'))) return 'method';
  if (hasWord(q, PERIOD_WORDS) || (hasWord(q, WHEN) && (hasWord(q, DONE_WORDS) || hasWord(q, SHALL)))) return 'period';
  if (hasAnyPhrase(q, LATEST) || hasWord(q, LATEST_WORDS)) return 'latest';
  if (asksForTarget(q)) return 'target';
  return undefined;
}

// ------------------------------------------------------------------------------------------
// Contract facts

const DUTIES = set(['pligt', 'pligter', 'pligterne', 'forpligtelse', 'forpligtelser', 'duties', 'obligations']);
const SIGNED = set(['underskrevet', 'underskrift', 'underskriften', 'underskrevne', 'signeret', 'signed', 'signature', 'indgået']);
const RESPONSIBLE = set(['ansvar', 'ansvaret', 'ansvarlig', 'ansvarlige', 'responsible', 'responsibility']);
const EXTENSION = set(['forlænge', 'forlænges', 'forlængelse', 'forlængelsen', 'forlænget', 'fornyes', 'fornyelse', 'extension', 'extend', 'extended', 'renewed', 'renew', 'renewal', 'prolong', 'prolonged']);
const PARTIES = set(['parter', 'parterne', 'parties', 'part']);
const MUNICIPALITIES = set(['kommuner', 'kommunerne', 'kommune', 'municipalities']);
const CONTRACT_PERIOD = phrases(['i kraft', 'in force', 'hvor længe', 'how long', 'udløber', 'ophører', 'expires', 'gælder kontrakten', 'kontraktperiode', 'kontraktperioden']);
const CONTRACT_WHEN = set(['periode', 'perioden', 'start', 'starter', 'slutter', 'begynder', 'period', 'hvornår', 'when']);
const MEETING_RHYTHM = phrases(['hvor ofte', 'how often', 'hvor tit', 'hvem deltager', 'who attends', 'deltagere', 'møderytme', 'møderytmen', 'rhythm', 'how frequently', 'who takes part', 'take part', 'participants', 'hvem er med']);

/** A fact about the contract as a whole, or undefined. `aboutContract`: a contract word is in the question. */
export function contractFactOf(q: QuestionWords, aboutContract: boolean, aboutMeeting: boolean): ContractFact | undefined {
  if (aboutMeeting) return hasAnyPhrase(q, MEETING_RHYTHM) ? 'meeting' : undefined;
  if (hasWord(q, SIGNED)) return 'signed';
  if (hasWord(q, RESPONSIBLE)) return 'responsible';
  if (hasWord(q, EXTENSION)) return 'extension';
  if (hasWord(q, PARTIES)) return 'parties';
  if (hasWord(q, MUNICIPALITIES)) return 'municipalities';
  if (hasAnyPhrase(q, CONTRACT_PERIOD) || (aboutContract && hasWord(q, CONTRACT_WHEN))) return 'period';
  // "hvem rapporterer vi til, og hvor ofte?": the house's general duties (no goal named)
  if (hasStem(q, REPORTING_STEMS) && (aboutContract || hasStem(q, DUTIES) || ['vi', 'we', 'vores', 'our'].some((w) => q.tokens.includes(w)))) return 'reporting';
  return undefined;
}

// ------------------------------------------------------------------------------------------
// Lists

const RISK = set(['risiko', 'risikozonen', 'risk', 'truet', 'truede']);
const BEHIND = set(['bagud', 'halter', 'problemer', 'behind', 'problems', 'trouble']);
const MET = set(['opfyldt', 'opfyldte', 'nået', 'met', 'meet', 'achieved', 'reached', 'completed', 'indfriet', 'done', 'færdig', 'færdige']);
/** "hvad har vi nået?", "what has been achieved?": a what-question about reaching is the list of goals met. */
const WHAT = set(['hvad', 'what', 'whats']);
/** "hvad mangler?", "what is missing?": missing, said alone, is the data still missing. */
const MISSING = set(['mangler', 'manglende', 'missing', 'lacking']);
const NOT = set(['ikke', 'not', 'uopfyldte']);
const PARTLY = set(['delvist', 'delvis', 'partly', 'partially']);
const ON_TRACK = phrases(['på vej', 'on track', 'på sporet']);
const NO_DATA = phrases(['ingen data', 'no data', 'mangler data', 'manglende data', 'missing data', 'uden data', 'mangler vi data', 'mangler der data', 'mangler vi at indberette', 'mangler at blive indberettet', 'mangler indberetning', 'ikke indberettet', 'mangler der målinger', 'mangler målinger', 'mangler måling', 'uden måling', 'uden målinger', 'ingen måling', 'ingen målinger', 'data mangler', 'lacking data', 'lack data', 'lacks data', 'without data']);
const AWAITING = set(['afventer', 'afventende', 'awaiting', 'pending']);
const LIST_WORDS = set(['hvilke', 'hvilket', 'which', 'liste', 'list', 'alle', 'all', 'mål', 'målene', 'goals', 'kpier', 'målepunkter', 'nogen', 'any']);

/** "hvilke mål er i risiko?", "hvad mangler vi data på?", "which goals are at risk?". */
export function statusFilterOf(q: QuestionWords): Status[] | undefined {
  if (hasAnyPhrase(q, NO_DATA)) return ['ingen data', 'afventer måling'];
  if (hasWord(q, AWAITING)) return ['afventer måling'];
  if (hasWord(q, RISK)) return ['i risiko'];
  if (hasWord(q, BEHIND)) return ['ikke opfyldt', 'i risiko'];
  // "hvad er ikke på vej?", "what is not on track?": behind, like "bagud"
  const onTrackAt = ON_TRACK.map((p) => q.tokens.findIndex((_t, i) => p.every((w, j) => q.tokens[i + j] === w))).find((i) => i >= 0);
  if (onTrackAt !== undefined) return q.tokens.slice(Math.max(0, onTrackAt - 3), onTrackAt).some((t) => NOT.has(t)) ? ['ikke opfyldt', 'i risiko'] : ['på vej'];
  const metAt = q.tokens.findIndex((t) => MET.has(t));
  if (metAt >= 0) {
    const before = q.tokens.slice(Math.max(0, metAt - 3), metAt);
    if (before.some((t) => NOT.has(t)) || q.tokens[metAt] === 'uopfyldte') return ['ikke opfyldt'];
    if (before.some((t) => PARTLY.has(t))) return ['delvist opfyldt'];
    // "opfyldt" alone names a list only with a list word ("hvilke mål er opfyldt?"), not "er mål 4 opfyldt?"
    return hasWord(q, LIST_WORDS) || hasWord(q, WHAT) ? ['opfyldt'] : undefined;
  }
  if (hasWord(q, MISSING)) return ['ingen data', 'afventer måling'];
  return undefined;
}

/** Who measures, as the contract's measuredBy keys. */
const MEASURERS: ReadonlyArray<{ words: ReadonlySet<string>; phrases?: Phrases; who: MeasuredBy[]; name: string }> = [
  { words: set(['brugerevaluering', 'brugerevalueringen', 'brugerevalueringer']), phrases: phrases(['user evaluation', 'user survey']), who: ['brugerevaluering'], name: 'brugerevalueringen' },
  { words: set(['crm', 'crm-systemet']), who: ['crm'], name: 'CRM-systemet' },
  { words: set(['registerdata', 'kontrolgruppe', 'kontrolgruppen']), phrases: phrases(['register data', 'registry data', 'control group']), who: ['registerdata'], name: 'registerdata mod en kontrolgruppe' },
  { words: set(['kl']), who: ['kl-erhvervsstyrelsen'], name: 'KL' },
  { words: set(['erhvervsstyrelsen', 'erhvervsstyrelsens', 'ens', 'danish business authority']), who: ['erhvervsstyrelsen-survey', 'brugerevaluering', 'kl-erhvervsstyrelsen'], name: 'Erhvervsstyrelsen' },
];
const SELF = phrases(['vi selv', 'huset selv', 'erhvervshuset selv', 'vi måler', 'måler vi', 'we measure']);

/** "hvad måler Erhvervsstyrelsen?", "hvilke mål opgøres i brugerevalueringen?", "hvad måler vi selv?". */
export function measuredByFilterOf(q: QuestionWords): GoalFilter | undefined {
  const measures = hasWord(q, MEASURED_HOW) || hasWord(q, METHOD) || hasWord(q, MEASURING);
  for (const m of MEASURERS) {
    if ((hasWord(q, m.words) || (m.phrases !== undefined && hasAnyPhrase(q, m.phrases))) && (measures || m.who.includes('brugerevaluering') || m.who.includes('crm') || m.who.includes('registerdata'))) return { by: 'measured-by', who: m.who, name: m.name };
  }
  if (hasAnyPhrase(q, SELF)) return { by: 'measured-by', who: ['erhvervshuset', 'crm'], name: 'Erhvervshus Sydjylland selv' };
  return undefined;
}

/** "hvilke mål afrapporterer Erhvervsstyrelsen?": the goals whose reporting duties name that sender. */
export function reporterFilterOf(q: QuestionWords): GoalFilter | undefined {
  if (!hasStem(q, REPORTING_STEMS)) return undefined;
  if (hasWord(q, set(['erhvervsstyrelsen', 'erhvervsstyrelsens', 'ens']))) return { by: 'reported-by', from: 'Erhvervsstyrelsen' };
  if (hasAnyPhrase(q, SELF) || hasWord(q, set(['huset', 'erhvervshuset', 'vi']))) return { by: 'reported-by', from: 'Erhvervshus Sydjylland' };
  return undefined;
}

const NATIONAL = set(['nationale', 'national', 'landsdækkende']);
const LOCAL = set(['lokale', 'local', 'egne', 'regionale']);
const GOAL_NOUNS = set(['mål', 'målene', 'goals', 'goal', 'delmål']);

/** "de nationale mål", "lokale mål" — not "nationale klynger" (a topic of mål 10). */
export function scopeFilterOf(q: QuestionWords): GoalFilter | undefined {
  // The caller asks only when no goal or topic matched, so "nationale klynger" (mål 10) never gets here.
  if (!hasWord(q, GOAL_NOUNS)) return undefined;
  if (hasWord(q, NATIONAL)) return { by: 'scope', scope: 'national' };
  if (hasWord(q, LOCAL)) return { by: 'scope', scope: 'local' };
  return undefined;
}

const RANGES: ReadonlyArray<{ phrases: Phrases; range: DeadlineRange }> = [
  { phrases: phrases(['inden jul', 'før jul', 'til jul', 'before christmas', 'by christmas', 'inden juleferien']), range: 'before-christmas' },
  { phrases: phrases(['næste kvartal', 'kommende kvartal', 'next quarter']), range: 'next-quarter' },
  { phrases: phrases(['dette kvartal', 'i kvartalet', 'this quarter', 'kvartalet']), range: 'this-quarter' },
  { phrases: phrases(['næste måned', 'kommende måned', 'next month']), range: 'next-month' },
  { phrases: phrases(['denne måned', 'i måneden', 'this month']), range: 'this-month' },
  { phrases: phrases(['næste år', 'next year']), range: 'next-year' },
  { phrases: phrases(['i år', 'resten af året', 'inden nytår', 'før nytår', 'this year', 'inden årets udgang']), range: 'this-year' },
];
const DUE = set(['nå', 'nås', 'frist', 'frister', 'fristerne', 'deadline', 'deadlines', 'due', 'afleveres', 'afrapporteres', 'klar', 'done']);

const SOON = set(['snart', 'soon', 'shortly', 'upcoming', 'kommende', 'forestående']);
const COMING_UP = phrases(['coming up', 'hvad venter', 'hvad står for']);

/** "what is coming up?", "hvad skal vi nå snart?", "what is due soon?": the coming deadlines, no range named. */
export function asksWhatIsComing(q: QuestionWords): boolean {
  return hasAnyPhrase(q, COMING_UP) || (hasWord(q, SOON) && hasWord(q, DUE));
}

/** "hvad skal vi nå inden jul?", "frister i næste kvartal": a time range with a word of something due. */
export function deadlineRangeOf(q: QuestionWords, deadlineWord: boolean): DeadlineRange | undefined {
  if (!deadlineWord && !hasWord(q, DUE)) return undefined;
  return RANGES.find((r) => hasAnyPhrase(q, r.phrases))?.range;
}

// ------------------------------------------------------------------------------------------
// Conversation

const GREETINGS = set(['hej', 'hejsa', 'davs', 'goddag', 'godmorgen', 'godaften', 'godnat', 'farvel', 'hallo', 'hi', 'hello', 'hey', 'bye', 'goodbye', 'cheers']);
/** "good morning", "god eftermiddag": a greeting of two words. */
const TIME_GREETINGS = phrases(['good morning', 'good afternoon', 'good evening', 'good day', 'good night', 'good job', 'well done', 'god morgen', 'god eftermiddag', 'god aften', 'god dag', 'vi ses']);
const THANKS = set(['tak', 'tusind', 'thanks', 'thank', 'super', 'fint', 'godt', 'perfekt', 'great', 'nice', 'ok', 'okay']);
const HOW_ARE_YOU = phrases(['har du det', 'går det med dig', 'how are you', 'hvem er du', 'who are you']);
const SMALL_TALK_FILL = set(['arbejde', 'i', 'dag', 'idag', 'today', 'work', 'job', 'hvordan', 'du', 'det', 'mange', 'så', 'meget', 'you', 'very', 'much', 'med', 'dig', 'er', 'og', 'der', 'godt', 'how', 'are', 'a', 'lot', 'for', 'hjælpen', 'the', 'help', 'målbot', 'bot', 'igen', 'dejligt', 'there', 'good', 'morning', 'afternoon', 'evening', 'day', 'god', 'morgen', 'eftermiddag', 'aften', 'to', 'all', 'alle', 'everyone', 'night', 'well', 'done', 'vi', 'ses']);

/** Only greetings, thanks or "hvordan har du det?": small talk, not a question about the contract. */
export function isSmallTalk(q: QuestionWords): boolean {
  if (q.tokens.length === 0 || q.tokens.length > 8) return false;
  const signal = hasWord(q, GREETINGS) || hasWord(q, THANKS) || hasAnyPhrase(q, TIME_GREETINGS) || hasAnyPhrase(q, HOW_ARE_YOU);
  return signal && q.tokens.every((t) => GREETINGS.has(t) || THANKS.has(t) || SMALL_TALK_FILL.has(t) || t === 'har' || t === 'hvem');
}

const CONTINUING = set(['og', 'and', 'også', 'also']);

/** "og mål 5?", "hvad med mål 5?", "and goal 5?", "what about 9a": continues the last question. */
export function continuesConversation(q: QuestionWords): boolean {
  const [first, second] = q.tokens;
  if (first === undefined) return false;
  if (CONTINUING.has(first)) return true;
  return (first === 'hvad' && second === 'med') || (first === 'what' && second === 'about') || (first === 'how' && second === 'about');
}
