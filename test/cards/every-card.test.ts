import assert from 'node:assert/strict';
import { everyCard } from '../helpers/every-card';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { chartsAsFallback } from '../helpers/charts-as-fallback';

/**
 * What holds for every card the bot can send: valid, under the size budget, every button a
 * Universal Action (or client-side) with a title, and no text that Teams' markdown would turn into
 * a list, a heading or a link — the one text pipeline (cards/escape-markdown.ts) for every builder.
 */
const CLIENT_SIDE = ['Action.ToggleVisibility', 'Action.ShowCard', 'Action.OpenUrl'];

/** Markdown that would change how a text renders, unless escaped. */
const MARKDOWN_STRUCTURE: Array<[string, RegExp]> = [
  ['numbered list', /^\s*\d+\.(\s|$)/m],
  ['bullet list', /^\s*[-+*]\s/m],
  ['heading', /^\s*#{1,6}\s/m],
  ['link', /(^|[^\\])\[[^\]]*(^|[^\\])\]\(/],
];

function texts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (Array.isArray(o.facts)) for (const f of o.facts as Array<{ title: string; value: string }>) out.push(f.title, f.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function actions(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown, skip: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, skip));
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (!skip && typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o);
      for (const [k, v] of Object.entries(o)) walk(v, skip || k === 'fallback');
    }
  };
  walk(card, false);
  return out;
}

describe('every card the bot can send', function () {
  const cards = everyCard();

  it('covers all card kinds', function () {
    assert.ok(cards.length >= 30, String(cards.length));
  });

  for (const { name, card } of cards) {
    it(`${name}: valid, buttons are Universal Actions with titles, no accidental markdown`, function () {
      assertSendableCard(chartsAsFallback(card)); // Teams charts are outside the 1.5 schema; their fallback is checked
      for (const a of actions(card)) {
        assert.ok(a.type === 'Action.Execute' || CLIENT_SIDE.includes(String(a.type)), `${name}: ${JSON.stringify(a).slice(0, 200)}`);
        assert.ok(typeof a.title === 'string' && a.title.trim() !== '', `${name}: a button without a title`);
        if (a.type === 'Action.Execute') assert.ok(a.fallback === undefined || (a.fallback as { data?: { msteams?: unknown } }).data?.msteams === undefined, 'no imBack');
      }
      for (const t of texts(card)) {
        for (const [what, re] of MARKDOWN_STRUCTURE) assert.ok(!re.test(t), `${name}: "${t.slice(0, 80)}" would render as a ${what}`);
      }
    });
  }
});
