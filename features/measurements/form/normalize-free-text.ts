/**
 * Free text from staff (form fields, CSV columns), made safe to store and to show to directors.
 *
 * Every field is single-line: a comment with line breaks could write a line that looks like the
 * bot's own ("ok\n\nNy status for 4a: Opfyldt ✅") into a card directors read, so line breaks
 * (and tabs) become spaces and runs of spaces one. Control characters (PostgreSQL cannot store
 * NUL) and bidirectional controls (U+202E turns "4a: 12 %" around on screen) are removed; a
 * stack of combining marks (Zalgo text that draws over the lines around it) is cut to
 * MAX_COMBINING_MARKS per letter; the word joiner the form uses to break up "${" is removed.
 * A value of only invisible characters (zero-width spaces, joiners, fillers) is flagged so the
 * caller refuses it rather than store something nobody can see. One pass, linear in the text.
 */
export interface NormalizedFreeText {
  text: string;
  /** Invisible characters (zero-width, bidi controls, fillers, lone marks) and nothing visible: the caller refuses it. */
  invisibleOnly: boolean;
}

/** Enough for any language staff write in (Danish needs none after NFC, Vietnamese two). */
export const MAX_COMBINING_MARKS = 2;

/** Bidirectional formatting: embeddings, overrides, isolates and the marks (LRM, RLM, ALM). */
const BIDI_CONTROLS = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
/** Removed wherever they are: zero-width space, word joiner (see form-fields.ts), BOM. */
const DROPPED_INVISIBLES = new Set([0x200b, 0x2060, 0xfeff]);
/** Kept inside text (emoji sequences, Persian, hyphenation) but never visible on their own. */
const INVISIBLES = new Set([0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200c, 0x200d, 0x2800, 0x3164, 0xffa0]);
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
const COMBINING_MARK = /^\p{M}$/u;
const FORMAT_OR_SPACE = /^[\p{Cf}\s]$/u;

export function normalizeFreeText(input: string): NormalizedFreeText {
  const out: string[] = [];
  let marks = 0;
  let pendingSpace = false;
  let visible = false;
  let hidden = false;
  for (const ch of input.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (LINE_BREAKS.has(cp) || cp === 0x09 || /\s/.test(ch)) {
      pendingSpace = out.length > 0;
      marks = 0;
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) continue;
    if (BIDI_CONTROLS.has(cp) || DROPPED_INVISIBLES.has(cp)) {
      hidden = true;
      continue;
    }
    if (COMBINING_MARK.test(ch)) {
      if (++marks > MAX_COMBINING_MARKS) continue;
    } else marks = 0;
    if (pendingSpace) out.push(' ');
    pendingSpace = false;
    out.push(ch);
    if (!INVISIBLES.has(cp) && !COMBINING_MARK.test(ch) && !FORMAT_OR_SPACE.test(ch)) visible = true;
    else hidden = true;
  }
  if (!visible) return { text: '', invisibleOnly: hidden };
  return { text: out.join('').normalize('NFC'), invisibleOnly: false };
}
