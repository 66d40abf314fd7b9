import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { everyCard } from '../../helpers/every-card';
import { cardText } from '../../helpers/running-app';
import { goalStatusAnswer } from '../../../features/status/goal-status-answer';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath, projectRoot } from '../../../goals/default-contract';

/**
 * Issue 11: an English question's status, overview and several-goals cards are English; a Danish
 * question's cards are byte for byte what they were. The Danish golden file was written by the
 * cards before they learnt English (test/helpers/every-card.ts, same rows and day); after an
 * intended change to a Danish card, regenerate it from everyCard() and review the diff.
 */
const GOLDEN = path.join(projectRoot(), 'test', 'fixtures', 'cards', 'danish-status-cards.json');
const cards = everyCard();
const byName = new Map(cards.map((c) => [c.name, c.card]));

/** The card's fixed words: headings, fact titles and button titles (not the contract's words). */
function fixedWords(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.title === 'string') out.push(o.title);
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Danish labels the cards write themselves; none may be on an English card. */
const DANISH_LABELS = [
  /^Samlet status/, /^Mål \d/, /^Mål$/, /^Seneste måling/, /^Målepunkter/, /^Delmål$/, /^Periode$/, /^Resultat ventes$/, /^Kilde/, /^Gælder for$/, /^Uden for perioden$/,
  /^Vis detaljer$/, /^Skjul detaljer$/, /^Historik$/, /^Oversigt$/, /^Opdater/, /^Indberet/, /^Skriv forklaring$/, /^Ret forklaring$/, /^Forklaring til KKR$/, /^Metode$/, /^Afrapportering$/, /^Bemærk$/,
  /^Status (pr\.|for)/, /^pr\. /, /^(Opfyldt|Delvist opfyldt|På vej|I risiko|Ikke opfyldt|Afventer måling|Ingen data)$/, /^Kontraktperiode/, /^Tryk på et mål/, /^Nationalt mål|^Lokalt (del)?mål/,
  /^\*\*(Opfyldt|På vej|I risiko|Ikke opfyldt|Afventer måling|Ingen data|Delvist opfyldt)\*\*/, /^Demodata/, /^Fortolkning:/, /afventer måling|ingen måling|opfyldt;/,
];

describe("an English question's cards (issue 11)", function () {
  it("a Danish question's status, overview and several-goals cards are unchanged", function () {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(golden).length >= 19);
    for (const [name, card] of Object.entries(golden)) assert.deepEqual(JSON.parse(JSON.stringify(byName.get(name))), card, name);
  });

  const english = cards.filter((c) => c.name.endsWith('-en') && /^(status|overview|several)/.test(c.name));
  it('has English status, overview and several-goals cards to check', function () {
    assert.ok(english.length >= 10, english.map((c) => c.name).join(', '));
  });

  for (const { name, card } of english) {
    it(`${name}: no Danish label of the bot's own, English words, buttons that stay English`, function () {
      const own = fixedWords(card).map((t) => t.replace(/\\(.)/g, '$1'));
      for (const text of own) for (const label of DANISH_LABELS) assert.doesNotMatch(text, label, `${JSON.stringify(text)} on ${name}`);
      const text = cardText(card).replace(/\\(.)/g, '$1');
      if (name.startsWith('status')) for (const w of ['Goal ', 'Overall status: ', 'Status as of ', 'Show details', 'KPIs in detail', 'Target', 'History']) assert.ok(text.includes(w), `${w} on ${name}`);
      if (name.startsWith('overview')) for (const w of ['Status as of 15 October 2021', 'Goal 4', 'Tap a goal']) assert.ok(text.includes(w), `${w} on ${name}`);
      if (name.startsWith('several')) for (const w of ['Status of goals', 'as of 15 October 2021', 'Goal 3 – ']) assert.ok(text.includes(w), `${w} on ${name}`);
      // Numbers with the English decimal point: the sample rows have decimals ("44.3 %").
      assert.doesNotMatch(text.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, ''), /\d,\d %/, `a Danish decimal comma on ${name}`);
      if (!name.startsWith('overview')) assert.match(text, /\d\.\d( %| hensigtserklæringer| teams)/);
      // Every navigation button asks for the English card.
      const json = JSON.stringify(card);
      for (const m of json.matchAll(/"verb":"(showStatus|showOverview)","data":(\{[^}]*\})/g)) assert.equal((JSON.parse(m[2]!) as { language?: string }).language, 'en', `${m[1]} ${m[2]} on ${name}`);
    });
  }

  // The other English answers (history, deadlines, contract card, not-understood, unknown goal, lists, help, small talk).
  const MORE_DANISH = [
    ...DANISH_LABELS, /^Vis tallene$/, /^Vis ældre/, /^Vis hele/, /^Ret nr\./, /^Flere målinger/, /^Målinger pr\./, /^Ingen målinger/, /^Frister/, /^Kommende$/, /^Overståede$/, /^Alle frister$/,
    /^Parter$/, /^Underskrevet$/, /^Ansvarlig$/, /^Kommuner$/, /^Møder$/, /^Forlængelse$/, /^Kontraktår$/, /^Det forstod jeg ikke/, /^Kontrakten har ingen/, /^Skriv fx/, /^Vis (oversigt|hjælp|frister)$/,
    /^Det (måler|afrapporterer)/, /^De (nationale|lokale) mål/, /^Der er ingen/, /^Udvikling /, /^Nr\. \d/, /registreret af|målt \d|i gang, til|om \d+ dage|tidligst/,
  ];
  const others = cards.filter((c) => c.name.endsWith('-en') && !/^(status|overview|several)/.test(c.name));
  it('has English history, deadlines, contract, not-understood, list, help and small-talk cards to check', function () {
    for (const name of ['history-1-en', 'history-9-en', 'deadlines-en', 'contract-card-en', 'not-understood-en', 'unknown-goal-en', 'list-christmas-en', 'list-reported-en', 'list-ens-en', 'help-en', 'small-talk-en']) {
      assert.ok(others.some((c) => c.name === name), name);
    }
  });
  for (const { name, card } of others) {
    it(`${name}: no Danish label of the bot's own; its navigation buttons carry language en`, function () {
      const own = fixedWords(card).map((t) => t.replace(/\\(.)/g, '$1'));
      // The help card's examples are the Danish commands, and its legend shows the Danish status words it explains.
      const checked = name === 'help-en' ? own.filter((t) => !t.startsWith('"') && !/^(Opfyldt|Delvist opfyldt|På vej|I risiko|Ikke opfyldt|Afventer måling|Ingen data)$/.test(t)) : own;
      for (const text of checked) for (const label of MORE_DANISH) assert.doesNotMatch(text, label, `${JSON.stringify(text)} on ${name}`);
      const json = JSON.stringify(card);
      for (const m of json.matchAll(/"verb":"(showStatus|showOverview|showHistory|showHelp|showDeadlines|showContract)","data":(\{[^}]*\})/g)) {
        assert.equal((JSON.parse(m[2]!) as { language?: string }).language, 'en', `${m[1]} ${m[2]} on ${name}`);
      }
    });
  }
  it('the English history card draws its chart in English (target line, numbers, same-day note)', function () {
    const text = cardText(byName.get('history-1-en')).replace(/\\(.)/g, '$1');
    for (const w of ['Trend 1a', 'Show the numbers', 'Target', 'Several measurements on the same day', 'measured 30 September 2021', 'recorded by Anna Andersen, 1 October 2021, 10:00', 'Correct no. ', 'Record a new measurement', 'Show older (1)']) {
      assert.ok(text.includes(w), `${w} in:\n${text}`);
    }
    assert.doesNotMatch(text, /Vis tallene|Flere målinger|Udvikling|registreret af|Indberet/);
  });

  it("a shared English status card's refresh redraws it in English; a Danish one's refresh is as before", function () {
    const contract = loadContract(defaultContractPath());
    const viewer = { mayRecord: false, mayChangeSubscription: false, shared: true, refreshUserIds: ['29:staff'] };
    const refresh = (language?: 'en') => {
      const reply = goalStatusAnswer('4', { contract, measurements: [], today: '2021-10-15', viewer, ...(language ? { language } : {}) });
      assert.equal(reply?.kind, 'card');
      return (reply.card as unknown as { refresh: { action: { title: string; data: unknown } } }).refresh.action;
    };
    assert.deepEqual(refresh('en'), { type: 'Action.Execute', title: 'Refresh the card', verb: 'refreshCard', data: { view: 'status', goalId: '4', language: 'en' } });
    assert.deepEqual(refresh(), { type: 'Action.Execute', title: 'Opdater kortet', verb: 'refreshCard', data: { view: 'status', goalId: '4' } });
  });
});
