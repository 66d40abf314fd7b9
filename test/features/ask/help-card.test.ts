import { STATUSES } from '../../../core/status-types';
import { statusStyle } from '../../../features/status/status-style';
import assert from 'node:assert/strict';
import { STATUS_LEGEND_ID, helpCard } from '../../../features/ask/help-card';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';
import { parseQuestion } from '../../../features/ask/parse-question';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';

const EXAMPLES = ['status mål 4', 'hvordan går det med kendskab?', 'status mål 3 og 4', 'hvad er målet for NPS?', 'hvilke mål er i risiko?', 'og mål 5?', 'oversigt', 'historik mål 3', 'opdater mål 3', 'rapport 2021', 'næste møde', 'frister', 'hjælp'];

describe('help card', () => {
  for (const language of ['da', 'en'] as const) {
    it(`(${language}) is valid and lists every example phrasing`, () => {
      const card = helpCard(language);
      assertSendableCard(card);
      const json = JSON.stringify(card);
      for (const e of EXAMPLES) assert.ok(json.includes(`"title":"\\"${e}\\""`), e);
      for (const word of ['Opfyldt', 'På vej', 'I risiko', 'Ikke opfyldt', 'Afventer måling', 'Ingen data']) assert.ok(json.includes(`"${word}"`), word);
    });
  }

  it('every example phrasing means what its explanation says to the parser (real contract)', () => {
    const contract = loadContract(defaultContractPath());
    const expected: Record<string, string> = {
      'status mål 4': 'goal-status', 'hvordan går det med kendskab?': 'goal-status', 'status mål 3 og 4': 'several-goals', 'hvad er målet for NPS?': 'goal-fact',
      'hvilke mål er i risiko?': 'goal-list', 'og mål 5?': 'goal-status', oversigt: 'overview', 'historik mål 3': 'history', 'opdater mål 3': 'update-form',
      'næste møde': 'next-meeting', frister: 'deadlines', 'abonnér på påmindelser': 'subscribe', påmindelser: 'reminders', hjælp: 'help', 'rapport 2021': 'report',
    };
    for (const language of ['da', 'en'] as const) {
      const facts = (helpCard(language).body.find((e) => e.type === 'FactSet') as unknown as { facts: Array<{ title: string }> }).facts;
      for (const { title } of facts) {
        const phrase = title.slice(1, -1);
        assert.equal(parseQuestion(phrase, contract).kind, expected[phrase], phrase);
      }
    }
  });

  it('is Danish by default and English on request', () => {
    assert.equal(helpCard().body[0]?.text, 'Målbot – det kan jeg hjælpe med');
    assert.deepEqual(helpCard('da'), helpCard());
    assert.equal(helpCard('en').body[0]?.text, 'Målbot – what I can help with');
    assert.ok(JSON.stringify(helpCard('en')).includes('At risk'));
  });

  it('buttons are Universal Actions with the verbs the bot routes (no imBack: dead in the Agents Playground)', () => {
    assert.deepEqual(helpCard('en').actions?.map((a) => [a.type, a.title, a.verb]), [
      ['Action.Execute', 'Show overview', 'showOverview'],
      ['Action.Execute', 'Show deadlines', 'showDeadlines'],
      ['Action.ToggleVisibility', 'Legend', undefined],
    ]);
  });

  it('the status legend is one row per status, so word and explanation stay side by side on a phone; hidden until "Sådan læses status"', () => {
    const legend = helpCard().body.find((e) => e.id === STATUS_LEGEND_ID) as unknown as { isVisible: boolean; items: Array<{ type: string }> };
    assert.equal(legend.isVisible, false);
    const toggle = helpCard().actions?.at(-1) as unknown as { type: string; title: string; targetElements: string[] };
    assert.deepEqual([toggle.type, toggle.title, toggle.targetElements], ['Action.ToggleVisibility', 'Status forklaret', [STATUS_LEGEND_ID]]);
    const rows = legend.items.filter((e) => e.type === 'ColumnSet') as unknown as Array<{ columns: Array<{ items: Array<{ text: string }> }> }>;
    assert.equal(rows.length, STATUSES.length);
    assert.deepEqual(rows.map((r) => r.columns[0]!.items.map((i) => i.text)), STATUSES.map((s) => [statusStyle(s).label]));
    assert.ok(rows.every((r) => r.columns[1]!.items.length === 1));
  });
});
