import { newStemmer } from 'snowball-stemmers';

/**
 * The Danish Snowball stemmer (snowball-stemmers): "tilfredse", "tilfredshed" → "tilfreds";
 * "virksomhederne" → "virksomhed". Words reach it folded (æ→ae, features/ask/normalize-question.ts)
 * on both sides — the question and the contract's vocabulary — so the stems compare equal.
 * Memoised: a contract has a few thousand distinct words and a question a handful.
 */
const stemmer = newStemmer('danish');
const cache = new Map<string, string>();
const MAX_CACHE = 20_000;

export function danishStem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const stem = word.length > 40 ? word : stemmer.stem(word);
  if (cache.size < MAX_CACHE) cache.set(word, stem);
  return stem;
}
