import { stripMarkup } from './strip-markup';

/**
 * Turns the raw text of a Teams message into plain, comparable words.
 *
 * Teams sends HTML-ish text: channel messages start with the bot mention
 * (`<at>Målbot</at> status mål 4`), may be wrapped in `<p>`/`<div>`, carry `&nbsp;`
 * and other entities, and often end in a newline. The parser should not have to care.
 * Every step is linear in the text's length (no backtracking regex): the text is untrusted and
 * up to 100 000 characters long.
 */

/** Named entities we decode. Teams only sends a handful; unknown names stay as written. */
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    nbsp: '\u00A0',
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    aelig: 'æ',
    AElig: 'Æ',
    oslash: 'ø',
    Oslash: 'Ø',
    aring: 'å',
    Aring: 'Å',
    auml: 'ä',
    Auml: 'Ä',
    ouml: 'ö',
    Ouml: 'Ö',
    uuml: 'ü',
    Uuml: 'Ü',
    eacute: 'é',
    Eacute: 'É',
    shy: '\u00AD',
    ndash: '–',
    mdash: '—',
    hellip: '…',
    laquo: '«',
    raquo: '»',
    lsquo: '‘',
    rsquo: '’',
    ldquo: '“',
    rdquo: '”',
  }),
);

const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi;
/** Invisible characters that only get in the way of matching (soft hyphen, joiners, BOM). */
const INVISIBLE = /[\u00AD\u200C\u200D\u2060\uFEFF]/g;
/** A zero-width space separates words even though nothing shows. */
const ZERO_WIDTH_SPACE = /\u200B/g;
/** JS `\s` covers NBSP, U+2000–U+200A, U+202F, U+3000 and friends. */
const WHITESPACE_RUN = /\s+/g;
/** One character of edge punctuation; tested one code point at a time (a `[…]+$` regex is quadratic on a long run). */
const PUNCTUATION = /^[\p{P}<>`^~|]$/u;

export function normalizeQuestion(text: string): string {
  // Callers sit at the edge of untyped activity data; a missing text is just an empty question.
  if (typeof text !== 'string') return '';
  const plain = stripMarkup(text);
  const words = decodeEntities(plain)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(ZERO_WIDTH_SPACE, ' ')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .toLocaleLowerCase('da')
    .split(' ')
    .map(stripEdgePunctuation)
    .filter((w) => w.length > 0);
  return words.join(' ').normalize('NFC');
}

/**
 * Maps Danish letters to their two-letter spellings (æ→ae, ø→oe, å→aa), the way people
 * type without a Danish keyboard, so "maal" and "mål" compare equal once both are folded.
 * Swedish/German ä/ö fold the same way; other accents are dropped (abonnér → abonner).
 */
export function foldDanish(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[æä]/g, 'ae')
    .replace(/[ÆÄ]/g, 'AE')
    .replace(/[øö]/g, 'oe')
    .replace(/[ØÖ]/g, 'OE')
    .replace(/å/g, 'aa')
    .replace(/Å/g, 'AA')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, body: string) => {
    if (body[0] === '#') {
      const isHex = body[1] === 'x' || body[1] === 'X';
      const codePoint = isHex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return isValidCodePoint(codePoint) ? String.fromCodePoint(codePoint) : '\uFFFD';
    }
    // Exact name first (AElig vs aelig), then any casing (&NBSP;, &Amp;) — we lower-case later anyway.
    // A Map, not an object, so names like `constructor` are not found on the prototype.
    return NAMED_ENTITIES.get(body) ?? NAMED_ENTITIES.get(body.toLowerCase()) ?? whole;
  });
}

function isValidCodePoint(cp: number): boolean {
  return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

/** Punctuation off both ends of a word, except a leading `#` (so "#4" survives); linear in the word. */
function stripEdgePunctuation(word: string): string {
  const chars = Array.from(word);
  let start = 0;
  while (start < chars.length && chars[start] !== '#' && PUNCTUATION.test(chars[start]!)) start++;
  let end = chars.length;
  while (end > start && PUNCTUATION.test(chars[end - 1]!)) end--;
  return start === 0 && end === chars.length ? word : chars.slice(start, end).join('');
}
