import assert from 'node:assert/strict';
import { helpCard } from '../../../features/ask/help-card';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';

const EXAMPLES = ['status mål 4', 'hvordan går det med kendskab?', 'oversigt', 'historik mål 3', 'opdater mål 3', 'næste møde', 'frister', 'hjælp'];

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

  it('is Danish by default and English on request', () => {
    assert.equal(helpCard().body[0]?.text, 'Målbot – det kan jeg hjælpe med');
    assert.deepEqual(helpCard('da'), helpCard());
    assert.equal(helpCard('en').body[0]?.text, 'Målbot – what I can help with');
    assert.ok(JSON.stringify(helpCard('en')).includes('At risk'));
  });

  it('buttons send the Danish commands as typed text', () => {
    assert.deepEqual(helpCard('en').actions?.map((a) => [a.title, a.data]), [
      ['Show overview', { msteams: { type: 'imBack', value: 'oversigt' } }],
      ['Show deadlines', { msteams: { type: 'imBack', value: 'frister' } }],
    ]);
  });
});
