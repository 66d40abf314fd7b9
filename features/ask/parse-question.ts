/**
 * parseQuestion: the text of a Teams message → an Intent (features/ask/intent.ts). Pure, total:
 * it never throws, whatever the string (10 000 characters, emoji, RTL text, HTML).
 *
 * HOW A QUESTION IS READ
 * 1. normalizeQuestion() strips the bot mention and HTML, decodes entities, lower-cases
 *    and collapses whitespace. Then every word is folded (æ→ae, ø→oe, å→aa, é→e), so
 *    "maal" = "mål" and "abonner" = "abonnér", and split on anything that is not a letter
 *    or digit ("covid-19" → covid, 19; "nr.4" → nr, 4). "#" is kept as its own word.
 *    Every word list below is written in normal Danish and folded the same way.
 * 2. An empty question (only whitespace, a mention, or "?") → help.
 * 3. The first rule that matches wins, in this order:
 *    unsubscribe  UNSUBSCRIBE words, or a reminder word plus an "off" word ("stop påmindelser",
 *                 "slå påmindelser fra").
 *    subscribe    SUBSCRIBE words, or a reminder word plus an "on" word ("slå påmindelser til").
 *    update-form  UPDATE words + a goal ("opdater mål 3"). Unknown goal → unknown-goal;
 *                 no goal at all → help (the user knows the command, not its syntax).
 *    history      HISTORY words + a goal ("historik mål 3"), same fallbacks as update-form.
 *    reminders    REMINDER words ("påmindelser").
 *    next-meeting MEETING words ("næste møde").
 *    deadlines    DEADLINE words ("frister").
 *    (a time — "pr. 1. oktober 2021", "ved udgangen af 2021", "2021" — is taken out of the text
 *    first by parse-status-time.ts and attached to goal-status, overview and contract.)
 *    goal-status  an explicit goal reference (below) that is in the contract;
 *    unknown-goal ... or one that is not ("mål 11", "mål 0", "mål 9e" → requested "11", "0", "9e");
 *    goal-status  a topic of a goal (below);
 *    contract     CONTRACT words ("om kontrakten", "kontraktperiode");
 *    help         HELP words ("hjælp", "hvad kan du");
 *    overview     OVERVIEW words ("oversigt", "alle mål", "dashboard");
 *    then what is left after removing every known word (FILLER and all the lists above):
 *      a lone goal id of ≤ 3 digits ("4", "status 9c", "hvordan går det med 7") → goal-status /
 *      unknown-goal ("status 2021" is a year, not a goal: not-understood);
 *      nothing, and a status word was there ("status", "hvordan går det") → overview;
 *      nothing, only greetings/politeness ("hej", "tak") → help;
 *    not-understood otherwise (also for emoji-only text).
 *    So a goal or topic beats help/overview ("hvad kan du sige om mål 4" → goal 4), and the
 *    commands beat goals ("næste frist for mål 4" → deadlines).
 * 4. Explicit goal references: a marker — mål, målet, maal, mal, delmål, goal, # — optionally
 *    followed by nr/nummer/no/number/#, then an id: "mål 4", "mål nr. 4", "Mål 9c", "goal 4",
 *    "#4"; also glued: "m4", "mål4", "goal9c"; number words after a marker ("mål fire",
 *    "goal four"). Leading zeros are dropped ("mål 04" → 4). A separate letter joins the
 *    number ("Mål 9 c" → 9c) when that id exists, or when it is the last word and the number
 *    has sub-goals ("mål 9 e" → unknown 9e; not "i", Danish for "in"); otherwise it is an
 *    ordinary word ("mål 4 i år").
 *    The first reference wins ("mål 4 og 5" → 4). Ids longer than 6 digits are not ids.
 * 5. Topics come from the contract (`goals[].topics`). A topic matches whole words only, in
 *    order ("grøn omstilling"), allowing Danish/English inflection: each word may differ by an
 *    ending from INFLECTION_ENDINGS ("grønne", "grønt" → grøn; "klyngerne" → klynge;
 *    "clusters" ↔ "cluster"), as long as the shared stem keeps ≥ 5 letters. Derived words and
 *    compounds do NOT match: "eksportør" is not "eksport" (a different thing: an exporting
 *    company), "krisehjælp" is not "krise". When several topics match, the longest phrase wins
 *    ("nye teknologier" beats "teknologi"), then the earliest in the text.
 * 6. language is 'en' when more words are in ENGLISH than in DANISH, else 'da'. Words used
 *    in both languages ("status", "deadline", "dashboard", "nps", "covid") count for neither.
 *
 * TO ADD A PHRASING: add the word or phrase to the matching list below (normal spelling;
 * folding is automatic), add its language to ENGLISH/DANISH if it is clearly one of them,
 * and add a one-line row to test/features/ask/question-cases.ts.
 */
import type { ContractData } from '../../goals/contract-schema';
import type { Intent, Language } from './intent';
import { foldDanish, normalizeQuestion } from './normalize-question';
import { extractStatusTime } from './parse-status-time';

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
const MEETING = vocabulary(['møde', 'mødet', 'møder', 'møderne', 'mødes', 'statusmøde', 'meeting', 'meetings']);
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
]);
const GREETING_ONLY = vocabulary(['hej', 'goddag', 'godmorgen', 'tak', 'mange', 'hi', 'hello', 'thanks', 'thank', 'you', 'please']);

const ENGLISH = vocabulary([
  'goal', 'goals', 'help', 'overview', 'all', 'how', 'is', 'are', 'doing', 'going', 'what', 'whats', 'the',
  'of', 'on', 'please', 'show', 'me', 'next', 'meeting', 'meetings', 'update', 'history', 'subscribe',
  'unsubscribe', 'reminder', 'reminders', 'tell', 'about', 'can', 'you', 'do', 'commands', 'summary', 'when',
  'our', 'we', 'my', 'turn', 'off', 'development', 'record', 'thanks', 'thank', 'hi', 'hello', 'number',
  'notifications', 'measurements', 'it', 'with', 'progress', 'time', 'new', 'measurement', 'remind',
  'looking', 'latest', 'current', 'where',
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
]);

/** Endings that inflect a word without changing what it names (folded). */
const INFLECTION_ENDINGS = ['ernes', 'erne', 'ene', 'ens', 'ets', 'ers', 'er', 'en', 'et', 'es', 'e', 'n', 'r', 's', 't'];
const MIN_STEM = 5;
const MAX_ID_DIGITS = 6;
/** Without a marker, a longer number is more likely a year ("status 2021") than a goal. */
const MAX_LONE_ID_DIGITS = 3;

// '#' is added by hand: normalizeQuestion() would strip it as punctuation.
const GOAL_MARKERS = new Set([...words(['mål', 'målet', 'mal', 'delmål', 'delmålet', 'goal']), '#']);
const NUMBER_NOISE = new Set([...words(['nr', 'nummer', 'no', 'number']), '#']);
const GLUED_REFERENCE = /^(?:maal|mal|delmaal|goal|m)(\d+[a-z]?)$/;
const ID = /^(\d+)([a-z]?)$/;
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['to', '2'], ['tre', '3'], ['fire', '4'], ['fem', '5'], ['seks', '6'], ['syv', '7'], ['otte', '8'], ['ni', '9'], ['ti', '10'],
  ['one', '1'], ['two', '2'], ['three', '3'], ['four', '4'], ['five', '5'], ['six', '6'], ['seven', '7'], ['eight', '8'], ['nine', '9'], ['ten', '10'],
]);

/** Every word of every list: what is "recognised" when we look at the leftovers. */
const KNOWN_WORDS: ReadonlySet<string> = new Set(
  [UNSUBSCRIBE, SUBSCRIBE, REMINDER, OFF, ON, UPDATE, HISTORY, MEETING, DEADLINE, CONTRACT, HELP, OVERVIEW, STATUS_WORDS, FILLER, GREETING_ONLY]
    .flatMap((v) => v.phrases.flat())
    .concat([...GOAL_MARKERS]),
);

/** Distributes over the union, so each kind keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type IntentWithoutLanguage = DistributiveOmit<Intent, 'language'>;
type GoalTarget = { known: true; goalId: string } | { known: false; requested: string };

export function parseQuestion(text: string, contract: Pick<ContractData, 'goals'>): Intent {
  const normalized = normalizeQuestion(text);
  // "pr. 1. oktober 2021", "ved udgangen af 2021", "2021": taken out first, so no date is read as a goal.
  const { at, rest } = extractStatusTime(normalized);
  const tokens = tokenize(rest);
  const language = detectLanguage(tokens);
  let intent: IntentWithoutLanguage = normalized === '' ? { kind: 'help' } : classify(tokens, goalIndexFor(contract));
  if (at !== undefined) {
    if (intent.kind === 'goal-status' || intent.kind === 'overview' || intent.kind === 'contract') intent = { ...intent, at };
    // "hvad var status ved udgangen af 2021?": a time and nothing else → the overview then.
    else if ((intent.kind === 'not-understood' || intent.kind === 'help') && tokens.every((t) => KNOWN_WORDS.has(t))) intent = { kind: 'overview', at };
  }
  return { ...intent, language };
}

function classify(tokens: readonly string[], index: GoalIndex): IntentWithoutLanguage {
  const reminderWord = matches(tokens, REMINDER);
  if (matches(tokens, UNSUBSCRIBE) || (reminderWord && matchesAnyOrder(tokens, OFF))) return { kind: 'unsubscribe' };
  if (matches(tokens, SUBSCRIBE) || (reminderWord && matchesAnyOrder(tokens, ON))) return { kind: 'subscribe' };

  const explicit = findGoalReference(tokens, index);
  const topicGoal = explicit ? undefined : findTopicGoal(tokens, index);
  const target: GoalTarget | undefined =
    explicit ?? (topicGoal !== undefined ? { known: true, goalId: topicGoal } : findLoneId(tokens, index));

  if (matches(tokens, UPDATE)) return goalCommand('update-form', target);
  if (matches(tokens, HISTORY)) return goalCommand('history', target);
  if (reminderWord) return { kind: 'reminders' };
  if (matches(tokens, MEETING)) return { kind: 'next-meeting' };
  if (matches(tokens, DEADLINE)) return { kind: 'deadlines' };
  if (explicit || topicGoal !== undefined) return goalStatus(target);
  if (matches(tokens, CONTRACT)) return { kind: 'contract' };
  if (matches(tokens, HELP)) return { kind: 'help' };
  if (matches(tokens, OVERVIEW)) return { kind: 'overview' };
  if (target) return goalStatus(target);

  const leftovers = tokens.filter((t) => !KNOWN_WORDS.has(t));
  if (tokens.length > 0 && leftovers.length === 0) {
    if (matches(tokens, STATUS_WORDS)) return { kind: 'overview' };
    if (tokens.every((t) => FILLER.words.has(t) || GREETING_ONLY.words.has(t))) return { kind: 'help' };
  }
  return { kind: 'not-understood' };
}

function goalCommand(kind: 'update-form' | 'history', target: GoalTarget | undefined): IntentWithoutLanguage {
  if (!target) return { kind: 'help' };
  return target.known ? { kind, goalId: target.goalId } : { kind: 'unknown-goal', requested: target.requested };
}

function goalStatus(target: GoalTarget | undefined): IntentWithoutLanguage {
  if (!target) return { kind: 'not-understood' };
  return target.known ? { kind: 'goal-status', goalId: target.goalId } : { kind: 'unknown-goal', requested: target.requested };
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
  return foldDanish(normalized)
    .replace(/['’ʼ`]/g, '')
    .replace(/#/g, ' # ')
    .split(/[^\p{L}\p{N}#]+/u)
    .filter((t) => t.length > 0);
}

function matches(tokens: readonly string[], v: Vocabulary): boolean {
  if (tokens.some((t) => v.words.has(t))) return true;
  return v.phrases.some((p) => p.length > 1 && indexOfPhrase(tokens, p, (a, b) => a === b) >= 0);
}

/** Like `matches`, but a phrase's words may be spread out ("slå mine påmindelser fra"). */
function matchesAnyOrder(tokens: readonly string[], v: Vocabulary): boolean {
  return v.phrases.some((p) => p.every((w) => tokens.includes(w)));
}

function indexOfPhrase<P>(tokens: readonly string[], phrase: readonly P[], same: (token: string, p: P) => boolean): number {
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((p, j) => same(tokens[i + j] as string, p))) return i;
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

interface TopicEntry {
  goalId: string;
  /** Stems of each word of the phrase, in order. */
  words: readonly ReadonlySet<string>[];
  /** Length of the folded phrase, to let the longest phrase win. */
  size: number;
}

interface GoalIndex {
  ids: ReadonlySet<string>;
  /** Numbers that have lettered sub-goals ("9" when "9a" exists). */
  withSubGoals: ReadonlySet<string>;
  topics: readonly TopicEntry[];
}

/** The contract is immutable data; index it once per goals array. */
const indexCache = new WeakMap<object, GoalIndex>();

function goalIndexFor(contract: Pick<ContractData, 'goals'>): GoalIndex {
  const goals = Array.isArray(contract?.goals) ? contract.goals : [];
  const cached = indexCache.get(goals);
  if (cached) return cached;
  const ids = new Set(goals.map((g) => g.id.toLowerCase()));
  const withSubGoals = new Set<string>();
  for (const id of ids) {
    const m = ID.exec(id);
    if (m && m[2] !== '') withSubGoals.add(m[1] as string);
  }
  const topics = goals.flatMap((g) =>
    (g.topics ?? []).map((topic) => {
      const phrase = tokenize(normalizeQuestion(topic));
      return { goalId: g.id.toLowerCase(), words: phrase.map(stems), size: phrase.join(' ').length };
    }),
  ).filter((t) => t.words.length > 0);
  const index = { ids, withSubGoals, topics };
  indexCache.set(goals, index);
  return index;
}

function findGoalReference(tokens: readonly string[], index: GoalIndex): GoalTarget | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const glued = GLUED_REFERENCE.exec(token);
    if (glued) {
      const target = toTarget(glued[1] as string, index);
      if (target) return target;
      continue;
    }
    if (!GOAL_MARKERS.has(token)) continue;
    let j = i + 1;
    while (j < tokens.length && NUMBER_NOISE.has(tokens[j] as string)) j++;
    const next = tokens[j];
    if (next === undefined) continue;
    const numberWord = NUMBER_WORDS.get(next);
    if (numberWord !== undefined) return toTarget(numberWord, index);
    const m = ID.exec(next);
    if (!m) continue;
    const target = toTarget(withSeparateLetter(m, tokens, j, index), index);
    if (target) return target;
  }
  return undefined;
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
  return index.ids.has(joined) || (isLast && index.withSubGoals.has(number)) ? joined : whole;
}

/** The leftovers are one goal id and nothing else: "4", "status 9c", "opdater 3", "mål 9 c". */
function findLoneId(tokens: readonly string[], index: GoalIndex): GoalTarget | undefined {
  const leftovers = tokens.filter((t) => !KNOWN_WORDS.has(t));
  const first = leftovers[0];
  if (first === undefined || leftovers.length > 2) return undefined;
  const m = ID.exec(first);
  if (!m || (m[1] as string).length > MAX_LONE_ID_DIGITS) return undefined;
  if (leftovers.length === 1) return toTarget(first, index);
  const joined = withSeparateLetter(m, leftovers, 0, index);
  return joined === first ? undefined : toTarget(joined, index);
}

function toTarget(rawId: string, index: GoalIndex): GoalTarget | undefined {
  const m = ID.exec(rawId);
  if (!m || (m[1] as string).length > MAX_ID_DIGITS) return undefined;
  const id = stripZeros(m[1] as string) + (m[2] as string);
  return index.ids.has(id) ? { known: true, goalId: id } : { known: false, requested: id };
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

function findTopicGoal(tokens: readonly string[], index: GoalIndex): string | undefined {
  const tokenStems = tokens.map(stems);
  let best: { goalId: string; size: number; at: number } | undefined;
  for (const topic of index.topics) {
    if (best && topic.size < best.size) continue;
    const at = indexOfStems(tokenStems, topic.words);
    if (at < 0) continue;
    if (!best || topic.size > best.size || at < best.at) best = { goalId: topic.goalId, size: topic.size, at };
  }
  return best?.goalId;
}

function indexOfStems(tokenStems: readonly ReadonlySet<string>[], phrase: readonly ReadonlySet<string>[]): number {
  for (let i = 0; i + phrase.length <= tokenStems.length; i++) {
    if (phrase.every((p, j) => intersects(tokenStems[i + j] as ReadonlySet<string>, p))) return i;
  }
  return -1;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** The word itself plus what is left after removing one inflection ending (and an undoubled consonant). */
function stems(word: string): ReadonlySet<string> {
  const out = new Set([word]);
  for (const ending of INFLECTION_ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const base = word.slice(0, -ending.length);
    if (base.length >= MIN_STEM) out.add(base);
    // grønne → grønn → grøn
    const last = base[base.length - 1];
    if (last !== undefined && last === base[base.length - 2] && !/[aeiouy]/.test(last) && base.length - 1 >= MIN_STEM) {
      out.add(base.slice(0, -1));
    }
  }
  return out;
}
