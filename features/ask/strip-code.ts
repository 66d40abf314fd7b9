/**
 * Replaces code in a message with a space before it is read: template expressions (`${1+1}`,
 * `{{ goal }}`), backtick spans and fences, and Teams' `<code>`/`<pre>` elements. A number inside
 * code is not a goal number ("status mål ${1+1}" must not answer Mål 1).
 *
 * One forward pass; each search for a closing delimiter starts where the opening one was found and
 * an unclosed opener is left as text, so the work is linear in the length of the message.
 */
const PAIRS: ReadonlyArray<readonly [open: string, close: string]> = [
  ['```', '```'],
  ['${', '}'],
  ['{{', '}}'],
  ['`', '`'],
  ['<code', '</code>'],
  ['<pre', '</pre>'],
];

export function stripCode(text: string): string {
  if (typeof text !== 'string') return text;
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return text; // positions would differ; such text has no Teams code markup
  // The next position of each opener, searched forward only (never again from before it).
  const nextOpen = PAIRS.map(([open]) => lower.indexOf(open));
  const out: string[] = [];
  let copyFrom = 0;
  let pos = 0;
  for (;;) {
    let which = -1;
    for (let k = 0; k < PAIRS.length; k++) {
      if (nextOpen[k]! < pos && nextOpen[k] !== -1) nextOpen[k] = lower.indexOf(PAIRS[k]![0], pos);
      const at = nextOpen[k]!;
      if (at !== -1 && (which === -1 || at < nextOpen[which]!)) which = k;
    }
    if (which === -1) break;
    const [open, close] = PAIRS[which]!;
    const start = nextOpen[which]!;
    const end = lower.indexOf(close, start + open.length);
    if (end === -1) {
      // Unclosed: this opener never closes later either; stop looking for it.
      nextOpen[which] = -1;
      continue;
    }
    out.push(text.slice(copyFrom, start), ' ');
    copyFrom = end + close.length;
    pos = copyFrom;
  }
  out.push(text.slice(copyFrom));
  return out.join('');
}
