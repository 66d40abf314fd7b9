import assert from 'node:assert/strict';
import { renderCard, ansiStyle, markdownToText, type CardButton } from '../../../scripts/chat/render-card';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { helpCard } from '../../../features/ask/help-card';
import { overviewCard } from '../../../features/status/overview-card';
import { cardText } from '../../helpers/running-app';
import { adaptiveCard, textBlock } from '../../../cards/adaptive-card';
import { trendChart } from '../../../cards/trend-chart';

function render(card: unknown) {
  const buttons: Array<Omit<CardButton, 'number'>> = [];
  const lines = renderCard(card, { register: (b) => buttons.push(b) });
  return { lines, text: lines.join('\n'), buttons };
}

describe('chat: cards as terminal text (scripts/chat/render-card.ts)', () => {
  it('shows TextBlocks as lines and FactSets as aligned title/value rows', () => {
    const { lines } = render(
      adaptiveCard([
        textBlock('Mål 4 – Knudepunkt', { weight: 'Bolder' }),
        { type: 'FactSet', facts: [{ title: 'Mål', value: 'mindst 45 %' }, { title: 'Seneste måling', value: '47 %' }] },
      ]),
    );
    assert.deepEqual(lines, ['Mål 4 – Knudepunkt', 'Mål             mindst 45 %', 'Seneste måling  47 %']);
  });

  it('puts columns side by side, and aligns a run of ColumnSets as one table (empty spacer columns vanish)', () => {
    const row = (label: string, title: string, status: string, indent = false) => ({
      type: 'ColumnSet',
      columns: [
        ...(indent ? [{ type: 'Column', items: [] }] : []),
        { type: 'Column', items: [textBlock(label)] },
        { type: 'Column', items: [textBlock(title)] },
        { type: 'Column', items: [textBlock(status)] },
      ],
    });
    const { lines } = render(adaptiveCard([row('Mål 1', 'Kendskab', 'Opfyldt'), row('9a', 'Grøn omstilling og eksport', 'I risiko', true)]));
    assert.deepEqual(lines, ['Mål 1  Kendskab                    Opfyldt', '9a     Grøn omstilling og eksport  I risiko']);
  });

  it('draws a rule for a separator and skips hidden elements', () => {
    const { lines } = render(adaptiveCard([textBlock('før'), { type: 'Container', separator: true, items: [textBlock('efter')] }, textBlock('skjult', { isVisible: false })]));
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /^─+$/);
    assert.equal(lines[2], 'efter');
  });

  it('shows a Teams chart through its fallback (the same facts as text), drops "drop", and names what it cannot show', () => {
    const chart = {
      type: 'Chart.Line',
      title: 'Udvikling',
      data: [],
      fallback: { type: 'FactSet', facts: [{ title: '2020', value: '32 %' }, { title: '2021', value: '35 %' }] },
    };
    const { lines } = render(adaptiveCard([chart, { type: 'Chart.Donut', fallback: 'drop' }, { type: 'Media', sources: [] }]));
    assert.deepEqual(lines, ['2020  32 %', '2021  35 %', '[Media kan ikke vises i terminalen]']);
  });

  it('shows the real trend chart (cards/trend-chart.ts) as its title and the image\'s text with the same numbers', () => {
    const chart = trendChart({
      title: 'Udvikling 4a',
      id: '4a',
      lines: [{ legend: '4a', points: [{ date: '2020-09-30', y: 41, shown: '41 %' }, { date: '2021-09-30', y: 47, shown: '47 %' }] }],
      formatTick: (v) => `${v} %`,
      axisDate: (d) => d.slice(0, 4),
      fullDate: (d) => d,
    });
    const lines = render(adaptiveCard([chart])).lines;
    assert.equal(lines[0], 'Udvikling 4a');
    assert.match(lines[1]!, /^\[billede: Udvikling 4a: 4a 41 % \(2020-09-30\), 47 % \(2021-09-30\)\]$/);
  });

  it('shows form fields with label, required mark, start value and id, and choices numbered', () => {
    const { lines, buttons } = render(
      adaptiveCard(
        [
          { type: 'Input.Number', id: 'value', label: 'Værdi', isRequired: true },
          { type: 'Input.Date', id: 'measuredOn', label: 'Målt den', value: '2021-09-30' },
          { type: 'Input.ChoiceSet', id: 'segment', label: 'Segment', choices: [{ title: 'Syd', value: 'syd' }, { title: 'Nord', value: 'nord' }] },
        ],
        [{ type: 'Action.Execute', title: 'Gem', verb: 'save' }],
      ),
    );
    assert.deepEqual(lines, [
      '✎ Værdi*: (tom)  [value]',
      '✎ Målt den: 2021-09-30  [measuredOn]',
      '✎ Segment: (tom)  [segment]',
      '    1) Syd  2) Nord',
      '[1] Gem',
    ]);
    assert.deepEqual(buttons[0]!.inputs.map((i) => i.id), ['value', 'measuredOn', 'segment']);
  });

  it('numbers every action (card actions, ActionSets, ShowCard) and gives each the inputs it submits', () => {
    const { text, buttons } = render(
      adaptiveCard(
        [{ type: 'Input.Text', id: 'note' }, { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Kontrakten', url: 'https://example.dk/k' }] }],
        [
          { type: 'Action.Submit', title: 'Send', data: { verb: 'send' } },
          { type: 'Action.Execute', title: 'Uden felter', verb: 'x', associatedInputs: 'none' },
          { type: 'Action.ShowCard', title: 'Mere', card: adaptiveCard([textBlock('indre')]) },
        ],
      ),
    );
    assert.match(text, /\[1\] Kontrakten \(https:\/\/example\.dk\/k\)/);
    assert.match(text, /\[2\] Send {3}\[3\] Uden felter {3}\[4\] Mere …/);
    assert.deepEqual(buttons.map((b) => b.inputs.length), [1, 1, 0, 1]);
  });

  it('loses nothing the real help and overview cards show', () => {
    const overview = overviewCard({
      contractTitle: 'Resultatkontrakt 2021',
      asOf: '15. oktober 2021',
      periodNote: 'Kontraktperiode 1. januar 2021–31. december 2021.',
      final: false,
      language: 'da',
      summary: '1 opfyldt · 1 i risiko',
      demo: false,
      rows: [
        { goalId: '1', label: 'Mål 1', title: 'Kendskab', indent: false, status: { status: 'opfyldt', label: 'Opfyldt', color: 'good' } },
        { goalId: '9a', label: '9a', title: 'Ledestjerner', indent: true, status: { status: 'i risiko', label: 'I risiko', color: 'attention' } },
      ],
    });
    // What a card shows before any toggle: hidden parts (the help card's status legend) come on a key press.
    const visible = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.filter((n) => !(typeof n === 'object' && n !== null && (n as { isVisible?: unknown }).isVisible === false)).map(visible)
        : typeof node === 'object' && node !== null
          ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visible(v)]))
          : node;
    for (const card of [helpCard('da'), helpCard('en'), overview]) {
      const { text } = render(card);
      for (const shown of cardText(visible(card)).split('\n')) assert.ok(text.includes(shown), `"${shown}" is missing`);
    }
  });

  it('reads the markdown Teams renders: escapes, links, bold — and undoes cards/escape-markdown.ts exactly', () => {
    assert.equal(markdownToText('47 % \\(sep. 2021\\)'), '47 % (sep. 2021)');
    assert.equal(markdownToText('Se [kontrakten](https://example.dk/k) og **Mål 4**'), 'Se kontrakten (https://example.dk/k) og Mål 4');
    for (const raw of ['Erhvervsstyrelsen (brugerevaluering)', '**ikke fed** _x_ [a](b) #1 ${x} \\', '- punkt\n1. punkt']) {
      assert.equal(escapeMarkdown(raw).split('\n').map((l) => markdownToText(l)).join('\n'), raw);
    }
  });

  it('colours and emphasises for a terminal without changing the text', () => {
    const card = adaptiveCard([textBlock('I risiko', { color: 'attention', weight: 'Bolder' })]);
    const lines = renderCard(card, { style: ansiStyle, register: () => 1 });
    assert.notEqual(lines[0], 'I risiko');
    assert.equal(lines[0]!.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''), 'I risiko');
  });
});
