import type { Language } from '../../core/language';

/**
 * The goals a contract has, in words: ["1",…,"10","9a",…,"9d"] → "mål 1–10 (og 9a–9d)".
 * Runs of consecutive numbers and of consecutive letters under one number become ranges.
 */
export function describeGoalIds(ids: readonly string[]): string {
  const numbers = [...new Set(ids.filter((id) => /^\d+$/.test(id)).map(Number))].sort((a, b) => a - b);
  const lettered = ids.filter((id) => /^\d+[a-z]$/.test(id)).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));

  const main = ranges(numbers, (n) => String(n), (a, b) => b === a + 1);
  const subs = ranges(lettered, (id) => id, (a, b) => Number.parseInt(a, 10) === Number.parseInt(b, 10) && b.charCodeAt(b.length - 1) === a.charCodeAt(a.length - 1) + 1);

  if (main === '') return subs === '' ? 'ingen mål' : `mål ${subs}`;
  return subs === '' ? `mål ${main}` : `mål ${main} (og ${subs})`;
}

/** The same ranges without the word: ["1",…,"10","9a",…,"9d"] → "1–10, 9a–9d" (for "målene er 1–10, 9a–9d"). */
export function goalIdRanges(ids: readonly string[]): string {
  const numbers = [...new Set(ids.filter((id) => /^\d+$/.test(id)).map(Number))].sort((a, b) => a - b);
  const lettered = ids.filter((id) => /^\d+[a-z]$/.test(id)).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
  const main = ranges(numbers, (n) => String(n), (a, b) => b === a + 1);
  const subs = ranges(lettered, (id) => id, (a, b) => Number.parseInt(a, 10) === Number.parseInt(b, 10) && b.charCodeAt(b.length - 1) === a.charCodeAt(a.length - 1) + 1);
  return [main, subs].filter((p) => p !== '').join(', ');
}

/** "Kontrakten har ingen Mål 11 (målene er 1–10, 9a–9d)"; English: "The contract has no Goal 11 (the goals are 1–10, 9a–9d)". */
export function noSuchGoalText(requested: string, ids: readonly string[], language: Language = 'da'): string {
  return language === 'en' ? `The contract has no Goal ${requested} (the goals are ${goalIdRanges(ids)})` : `Kontrakten har ingen Mål ${requested} (målene er ${goalIdRanges(ids)})`;
}

function ranges<T>(items: readonly T[], show: (x: T) => string, follows: (a: T, b: T) => boolean): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i < items.length && follows(items[i - 1], items[i])) continue;
    const first = items[start];
    const last = items[i - 1];
    parts.push(start === i - 1 ? show(first) : `${show(first)}–${show(last)}`);
    start = i;
  }
  return items.length === 0 ? '' : parts.join(', ');
}
