import { distance } from 'fastest-levenshtein';
import type { ContractData, Goal } from '../../goals/contract-schema';
import { foldDanish, normalizeQuestion } from './normalize-question';
import { danishStem } from './danish-stem';
import type { QuestionWords } from './question-facts';
import synonymFile from './topic-synonyms.json';

/**
 * Which goal a question's words are about, from the contract's own vocabulary.
 *
 * WHERE THE WORDS COME FROM (all folded: æ→ae, ø→oe, å→aa)
 * - topics:   each goal's `topics` in the contract data (curated, the strongest signal);
 * - synonyms: features/ask/topic-synonyms.json, a small curated table; a phrase naming several
 *             goals is ambiguous on purpose ("kendskabsmåling" → 1 or 6) and yields a choice;
 * - derived:  words of each goal's title and KPI labels that no other goal's title or labels use
 *             ("dialogværktøj" → 6, "koordinator" → 9b), so next year's contract brings its own.
 * HOW A WORD MATCHES
 * - inflection: the Danish Snowball stemmer (danish-stem.ts) plus a light ending list, so
 *   "tilfredse" meets "tilfredshed", "clusters" meets "cluster";
 * - compounds: a word splits into two parts that are both words of the contract's text or the
 *   parser's lists (a linking s or e allowed): "coronahjælpen" → corona + hjælp,
 *   "klyngesamarbejde" → klynge + samarbejde; "eksportør" does not split (no word "ør");
 * - typos: a word nothing else knows is read as the one topic or fact word within edit distance
 *   1 (4–7 letters) or 2 (8 letters or more), when exactly one is that close.
 * THE WINNER: the longest matched phrase (topics and synonyms before derived words), then the
 * earliest in the text; a synonym with several goals → all of them (the caller asks which).
 * Only the first WORD_LIMIT words get compound and typo analysis, which keeps a 100 KB message linear.
 */

interface TopicEntry {
  goalIds: readonly string[];
  /** Stems of each word of the phrase, in order. */
  words: readonly ReadonlySet<string>[];
  /** Rank: phrase length; derived words rank below every topic and synonym. */
  size: number;
}

export interface TopicIndex {
  entries: readonly TopicEntry[];
  /** Entries by each stem of their first word: a question only tries the entries its words can start. */
  byFirstStem: ReadonlyMap<string, readonly TopicEntry[]>;
  /** Stems and folded forms of every word of the contract's text and the parser's lists: compound parts must be in it. */
  vocabulary: ReadonlySet<string>;
  /** Folded single words a typo may stand for. */
  typoTargets: readonly string[];
  /** Per goal id, the stems of its KPI labels by KPI id (for "NPS" → 3b). */
  kpiWords: ReadonlyMap<string, ReadonlyArray<{ kpiId: string; stems: ReadonlySet<string> }>>;
}

export interface TopicHit {
  goalIds: readonly string[];
  /** Index of the first word of the match. */
  at: number;
  /** How many words it spans. */
  length: number;
}

const MIN_STEM = 5;
const DERIVED_RANK = -1_000;
const WORD_LIMIT = 200;
const MAX_COMPOUND_LENGTH = 40;
const MIN_PART = 3;
/** Endings that inflect a word without changing what it names (folded); kept beside the stemmer for English plurals. */
const INFLECTION_ENDINGS = ['ernes', 'erne', 'ene', 'ens', 'ets', 'ers', 'er', 'en', 'et', 'es', 'e', 'n', 'r', 's', 't'];
/** Fact and command words a typo may stand for, beside the topics (normal spelling). */
const EXTRA_TYPO_TARGETS = ['baseline', 'metode', 'segmenter', 'afrapportering', 'oversigt', 'frister', 'historik', 'påmindelser', 'status', 'kontrakten', 'risiko', 'opfyldt'];
/** Words too common in the contract to say which goal is meant (folded stems are compared). */
const GENERIC = ['erhvervshus', 'erhvervshuset', 'erhvervshusene', 'sydjylland', 'virksomheder', 'virksomhed', 'andel', 'vejledning', 'vejledte', 'mindst', 'procentpoint', 'forhold', 'kontrolgruppe', 'måling', 'efteråret', 'alle', 'mod', 'med', 'for', 'der', 'til', 'husets', 'segment', 'segmentet', 'driftssegmentet', 'vækstsegmentet', 'hver', 'ledestjernen', 'ledestjernerne', 'forventer', 'positiv', 'effekt', 'kendskab', 'nationale', 'lokale', 'året', 'år', 'før', 'efter', 'benyttet', 'kommuner', 'kommune'];

export function tokenizeFolded(normalized: string): string[] {
  return foldDanish(normalized)
    .replace(/['’ʼ`]/g, '')
    .replace(/#/g, ' # ')
    .split(/[^\p{L}\p{N}#]+/u)
    .filter((t) => t.length > 0);
}

const foldedWords = (text: string): string[] => tokenizeFolded(normalizeQuestion(text));

/** The word itself, its Snowball stem, and what is left after removing one light inflection ending. */
export function stemsOf(word: string): Set<string> {
  const out = new Set([word]);
  if (/\d/.test(word)) return out;
  const snow = danishStem(word);
  if (snow.length >= 3) out.add(snow);
  for (const ending of INFLECTION_ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const base = word.slice(0, -ending.length);
    if (base.length >= MIN_STEM) out.add(base);
    // grønne → grønn → grøn
    const last = base[base.length - 1];
    if (last !== undefined && last === base[base.length - 2] && !/[aeiouy]/.test(last) && base.length - 1 >= MIN_STEM) out.add(base.slice(0, -1));
  }
  return out;
}

const indexCache = new WeakMap<object, TopicIndex>();

/** The index over a contract's goals (cached per goals array: the contract is immutable data). */
export function topicIndexFor(contract: Pick<ContractData, 'goals'>, parserWords: ReadonlySet<string>): TopicIndex {
  const goals: readonly Goal[] = Array.isArray(contract?.goals) ? contract.goals : [];
  const cached = indexCache.get(goals);
  if (cached) return cached;
  const ids = new Set(goals.map((g) => g.id.toLowerCase()));
  const entries: TopicEntry[] = [];
  const phraseEntry = (goalIds: readonly string[], phrase: string, rank?: number): void => {
    const words = foldedWords(phrase);
    if (words.length === 0) return;
    entries.push({ goalIds, words: words.map(stemsOf), size: rank ?? words.join(' ').length });
  };
  for (const g of goals) for (const topic of g.topics ?? []) phraseEntry([g.id.toLowerCase()], topic);
  for (const s of synonymFile.synonyms) {
    const known = s.goals.map((id) => id.toLowerCase()).filter((id) => ids.has(id));
    if (known.length > 0) phraseEntry(known, s.phrase);
  }

  // Derived: title and KPI-label words used by one goal only.
  const generic = new Set(GENERIC.flatMap((w) => [...stemsOf(foldedWords(w)[0] ?? w)]));
  const owners = new Map<string, Set<string>>();
  for (const g of goals) {
    const texts = [g.title, ...(g.kpis ?? []).map((k) => k.label)];
    for (const word of texts.flatMap(foldedWords)) {
      if (word.length < MIN_STEM || /\d/.test(word) || parserWords.has(word)) continue;
      const stem = danishStem(word);
      if (stem.length < MIN_STEM || generic.has(stem) || generic.has(word)) continue;
      const set = owners.get(stem) ?? new Set<string>();
      set.add(g.id.toLowerCase());
      owners.set(stem, set);
    }
  }
  for (const [stem, goalIds] of owners) {
    if (goalIds.size === 1) entries.push({ goalIds: [...goalIds], words: [new Set([stem])], size: DERIVED_RANK + stem.length });
  }

  const vocabulary = new Set<string>();
  const addWord = (w: string): void => {
    if (w.length < MIN_PART || /\d/.test(w)) return;
    vocabulary.add(w);
    vocabulary.add(danishStem(w));
  };
  for (const g of goals) {
    const texts = [g.title, g.purpose, ...(g.topics ?? []), ...(g.kpis ?? []).flatMap((k) => [k.label, k.targetText, k.method])];
    for (const w of texts.flatMap(foldedWords)) addWord(w);
  }
  for (const s of synonymFile.synonyms) for (const w of foldedWords(s.phrase)) addWord(w);
  for (const w of parserWords) addWord(w);

  const typoTargets = [...new Set([
    ...goals.flatMap((g) => (g.topics ?? []).flatMap(foldedWords)),
    ...synonymFile.synonyms.flatMap((s) => foldedWords(s.phrase)),
    ...EXTRA_TYPO_TARGETS.flatMap(foldedWords),
  ])].filter((w) => w.length >= 4);

  const kpiWords = new Map<string, Array<{ kpiId: string; stems: ReadonlySet<string> }>>();
  for (const g of goals) {
    // A word of the goal's title found the goal; it does not pick one of its KPIs ("kendskab" → mål 1, all three).
    const titleStems = new Set(foldedWords(g.title).flatMap((w) => [...stemsOf(w)]));
    kpiWords.set(g.id.toLowerCase(), (g.kpis ?? []).map((k) => ({
      kpiId: k.id,
      stems: new Set(foldedWords(k.label).filter((w) => w.length >= 3 && !parserWords.has(w)).flatMap((w) => [...stemsOf(w)]).filter((x) => !titleStems.has(x))),
    })));
  }

  const byFirstStem = new Map<string, TopicEntry[]>();
  for (const e of entries) for (const stem of e.words[0] ?? []) byFirstStem.set(stem, [...(byFirstStem.get(stem) ?? []), e]);
  const index: TopicIndex = { entries, byFirstStem, vocabulary, typoTargets, kpiWords };
  indexCache.set(goals, index);
  return index;
}

function inVocabulary(part: string, index: TopicIndex): boolean {
  return part.length >= MIN_PART && (index.vocabulary.has(part) || index.vocabulary.has(danishStem(part)));
}

/** "coronahjaelpen" → ["corona", "hjaelpen"]; undefined when the word is not two words of the vocabulary. */
export function splitCompound(word: string, index: TopicIndex): readonly [head: string, tail: string] | undefined {
  if (word.length < 2 * MIN_PART + 1 || word.length > MAX_COMPOUND_LENGTH || /\d/.test(word)) return undefined;
  for (let cut = word.length - MIN_PART; cut >= MIN_PART; cut--) {
    const tail = word.slice(cut);
    if (!inVocabulary(tail, index)) continue;
    const head = word.slice(0, cut);
    if (inVocabulary(head, index)) return [head, tail];
    // a linking s or e: "afrapporterings|frister", "klynge|samarbejde" (klynge is the word itself)
    const linked = head.slice(0, -1);
    if ((head.endsWith('s') || head.endsWith('e')) && inVocabulary(linked, index)) return [linked, tail];
  }
  return undefined;
}

/** The one typo target within the allowed distance, or undefined (none, or two equally close). */
function typoOf(word: string, index: TopicIndex, known: ReadonlySet<string>): string | undefined {
  // Only words the contract and the parser do not know; an inflected known word is the stems' business.
  if (word.length < 4 || word.length > 30 || /\d/.test(word) || known.has(word) || index.vocabulary.has(word)) return undefined;
  const bound = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const target of index.typoTargets) {
    if (Math.abs(target.length - word.length) > bound) continue;
    const d = distance(word, target);
    if (d > bound) continue;
    if (d < bestDistance) {
      best = target;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && target !== best) tie = true;
  }
  return tie ? undefined : best;
}

export interface ReadWords extends QuestionWords {
  /** The last part of each compound ("afrapporteringsfrister" → "frister"): in Danish it names what the word is. */
  tails: readonly string[];
}

/**
 * The question's folded words as the parser reads them: typos corrected to the word they stand for,
 * and per word every stem it may stand for, compound parts included.
 */
export function readWords(rawTokens: readonly string[], index: TopicIndex, known: ReadonlySet<string>): ReadWords {
  const tokens: string[] = [];
  const stems: Set<string>[] = [];
  const tails: string[] = [];
  rawTokens.forEach((raw, i) => {
    const deep = i < WORD_LIMIT;
    const token = deep ? (typoOf(raw, index, known) ?? raw) : raw;
    const s = stemsOf(token);
    if (deep && !known.has(token)) {
      const parts = splitCompound(token, index);
      if (parts !== undefined) {
        for (const p of parts) for (const x of stemsOf(p)) s.add(x);
        tails.push(parts[1]);
      }
    }
    tokens.push(token);
    stems.push(s);
  });
  return { tokens, stems, tails };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** The best topic match (rules in the file comment), or undefined. */
export function findTopic(q: QuestionWords, index: TopicIndex): TopicHit | undefined {
  const candidates = new Set<TopicEntry>();
  for (const stems of q.stems) for (const stem of stems) for (const e of index.byFirstStem.get(stem) ?? []) candidates.add(e);
  let best: { entry: TopicEntry; at: number } | undefined;
  // In index order, as before: among equally long phrases the earliest match wins, then the first entry.
  for (const entry of index.entries) {
    if (!candidates.has(entry)) continue;
    if (best && entry.size < best.entry.size) continue;
    for (let i = 0; i + entry.words.length <= q.stems.length; i++) {
      if (best && entry.size === best.entry.size && i >= best.at) break;
      if (entry.words.every((w, j) => intersects(q.stems[i + j] as ReadonlySet<string>, w))) {
        best = { entry, at: i };
        break;
      }
    }
  }
  return best === undefined ? undefined : { goalIds: best.entry.goalIds, at: best.at, length: best.entry.words.length };
}

/**
 * Every topic in the question, in the order written: the best match, then the best among the words
 * left, and so on ("kendskabet og tilfredsheden" → mål 1, mål 3). At most `limit` matches.
 */
export function findTopics(q: QuestionWords, index: TopicIndex, limit = 6): TopicHit[] {
  const stems = [...q.stems];
  const hits: TopicHit[] = [];
  const none: ReadonlySet<string> = new Set();
  while (hits.length < limit) {
    const hit = findTopic({ tokens: q.tokens, stems }, index);
    if (hit === undefined) break;
    hits.push(hit);
    for (let i = hit.at; i < hit.at + hit.length; i++) stems[i] = none;
  }
  return hits.sort((a, b) => a.at - b.at);
}

/** The one KPI of a goal whose label the question's words meet most ("NPS" → 3b), or undefined. */
export function findKpi(q: QuestionWords, index: TopicIndex, goalId: string): string | undefined {
  const kpis = index.kpiWords.get(goalId.toLowerCase()) ?? [];
  if (kpis.length < 2) return undefined;
  const scores = kpis.map((k) => ({ kpiId: k.kpiId, score: q.stems.filter((s) => intersects(s, k.stems)).length }));
  const top = Math.max(...scores.map((s) => s.score));
  const winners = scores.filter((s) => s.score === top);
  return top > 0 && winners.length === 1 ? winners[0]!.kpiId : undefined;
}
