import { isRecord, readInput, type CardInput, type Json } from './card-inputs';

/**
 * An Adaptive Card as terminal text, readable rather than pixel-true: TextBlocks as lines,
 * FactSets as aligned "title  value" rows, ColumnSets and Tables side by side, Containers in
 * order (a separator as a rule), elements the terminal cannot show (Teams' Chart.* extensions,
 * anything unknown) through their `fallback` like an Adaptive Card host does, input fields with
 * their label and start value, and every action as a numbered button "[n] Title".
 */

/** A button the user can press by number. `inputs` are the fields it submits (its card's and its parents'). */
export interface CardButton {
  number: number;
  title: string;
  action: Json;
  inputs: readonly CardInput[];
}

export interface TextStyle {
  bold(s: string): string;
  subtle(s: string): string;
  color(name: string, s: string): string;
}

export const plainStyle: TextStyle = { bold: (s) => s, subtle: (s) => s, color: (_n, s) => s };

/** ANSI styling for a real terminal (`npm run chat` uses it when stdout is a TTY). */
export const ansiStyle: TextStyle = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  subtle: (s) => `\u001b[2m${s}\u001b[22m`,
  color: (name, s) => {
    const code = { good: 32, attention: 31, warning: 33, accent: 36 }[name.toLowerCase()];
    return code === undefined ? s : `\u001b[${code}m${s}\u001b[39m`;
  },
};

export interface RenderOptions {
  style?: TextStyle;
  /** Gives each button its number (the chat numbers buttons across all cards of a turn). */
  register: (button: Omit<CardButton, 'number'>) => number;
  /** Inputs of enclosing cards (for a card shown by Action.ShowCard). */
  parentInputs?: readonly CardInput[];
}

const RULE = '─'.repeat(32);
const MAX_SIDE_BY_SIDE_WIDTH = 120;

interface Context {
  style: TextStyle;
  register: RenderOptions['register'];
  /** What an action in this card submits. */
  inputs: readonly CardInput[];
}

export function renderCard(card: unknown, options: RenderOptions): string[] {
  if (!isRecord(card)) return ['[tomt kort]'];
  const own = collectInputs(card.body);
  const ctx: Context = { style: options.style ?? plainStyle, register: options.register, inputs: [...(options.parentInputs ?? []), ...own] };
  const lines = renderElements(card.body, ctx);
  if (Array.isArray(card.actions) && card.actions.length > 0) lines.push(renderActions(card.actions, ctx));
  return lines;
}

/** Every input field of a card body (not of cards inside Action.ShowCard: those submit their own). */
export function collectInputs(body: unknown): CardInput[] {
  const found: CardInput[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      const input = readInput(node);
      if (input) found.push(input);
      for (const key of ['items', 'columns', 'rows', 'cells']) if (key in node) walk(node[key]);
    }
  };
  walk(body);
  return found;
}

function renderElements(elements: unknown, ctx: Context): string[] {
  if (!Array.isArray(elements)) return [];
  const out: string[] = [];
  for (let i = 0; i < elements.length; i++) {
    // A run of ColumnSets (one table row each, like the overview's goals) is aligned as one table.
    let end = i;
    while (end + 1 < elements.length && isColumnSet(elements[end + 1]) && !(elements[end + 1] as Json).separator) end++;
    if (isColumnSet(elements[i]) && end > i) {
      out.push(...renderColumnSetRun(elements.slice(i, end + 1) as Json[], ctx));
      i = end;
    } else out.push(...renderElement(elements[i], ctx));
  }
  return out;
}

function isColumnSet(el: unknown): boolean {
  return isRecord(el) && el.type === 'ColumnSet' && el.isVisible !== false;
}

function columnBlocks(set: Json, ctx: Context): string[][] {
  const columns = (Array.isArray(set.columns) ? set.columns : []).filter(isRecord).filter((c) => c.isVisible !== false);
  return columns.map((c) => renderElements(c.items, ctx)).filter((b) => b.length > 0);
}

function renderColumnSetRun(sets: Json[], ctx: Context): string[] {
  const rows = sets.map((set) => columnBlocks(set, ctx));
  const count = rows[0]?.length ?? 0;
  const tabular = rows.every((r) => r.length === count && r.every((block) => block.length === 1));
  // A row that opens something when tapped (the overview's goals: selectAction) gets its button number at the end.
  const lines = tabular
    ? alignRows(rows.map((r) => r.map((block) => block[0]!))).map((line, i) => withSelectAction(line, sets[i]!, ctx))
    : rows.flatMap((r, i) => withSelectActionLines(sideBySide(r), sets[i]!, ctx));
  return sets[0]!.separator === true && lines.length > 0 ? [ctx.style.subtle(RULE), ...lines] : lines;
}

/** " [3] Status for Mål 1" after a line whose element has a selectAction. */
function withSelectAction(line: string, el: Json, ctx: Context): string {
  if (!isRecord(el.selectAction)) return line;
  return `${line}   ${renderActions([el.selectAction], ctx)}`;
}

function withSelectActionLines(lines: string[], el: Json, ctx: Context): string[] {
  if (!isRecord(el.selectAction) || lines.length === 0) return lines;
  return [...lines.slice(0, -1), withSelectAction(lines[lines.length - 1]!, el, ctx)];
}

function alignRows(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, visibleLength(cell))), []);
  if (widths.reduce((a, b) => a + b + 2, 0) > MAX_SIDE_BY_SIDE_WIDTH) return rows.map((row) => row.join('  '));
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? padVisible(cell, widths[i]!) : cell)).join('  ').trimEnd());
}

function renderElement(el: unknown, ctx: Context): string[] {
  if (!isRecord(el) || el.isVisible === false) return [];
  const body = withSelectActionLines(renderBody(el, ctx), el, ctx);
  return el.separator === true && body.length > 0 ? [ctx.style.subtle(RULE), ...body] : body;
}

function renderBody(el: Json, ctx: Context): string[] {
  const { style } = ctx;
  switch (el.type) {
    case 'TextBlock':
      return textLines(typeof el.text === 'string' ? el.text : '').map((line) => styled(markdownToText(line, style), el, style));
    case 'RichTextBlock': {
      const inlines = Array.isArray(el.inlines) ? el.inlines : [];
      const text = inlines.map((i) => (typeof i === 'string' ? i : isRecord(i) && typeof i.text === 'string' ? styled(i.text, i, style) : '')).join('');
      return textLines(text);
    }
    case 'FactSet': {
      const facts = (Array.isArray(el.facts) ? el.facts : []).filter(isRecord).map((f) => [markdownToText(String(f.title ?? '')), markdownToText(String(f.value ?? ''), style)] as const);
      const width = Math.max(0, ...facts.map(([t]) => t.length));
      return facts.flatMap(([title, value]) => {
        const [first = '', ...rest] = textLines(value);
        return [`${style.bold(title.padEnd(width))}  ${first}`.trimEnd(), ...rest.map((r) => `${' '.repeat(width + 2)}${r}`)];
      });
    }
    case 'Container':
      return renderElements(el.items, ctx);
    case 'ColumnSet':
      return sideBySide(columnBlocks(el, ctx));
    case 'Table': {
      const rows = (Array.isArray(el.rows) ? el.rows : []).filter(isRecord);
      const grid = rows.map((r) => (Array.isArray(r.cells) ? r.cells : []).filter(isRecord).map((cell) => renderElements(cell.items, ctx).join(' ')));
      const widths = grid.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, visibleLength(cell))), []);
      return grid.map((row) => row.map((cell, i) => (i < row.length - 1 ? padVisible(cell, widths[i] ?? 0) : cell)).join(' │ ').trimEnd());
    }
    case 'Image':
      return [style.subtle(`[billede${typeof el.altText === 'string' && el.altText !== '' ? `: ${el.altText}` : ''}]`)];
    case 'ImageSet':
      return [style.subtle(`[${Array.isArray(el.images) ? el.images.length : 0} billeder]`)];
    case 'ActionSet':
      return Array.isArray(el.actions) && el.actions.length > 0 ? [renderActions(el.actions, ctx)] : [];
    default:
      if (typeof el.type === 'string' && el.type.startsWith('Input.')) return renderInput(el, style);
      return renderUnknown(el, ctx);
  }
}

/** As an Adaptive Card host does: an element it cannot show is replaced by its fallback, or dropped. */
function renderUnknown(el: Json, ctx: Context): string[] {
  if (isRecord(el.fallback)) return renderElement(el.fallback, ctx);
  if (el.fallback === 'drop') return [];
  return [ctx.style.subtle(`[${String(el.type)} kan ikke vises i terminalen]`)];
}

function renderInput(el: Json, style: TextStyle): string[] {
  const input = readInput(el);
  if (!input) return [];
  const required = input.isRequired ? '*' : '';
  const shown = input.initial === '' ? style.subtle('(tom)') : input.initial;
  const lines = [`✎ ${style.bold(`${input.label}${required}`)}: ${shown}  ${style.subtle(`[${input.id}]`)}`];
  if (input.choices.length > 0) lines.push(`    ${input.choices.map((c, i) => `${i + 1}) ${c.title}`).join('  ')}`);
  return lines;
}

function renderActions(actions: unknown[], ctx: Context): string {
  const labels: string[] = [];
  for (const action of actions) {
    if (!isRecord(action) || action.isEnabled === false) continue;
    const title = typeof action.title === 'string' && action.title !== '' ? action.title : String(action.type ?? 'Handling');
    const inputs = action.associatedInputs === 'none' ? [] : ctx.inputs;
    const number = ctx.register({ title, action, inputs });
    const hint = action.type === 'Action.OpenUrl' ? ` (${String(action.url ?? '')})` : action.type === 'Action.ShowCard' ? ' …' : '';
    labels.push(`${ctx.style.bold(`[${number}]`)} ${title}${hint}`);
  }
  return labels.join('   ');
}

function styled(text: string, el: Json, style: TextStyle): string {
  let s = text;
  if (el.weight === 'Bolder' || el.weight === 'bolder') s = style.bold(s);
  if (el.isSubtle === true) s = style.subtle(s);
  if (typeof el.color === 'string' && el.color !== 'Default') s = style.color(el.color, s);
  return s;
}

// Private-use characters stand in for escaped ones while the markdown is read.
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!<>|~$])/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * The little markdown Teams renders in a TextBlock, as terminal text: backslash escapes become the
 * plain character (the cards escape data with cards/escape-markdown.ts), [text](url) becomes
 * "text (url)", **bold** is emphasised. Everything else stays as written.
 */
export function markdownToText(line: string, style: TextStyle = plainStyle): string {
  const escaped: string[] = [];
  return line
    .replace(ESCAPED, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE001`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => style.bold(inner))
    .replace(PLACEHOLDER, (_m, i: string) => escaped[Number(i)] ?? '');
}

/** Markdown line breaks and HTML-ish breaks as lines; trailing blanks dropped. */
function textLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).filter((l, i, all) => l !== '' || (i > 0 && i < all.length - 1));
}

/** Columns next to each other when they fit, else one under the other. Empty columns (spacers) vanish. */
function sideBySide(blocks: string[][]): string[] {
  const columns = blocks.filter((b) => b.length > 0);
  if (columns.length <= 1) return columns[0] ?? [];
  const widths = columns.map((b) => Math.max(...b.map(visibleLength)));
  if (widths.reduce((a, b) => a + b + 2, 0) > MAX_SIDE_BY_SIDE_WIDTH) return columns.flat();
  const rows = Math.max(...columns.map((b) => b.length));
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    out.push(columns.map((b, i) => (i < columns.length - 1 ? padVisible(b[r] ?? '', widths[i]!) : (b[r] ?? ''))).join('  ').trimEnd());
  }
  return out;
}

// Built from a string so that no control character sits in a regex literal.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

function padVisible(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visibleLength(s)));
}
