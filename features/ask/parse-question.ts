/**
 * parseQuestion: the text of a Teams message → an Intent (features/ask/intent.ts). Pure, total:
 * it never throws, whatever the string (100 000 characters, emoji, RTL text, HTML, code).
 *
 * HOW A QUESTION IS READ
 * 1. Code is taken out first (strip-code.ts: `${…}`, `{{…}}`, backticks, <code>, <pre>): a number in
 *    code is never a goal. normalizeQuestion() strips the bot mention and HTML, decodes entities,
 *    lower-cases and collapses whitespace. Every word is folded (æ→ae, ø→oe, å→aa, é→e) and split on
 *    anything that is not a letter or digit ("covid-19" → covid, 19; "1, 2 og 3" → 1 2 og 3).
 *    Every word list below is written in normal Danish and folded the same way.
 * 2. A time ("pr. 1. oktober 2021", "ved udgangen af 2021", "2021") is taken out by parse-status-time.ts
 *    and attached to goal-status, several-goals, goal-fact, goal-list, overview and contract.
 * 3. The words are read against the contract's vocabulary (topic-index.ts): a typo becomes the one
 *    topic or fact word within edit distance 1–2, and each word gets its stems (Danish Snowball plus
 *    light endings) and, for a compound, its two parts ("coronahjælpen" → corona + hjælp). The last
 *    part of a compound counts as a command word too ("afrapporteringsfrister" → frister).
 * 4. An empty question (only whitespace, a mention, code or "?") → help. Otherwise the first rule wins:
 *    unsubscribe / subscribe   as before (UNSUBSCRIBE/SUBSCRIBE words, reminder word + off/on word);
 *    goal-list (status)        a status filter and no goal before update/history ("mangler der målinger?");
 *    update-form / history     UPDATE/HISTORY words + the first goal; no goal → help;
 *    reminders, contract-fact (meeting rhythm) or next-meeting   REMINDER / MEETING words;
 *    goal-fact (period)        DEADLINE words + one goal ("hvornår er fristen for mål 4");
 *    goal-list (deadline) / deadlines   DEADLINE words, with a range ("frister i næste kvartal") or not;
 *    goal-list (deadline)      a range and something due, no goal ("hvad skal vi nå inden jul?");
 *    contract-fact             no goal and a contract fact (question-facts.ts: "i kraft", "ansvaret", …);
 *    several-goals             two or more goal references ("mål 3 og 4", "9a og 9b", "goals 3 and 4");
 *    choose-goal               a synonym that names several goals ("kendskabsmålingen" → 1 or 6);
 *    goal-fact                 a fact word (question-facts.ts) + one goal or KPI ("hvem måler NPS?");
 *    goal-list (measured-by)   a fact about measuring + a measurer, no goal ("hvad måler Erhvervsstyrelsen?");
 *    follow-up                 a fact word and no goal ("hvad med baseline?"): the answerer supplies the
 *                              goal the conversation was just about (follow-up.ts);
 *    goal-list                 a status, measurer or scope filter and no goal ("hvilke mål er i risiko?");
 *    goal-status / unknown-goal   one goal reference or topic; `continues` when it starts "og", "hvad med",
 *                              "and", "what about" (then a fact asked before applies: "og mål 5?");
 *    overview / contract       CONTRACT words, with a status word or "hele" → overview;
 *    small-talk                only greetings, thanks, "hvordan har du det?";
 *    help, overview            HELP / OVERVIEW words; then what is left after removing every known
 *                              word: nothing and a status word → overview; only greetings → help;
 *    not-understood otherwise.
 * 5. Explicit goal references: a marker — mål, målet, målene, maal, mal, delmål, goal, goals, # —
 *    optionally followed by nr/nummer/no/number/#, then an id: "mål 4", "mål nr. 4", "Mål 9c", "#4";
 *    also glued: "m4", "mål4", "goal9c"; number words after a marker ("mål fire"). Leading zeros are
 *    dropped. A separate letter joins the number ("Mål 9 c" → 9c) when that id exists, or when it is
 *    the last word and the number has sub-goals ("mål 9 e" → unknown 9e; not "i", Danish for "in").
 *    After a reference, further ids follow when only joiners stand between them (og, samt, eller, and,
 *    or, vs, mod, and further markers): "mål 3 og 4", "mål 1, 2 og 3". Without any marker, leftovers
 *    that are all ids of ≤ 3 digits are references too ("9a og 9b", "4"; "status 2021" is a year).
 *    A KPI id that is not a goal id ("3b") names its goal and the KPI. Ids longer than 6 digits are not ids.
 * 6. Topics (topic-index.ts): each goal's `topics`, the curated topic-synonyms.json and distinctive
 *    title/KPI-label words of the contract; whole words in order, the longest phrase wins, then the
 *    earliest. A derived word ("dialogværktøj") loses to every topic. "eksportør" does not split
 *    (no word "ør"), so it is not "eksport".
 * 7. language is 'en' when more words are in ENGLISH than in DANISH, else 'da'. Words used
 *    in both languages ("status", "deadline", "dashboard", "nps", "covid") count for neither.
 *
 * TO ADD A PHRASING: add the word or phrase to the matching list below or in question-facts.ts
 * (normal spelling; folding is automatic), add its language to ENGLISH/DANISH if it is clearly one of
 * them, and add a row to test/features/ask/question-cases.ts (fixture contract) or
 * test/features/ask/director-questions.ts (real contract, with what the answer must say).
 */
import type { ContractData } from '../../goals/contract-schema';
import type { Status } from '../../core/status-types';
import type { GoalFact, Intent, Language } from './intent';
import { normalizeQuestion } from './normalize-question';
import { reportRequestOf } from './parse-report-request';
import { extractStatusTime } from './parse-status-time';
import { stripCode } from './strip-code';
import { findKpi, findTopic, findTopics, readWords, tokenizeFolded, topicIndexFor, type ReadWords, type TopicIndex } from './topic-index';
import {
  asksWhatIsComing, continuesConversation, contractFactOf, deadlineRangeOf, factVocabulary, goalFactOf, isSmallTalk, measuredByFilterOf, reporterFilterOf, scopeFilterOf, statusFilterOf,
} from './question-facts';

const UNSUBSCRIBE = vocabulary([
  'afmeld', 'afmelde', 'afmeldt', 'frameld', 'framelde', 'unsubscribe', 'opt out', 'no more reminders',
]);
const SUBSCRIBE = vocabulary([
  'abonnér', 'abonner', 'abonnere', 'tilmeld', 'tilmelde', 'subscribe', 'påmind mig', 'remind me',
]);
const REMINDER = vocabulary([
  'påmindelse', 'påmindelser', 'påmindelsen', 'påmindelserne', 'notifikationer',
  'reminder', 'reminders', 'notifications',
]);
/** With a reminder word: switch reminders off / on. A phrase here means "all these words, any order". */
const OFF = vocabulary(['stop', 'stoppe', 'sluk', 'deaktiver', 'slå fra', 'off', 'disable']);
const ON = vocabulary(['start', 'aktiver', 'slå til', 'enable', 'turn on']);
const UPDATE = vocabulary([
  'opdater', 'opdatér', 'opdatere', 'indberet', 'indberette', 'indrapporter', 'registrer', 'registrere',
  'indtast', 'ny måling', 'update', 'record', 'new measurement',
]);
const HISTORY = vocabulary([
  'historik', 'historikken', 'udvikling', 'udviklingen', 'udviklet', 'målinger', 'tidligere målinger', 'over tid',
  'history', 'development', 'trend', 'measurements', 'over time',
]);
const MEETING = vocabulary(['møde', 'mødet', 'møder', 'møderne', 'mødes', 'statusmøde', 'møderytme', 'møderytmen', 'meeting', 'meetings']);
/** English "meet" is the meeting without an object ("how often do we meet?"); with one it is "reach" ("did we meet goal 4?"). */
const MEET = vocabulary(['meet', 'meets']);
const MEET_OBJECTS = words(['target', 'targets', 'kpi', 'kpis', 'deadline', 'deadlines']);
const DEADLINE = vocabulary([
  'frist', 'fristen', 'frister', 'fristerne', 'tidsfrist', 'tidsfrister', 'deadline', 'deadlines',
]);
const CONTRACT = vocabulary([
  'kontrakten', 'kontrakt', 'resultatkontrakten', 'resultatkontrakt', 'kontraktperiode', 'kontraktperioden',
  'kontraktens', 'kontraktår', 'kontraktåret', 'the contract', 'contract', 'contract period',
]);
const HELP = vocabulary([
  'hjælp', 'hjælpe', 'kommandoer', 'kommando', 'hvad kan du', 'hvad kan jeg spørge om', 'hvordan bruger jeg dig',
  'help', 'commands', 'what can you do', 'how do i use you',
]);
const OVERVIEW = vocabulary([
  'oversigt', 'oversigten', 'overblik', 'overblikket', 'alle mål', 'alle målene', 'alle', 'alt', 'samlet status',
  'overview', 'all goals', 'all', 'everything', 'dashboard', 'summary',
]);
/** Left over with nothing else → overview ("status", "hvordan går det"). */
const STATUS_WORDS = vocabulary([
  'status', 'går', 'står', 'ser', 'klarer', 'fremskridt', 'mål', 'målene', 'going', 'doing', 'progress', 'looking', 'goals',
]);
/** Words that carry no meaning of their own here. */
const FILLER = vocabulary([
  'hvordan', 'hvad', 'hvor', 'hvornår', 'det', 'den', 'med', 'er', 'på', 'om', 'til', 'for', 'i', 'af', 'og',
  'ud', 'vis', 'fortæl', 'mig', 'os', 'vi', 'jeg', 'kan', 'du', 'lige', 'gerne', 'venligst', 'tak', 'mange',
  'nu', 'så', 'næste', 'seneste', 'aktuel', 'aktuelle', 'vores', 'min', 'mit', 'mine', 'de', 'har', 'sig',
  'hej', 'goddag', 'godmorgen', 'var', 'stod', 'gik', 'dengang',
  'how', 'is', 'are', 'it', 'what', 'whats', 'the', 'of', 'on', 'show', 'me', 'tell', 'about', 'please',
  'thanks', 'thank', 'you', 'we', 'us', 'my', 'next', 'latest', 'current', 'our', 'hi', 'hello',
  'målbot', 'bot', 'nr', 'nummer', 'no', 'number',
  'sammenlign', 'sammenligne', 'sammenligning', 'compare', 'versus', 'vs', 'samt', 'eller', 'and', 'or', 'giv', 'hele',
  'both', 'begge', 'give', 'hvem', 'hvilke', 'hvilket', 'hvilken', 'skal', 'which', 'who', 'der',
]);
const GREETING_ONLY = vocabulary(['hej', 'goddag', 'godmorgen', 'tak', 'mange', 'hi', 'hello', 'thanks', 'thank', 'you', 'please']);

const ENGLISH = vocabulary([
  'goal', 'goals', 'help', 'overview', 'all', 'how', 'is', 'are', 'doing', 'going', 'what', 'whats', 'the',
  'of', 'on', 'please', 'show', 'me', 'next', 'meeting', 'meetings', 'update', 'history', 'subscribe',
  'unsubscribe', 'reminder', 'reminders', 'tell', 'about', 'can', 'you', 'do', 'commands', 'summary', 'when',
  'our', 'we', 'my', 'turn', 'off', 'development', 'record', 'thanks', 'thank', 'hi', 'hello', 'number',
  'notifications', 'measurements', 'it', 'with', 'progress', 'time', 'new', 'measurement', 'remind',
  'looking', 'latest', 'current', 'where', 'which', 'risk', 'target', 'who', 'measures', 'measured', 'and',
  'compare', 'met', 'missing', 'does', 'reported', 'report', 'force', 'signed', 'responsible',
  'whom', 'often', 'many', 'municipalities', 'parties', 'not', 'track', 'before', 'christmas', 'quarter', 'month', 'year', 'this',
  'extended', 'due', 'national', 'local', 'have', 'measure', 'meet', 'meets', 'upcoming', 'coming', 'up',
  'good', 'morning', 'afternoon', 'evening', 'night', 'there', 'hey', 'bye', 'goodbye', 'cheers', 'well', 'done', 'lack', 'lacks', 'user', 'evaluation', 'measuring', 'rhythm', 'soon', 'achieved', 'lacking',
  // English topic words (topics themselves come from the contract)
  'awareness', 'satisfaction', 'referral', 'crisis', 'green', 'effect', 'impact', 'digitalisation',
  'digitalization', 'clusters', 'cluster',
]);
const DANISH = vocabulary([
  'mål', 'målet', 'målene', 'delmål', 'hjælp', 'oversigt', 'overblik', 'alle', 'hvordan', 'går', 'står', 'det',
  'med', 'hvad', 'er', 'på', 'vis', 'fortæl', 'om', 'næste', 'møde', 'mødet', 'frist', 'frister', 'opdater',
  'opdatér', 'indberet', 'historik', 'udvikling', 'udviklingen', 'abonnér', 'abonner', 'afmeld', 'påmindelser',
  'påmindelse', 'tak', 'venligst', 'kan', 'du', 'jeg', 'vi', 'hvornår', 'kommandoer', 'nr', 'nummer', 'samlet',
  'og', 'mig', 'til', 'fra', 'slå', 'hej', 'seneste', 'målinger', 'nu', 'vores',
  'hvem', 'hvilke', 'skal', 'være', 'måler', 'måles', 'risiko', 'opfyldt', 'ikke', 'mangler', 'sammenlign', 'ansvaret',
  'kraft', 'trådte', 'rapporterer', 'ofte', 'hvor', 'mange', 'kommuner', 'parterne', 'baseline', 'målet',
  'mødes', 'kommende', 'kommer', 'snart', 'nået', 'nå', 'færdige', 'god', 'godmorgen', 'goddag', 'godaften', 'godnat', 'farvel', 'ses', 'morgen', 'eftermiddag', 'aften',
]);

const MAX_ID_DIGITS = 6;
/** Without a marker, a longer number is more likely a year ("status 2021") than a goal. */
const MAX_LONE_ID_DIGITS = 3;

// '#' is added by hand: normalizeQuestion() would strip it as punctuation.
const GOAL_MARKERS = new Set([...words(['mål', 'målet', 'målene', 'mal', 'delmål', 'delmålet', 'delmålene', 'goal', 'goals']), '#']);
/** Between two ids of a list: "mål 3 og 4", "1, 2 og 3" (commas vanish as punctuation), "3 & 4", "goals 3 and 4". */
const LIST_JOINERS = words(['og', 'samt', 'eller', 'and', 'or', 'vs', 'versus', 'mod']);
/** "mål 1 til 3", "goals 1 to 3": every goal number in between. */
const RANGE_JOINERS = words(['til', 'to', 'through']);
const COMPARE = words(['sammenlign', 'sammenligne', 'sammenligning', 'compare']);
/** A range longer than this is more likely not meant as one. */
const MAX_RANGE = 12;
const NUMBER_NOISE = new Set([...words(['nr', 'nummer', 'no', 'number']), '#']);
const GLUED_REFERENCE = /^(?:maal|mal|delmaal|goal|m)(\d+[a-z]?)$/;
const ID = /^(\d+)([a-z]?)$/;
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['to', '2'], ['tre', '3'], ['fire', '4'], ['fem', '5'], ['seks', '6'], ['syv', '7'], ['otte', '8'], ['ni', '9'], ['ti', '10'],
  ['one', '1'], ['two', '2'], ['three', '3'], ['four', '4'], ['five', '5'], ['six', '6'], ['seven', '7'], ['eight', '8'], ['nine', '9'], ['ten', '10'],
]);

/** Every word of every list: what is "recognised" when we look at the leftovers. */
const KNOWN_WORDS: ReadonlySet<string> = new Set(
  [UNSUBSCRIBE, SUBSCRIBE, REMINDER, OFF, ON, UPDATE, HISTORY, MEETING, MEET, DEADLINE, CONTRACT, HELP, OVERVIEW, STATUS_WORDS, FILLER, GREETING_ONLY]
    .flatMap((v) => v.phrases.flat())
    .concat([...GOAL_MARKERS]),
);

/** Words that name a fact ("baseline", "metode"): "baseline for 6b" leaves the id alone. */
const FACT_WORDS: ReadonlySet<string> = new Set(factVocabulary().map((w) => tokenize(normalizeQuestion(w))[0] ?? w));

/** Distributes over the union, so each kind keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type IntentWithoutLanguage = DistributiveOmit<Intent, 'language'>;
type GoalTarget = { known: true; goalId: string; kpiId?: string } | { known: false; requested: string };

export function parseQuestion(text: string, contract: Pick<ContractData, 'goals'>): Intent {
  const normalized = normalizeQuestion(stripCode(text));
  // "pr. 1. oktober 2021", "ved udgangen af 2021", "2021": taken out first, so no date is read as a goal.
  const { at, rest } = extractStatusTime(normalized);
  const rawTokens = tokenize(rest);
  const language = detectLanguage(rawTokens);
  const index = goalIndexFor(contract);
  const words = readWords(rawTokens, index.topics, KNOWN_WORDS);
  // A file (the KKR report, the export) is asked for in words of its own; see parse-report-request.ts.
  const file = reportRequestOf(rest);
  if (file === 'export') return { kind: 'export-measurements', language };
  if (file === 'report') return at === undefined ? { kind: 'report', language } : { kind: 'report', at, language };
  let intent: IntentWithoutLanguage = normalized === '' ? { kind: 'help' } : classify(words, index);
  if (at !== undefined) {
    if (intent.kind === 'goal-status' || intent.kind === 'overview' || intent.kind === 'contract' || intent.kind === 'several-goals' || intent.kind === 'goal-fact' || intent.kind === 'goal-list') intent = { ...intent, at };
    // "hvad var status ved udgangen af 2021?": a time and nothing else → the overview then.
    else if ((intent.kind === 'not-understood' || intent.kind === 'help') && words.tokens.every((t) => KNOWN_WORDS.has(t))) intent = { kind: 'overview', at };
  }
  return { ...intent, language };
}

function classify(q: ReadWords, index: GoalIndex): IntentWithoutLanguage {
  // Command words may be the last part of a compound: "afrapporteringsfrister" is a kind of frist.
  const tokens = q.tails.length === 0 ? q.tokens : [...q.tokens, ...q.tails];
  const reminderWord = matches(tokens, REMINDER);
  if (matches(tokens, UNSUBSCRIBE) || (reminderWord && matchesAnyOrder(tokens, OFF))) return { kind: 'unsubscribe' };
  if (matches(tokens, SUBSCRIBE) || (reminderWord && matchesAnyOrder(tokens, ON))) return { kind: 'subscribe' };

  const explicit = findGoalReferences(q.tokens, index);
  const lone = explicit.length === 0 ? findLoneIds(q.tokens, index) : [];
  // "kendskabet og tilfredsheden", "grøn omstilling og eksport": several topics joined → several goals.
  const topicRefs = explicit.length === 0 && lone.length === 0 ? severalTopics(q, index) : [];
  const refs = explicit.length > 0 ? explicit : lone.length > 0 ? lone : topicRefs;
  const topic = refs.length === 0 ? findTopic(q, index.topics) : undefined;
  const topicGoal = topic !== undefined && topic.goalIds.length === 1 ? (topic.goalIds[0] as string) : undefined;
  const single: GoalTarget | undefined = refs.length === 1 ? refs[0] : topicGoal !== undefined ? { known: true, goalId: topicGoal } : undefined;
  const first: GoalTarget | undefined = refs[0] ?? single;

  // "mangler der målinger?": a status filter, not the history command without a goal.
  const statuses = first === undefined ? statusFilterOf(q) : undefined;
  if (matches(tokens, UPDATE)) return statuses !== undefined ? statusList(statuses, q) : goalCommand('update-form', first);
  if (matches(tokens, HISTORY)) return statuses !== undefined ? statusList(statuses, q) : goalCommand('history', first);
  if (reminderWord) return { kind: 'reminders' };
  const contractWord = matches(tokens, CONTRACT);
  const meetingWord = matches(tokens, MEETING)
    || (matches(tokens, MEET) && first === undefined && topic === undefined && !q.tokens.some((t) => GOAL_MARKERS.has(t) || MEET_OBJECTS.has(t)));
  if (meetingWord) {
    const fact = contractFactOf(q, contractWord, true);
    return fact !== undefined ? { kind: 'contract-fact', fact } : { kind: 'next-meeting' };
  }
  const deadlineWord = matches(tokens, DEADLINE);
  const fact = goalFactOf(q);
  if (deadlineWord) {
    if (single?.known) return goalFact(single, 'period', q, index);
    const range = deadlineRangeOf(q, true);
    return range !== undefined ? { kind: 'goal-list', filter: { by: 'deadline', range } } : { kind: 'deadlines' };
  }
  const range = refs.length === 0 && topic === undefined ? deadlineRangeOf(q, false) : undefined;
  if (range !== undefined) return { kind: 'goal-list', filter: { by: 'deadline', range } };
  if (refs.length === 0 && topic === undefined && asksWhatIsComing(q)) return { kind: 'deadlines' };

  if (refs.length === 0 && topic === undefined) {
    const contractFact = contractFactOf(q, contractWord, false);
    if (contractFact !== undefined && (contractWord || fact === undefined || fact === 'reporting' || fact === 'period')) return { kind: 'contract-fact', fact: contractFact };
  }
  if (refs.length > 1) return severalGoals(refs);
  if (topic !== undefined && topic.goalIds.length > 1) return { kind: 'choose-goal', goalIds: [...topic.goalIds], ...(fact !== undefined ? { fact } : {}) };
  if (fact !== undefined) {
    if (single?.known) return goalFact(single, fact, q, index);
    if (single === undefined) {
      const filter = fact === 'measured-by' || fact === 'method' ? measuredByFilterOf(q) : fact === 'reporting' ? reporterFilterOf(q) : undefined;
      if (filter !== undefined) return { kind: 'goal-list', filter };
      if (!contractWord) return { kind: 'follow-up', fact };
    }
  }
  if (single === undefined && !contractWord) {
    if (statuses !== undefined) return statusList(statuses, q);
    const filter = measuredByFilterOf(q) ?? scopeFilterOf(q);
    if (filter !== undefined) return { kind: 'goal-list', filter };
  }
  if (single !== undefined) {
    const status = goalStatus(single);
    return status.kind === 'goal-status' && continuesConversation(q) ? { ...status, continues: true } : status;
  }
  if (contractWord) {
    // "giv mig en status på hele resultatkontrakten": the goals' status, not the contract's facts.
    return matches(q.tokens, STATUS_WORDS) || q.tokens.includes('hele') ? { kind: 'overview' } : { kind: 'contract' };
  }
  if (isSmallTalk(q)) return { kind: 'small-talk' };
  if (matches(q.tokens, HELP)) return { kind: 'help' };
  if (matches(q.tokens, OVERVIEW)) return { kind: 'overview' };

  const leftovers = q.tokens.filter((t) => !KNOWN_WORDS.has(t));
  if (q.tokens.length > 0 && leftovers.length === 0) {
    if (matches(q.tokens, STATUS_WORDS)) return { kind: 'overview' };
    if (q.tokens.every((t) => FILLER.words.has(t) || GREETING_ONLY.words.has(t))) return { kind: 'help' };
  }
  return { kind: 'not-understood' };
}

/** A status list, of the national or local goals only when the question names them ("which local goals are at risk?"). */
function statusList(statuses: Status[], q: ReadWords): IntentWithoutLanguage {
  const scope = scopeFilterOf(q);
  return { kind: 'goal-list', filter: { by: 'status', statuses, ...(scope?.by === 'scope' ? { scope: scope.scope } : {}) } };
}

/** Two or more topics of different goals with a joiner ("og", "and", "sammenlign"), as goal references in text order. */
function severalTopics(q: ReadWords, index: GoalIndex): GoalTarget[] {
  if (!q.tokens.some((t) => LIST_JOINERS.has(t) || COMPARE.has(t))) return [];
  const hits = findTopics(q, index.topics);
  if (hits.some((h) => h.goalIds.length !== 1)) return [];
  const ids = [...new Set(hits.map((h) => h.goalIds[0] as string))];
  return ids.length < 2 ? [] : ids.map((goalId) => ({ known: true, goalId }));
}

function goalCommand(kind: 'update-form' | 'history', target: GoalTarget | undefined): IntentWithoutLanguage {
  if (!target) return { kind: 'help' };
  return target.known ? { kind, goalId: target.goalId } : { kind: 'unknown-goal', requested: target.requested };
}

function goalStatus(target: GoalTarget): IntentWithoutLanguage {
  return target.known ? { kind: 'goal-status', goalId: target.goalId } : { kind: 'unknown-goal', requested: target.requested };
}

function goalFact(target: GoalTarget & { known: true }, fact: GoalFact, q: ReadWords, index: GoalIndex): IntentWithoutLanguage {
  const kpiId = target.kpiId ?? findKpi(q, index.topics, target.goalId);
  return { kind: 'goal-fact', goalId: target.goalId, fact, ...(kpiId !== undefined ? { kpiId } : {}) };
}

function severalGoals(refs: readonly GoalTarget[]): IntentWithoutLanguage {
  const goalIds: string[] = [];
  const unknown: string[] = [];
  for (const r of refs) {
    if (r.known) {
      if (!goalIds.includes(r.goalId)) goalIds.push(r.goalId);
    } else if (!unknown.includes(r.requested)) unknown.push(r.requested);
  }
  if (goalIds.length === 0) return { kind: 'unknown-goal', requested: unknown[0] as string };
  if (goalIds.length === 1 && unknown.length === 0) return { kind: 'goal-status', goalId: goalIds[0] as string };
  return { kind: 'several-goals', goalIds, unknown };
}

// ---------------------------------------------------------------------------------------------
// Words

interface Vocabulary {
  /** Single-word entries. */
  words: ReadonlySet<string>;
  /** Every entry as folded words; single words too. */
  phrases: readonly (readonly string[])[];
}

function vocabulary(entries: readonly string[]): Vocabulary {
  const phrases = entries.map((e) => tokenize(normalizeQuestion(e))).filter((p) => p.length > 0);
  return { words: new Set(phrases.filter((p) => p.length === 1).map((p) => p[0] as string)), phrases };
}

function words(entries: readonly string[]): ReadonlySet<string> {
  return new Set(entries.flatMap((e) => tokenize(normalizeQuestion(e))));
}

/** Folded words of a normalized text; "#" stands alone, apostrophes vanish ("what's" → whats). */
function tokenize(normalized: string): string[] {
  return tokenizeFolded(normalized);
}

function matches(tokens: readonly string[], v: Vocabulary): boolean {
  if (tokens.some((t) => v.words.has(t))) return true;
  return v.phrases.some((p) => p.length > 1 && indexOfPhrase(tokens, p) >= 0);
}

/** Like `matches`, but a phrase's words may be spread out ("slå mine påmindelser fra"). */
function matchesAnyOrder(tokens: readonly string[], v: Vocabulary): boolean {
  return v.phrases.some((p) => p.every((w) => tokens.includes(w)));
}

function indexOfPhrase(tokens: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((p, j) => tokens[i + j] === p)) return i;
  }
  return -1;
}

function detectLanguage(tokens: readonly string[]): Language {
  let english = 0;
  let danish = 0;
  for (const token of tokens) {
    const t = token.replace(/\d+[a-z]?$/, '') || token; // "goal4" counts as "goal"
    if (ENGLISH.words.has(t)) english++;
    if (DANISH.words.has(t)) danish++;
  }
  return english > danish ? 'en' : 'da';
}

// ---------------------------------------------------------------------------------------------
// Goals

interface GoalIndex {
  ids: ReadonlySet<string>;
  /** KPI ids that are not goal ids ("3b" → goal 3): "status 3b", "hvad er baseline for 6b?". */
  kpiGoals: ReadonlyMap<string, string>;
  /** Numbers that have lettered sub-goals ("9" when "9a" exists). */
  withSubGoals: ReadonlySet<string>;
  topics: TopicIndex;
}

/** The contract is immutable data; index it once per goals array. */
const indexCache = new WeakMap<object, GoalIndex>();

function goalIndexFor(contract: Pick<ContractData, 'goals'>): GoalIndex {
  const goals = Array.isArray(contract?.goals) ? contract.goals : [];
  const cached = indexCache.get(goals);
  if (cached) return cached;
  const ids = new Set(goals.map((g) => g.id.toLowerCase()));
  const kpiGoals = new Map<string, string>();
  for (const g of goals) for (const k of g.kpis ?? []) if (!ids.has(k.id.toLowerCase())) kpiGoals.set(k.id.toLowerCase(), g.id.toLowerCase());
  const withSubGoals = new Set<string>();
  for (const id of ids) {
    const m = ID.exec(id);
    if (m && m[2] !== '') withSubGoals.add(m[1] as string);
  }
  const index = { ids, kpiGoals, withSubGoals, topics: topicIndexFor(contract, new Set([...KNOWN_WORDS, ...factVocabulary()])) };
  indexCache.set(goals, index);
  return index;
}

/**
 * Every explicit goal reference, in order: "mål 3 og 4", "mål 1, 2 og 3", "status goals 3 and 4",
 * "mål 4" "m4" "#4". After a marker and an id, more ids follow when only joiners stand between
 * them ("og", "and", "&", commas); "mål 4 i år" stays one goal.
 */
function findGoalReferences(tokens: readonly string[], index: GoalIndex): GoalTarget[] {
  const found: GoalTarget[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const glued = GLUED_REFERENCE.exec(token);
    if (glued) {
      const target = toTarget(glued[1] as string, index);
      if (target) found.push(target);
      continue;
    }
    if (!GOAL_MARKERS.has(token)) continue;
    let j = i + 1;
    while (j < tokens.length && NUMBER_NOISE.has(tokens[j] as string)) j++;
    const next = tokens[j];
    if (next === undefined) continue;
    const numberWord = NUMBER_WORDS.get(next);
    let target: GoalTarget | undefined;
    let consumed = j;
    if (numberWord !== undefined) target = toTarget(numberWord, index);
    else {
      const m = ID.exec(next);
      if (!m) continue;
      const id = withSeparateLetter(m, tokens, j, index);
      if (id !== m[0]) consumed = j + 1;
      target = toTarget(id, index);
    }
    if (!target) continue;
    found.push(target);
    i = consumed + followingIds(tokens, consumed + 1, index, found);

  }
  return found;
}

/** Ids after the first of a list ("… 3 og 4", "… 1 2 og 3"); returns how many tokens were read. */
function followingIds(tokens: readonly string[], from: number, index: GoalIndex, out: GoalTarget[]): number {
  let k = from;
  let read = 0;
  while (k < tokens.length) {
    let j = k;
    const range = RANGE_JOINERS.has(tokens[j] as string);
    if (range) j++;
    while (!range && j < tokens.length && (LIST_JOINERS.has(tokens[j] as string) || GOAL_MARKERS.has(tokens[j] as string) || NUMBER_NOISE.has(tokens[j] as string))) j++;
    if (range) {
      const end = /^\d+$/.test(tokens[j] ?? '') ? Number(tokens[j]) : NaN;
      const last = out[out.length - 1];
      const start = last?.known && /^\d+$/.test(last.goalId) ? Number(last.goalId) : NaN;
      if (!(end > start && end - start <= MAX_RANGE)) break;
      for (let n = start + 1; n <= end; n++) {
        const t = toTarget(String(n), index);
        if (t !== undefined && (t.known || n === end)) out.push(t);
      }
      read += j + 1 - k;
      k = j + 1;
      continue;
    }
    const next = tokens[j];
    if (next === undefined) break;
    const word = NUMBER_WORDS.get(next);
    const m = word === undefined ? ID.exec(next) : null;
    if (word === undefined && (!m || (m[1] as string).length > MAX_LONE_ID_DIGITS)) break;
    const id = word ?? withSeparateLetter(m as RegExpExecArray, tokens, j, index);
    const target = toTarget(id, index);
    if (!target) break;
    out.push(target);
    const end = word === undefined && id !== (m as RegExpExecArray)[0] ? j + 1 : j;
    read += end + 1 - k;
    k = end + 1;
  }
  return read;
}

/** "9 c" → "9c" when that id exists, or when the letter ends the text and 9 has sub-goals. */
function withSeparateLetter(m: RegExpExecArray, tokens: readonly string[], at: number, index: GoalIndex): string {
  const [whole, digits, letter] = m as unknown as [string, string, string];
  const following = tokens[at + 1];
  if (letter !== '' || following === undefined || !/^[a-z]$/.test(following)) return whole;
  const number = stripZeros(digits);
  const joined = number + following;
  // "i" is Danish for "in": "mål 9 i" is more likely cut short than a goal 9i.
  const isLast = at + 1 === tokens.length - 1 && following !== 'i';
  return index.ids.has(joined) || index.kpiGoals.has(joined) || (isLast && index.withSubGoals.has(number)) ? joined : whole;
}

/**
 * The leftovers are goal ids and nothing else: "4", "status 9c", "opdater 3", "mål 9 c", "9a og 9b".
 * One id, or a list of ids when every leftover is one.
 */
function findLoneIds(tokens: readonly string[], index: GoalIndex): GoalTarget[] {
  const leftovers = tokens.filter((t) => !KNOWN_WORDS.has(t) && !LIST_JOINERS.has(t) && !FACT_WORDS.has(t));
  const first = leftovers[0];
  if (first === undefined) return [];
  const m = ID.exec(first);
  if (!m || (m[1] as string).length > MAX_LONE_ID_DIGITS) return [];
  if (leftovers.length === 1) return [toTarget(first, index)].filter((t): t is GoalTarget => t !== undefined);
  if (leftovers.length === 2) {
    const joined = withSeparateLetter(m, leftovers, 0, index);
    if (joined !== first) return [toTarget(joined, index)].filter((t): t is GoalTarget => t !== undefined);
  }
  // "9a og 9b", "1, 2 og 3": only when a joiner or a list of several ids makes it a list
  if (!leftovers.every((t) => { const x = ID.exec(t); return x !== null && (x[1] as string).length <= MAX_LONE_ID_DIGITS; })) return [];
  return leftovers.map((t) => toTarget(t, index)).filter((t): t is GoalTarget => t !== undefined);
}

function toTarget(rawId: string, index: GoalIndex): GoalTarget | undefined {
  const m = ID.exec(rawId);
  if (!m || (m[1] as string).length > MAX_ID_DIGITS) return undefined;
  const id = stripZeros(m[1] as string) + (m[2] as string);
  if (index.ids.has(id)) return { known: true, goalId: id };
  const kpiGoal = index.kpiGoals.get(id);
  if (kpiGoal !== undefined) return { known: true, goalId: kpiGoal, kpiId: id };
  return { known: false, requested: id };
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}
