/**
 * Makes a data-derived string safe to put in a TextBlock `text` (which Teams renders as markdown):
 * markdown characters (autolinks' `<` included) get a backslash (CommonMark escapes, rendered as the plain character), list
 * markers at the start of a line are neutralised, and "${" becomes "$\{" so a value can never look
 * like a template expression to adaptivecards-templating or to the leftover check.
 *
 * Every string a view model takes from the contract file or the measurement store goes through
 * this; the card functions only add their own fixed words.
 */
// Adaptive Card TextBlocks understand only a markdown subset: **bold**, _italic_, lists and
// [links](url); Teams' renderer also turns CommonMark autolinks (`<https://…>`, `<a@b.dk>`) into
// links. Escaping just what can start those keeps ordinary text like "(NPS)" or "> 5" clean.
const MARKDOWN_CHARS = /[\\[\]*_<]/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_CHARS, (c) => `\\${c}`)
    .replace(/\$\{/g, '$\\{')
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)([-+])/, '$1\\$2') // "- punkt", "+ punkt"
        .replace(/^(\s*\d+)\.(?=\s|$)/, '$1\\.'), // "1. punkt"
    )
    .join('\n');
}
