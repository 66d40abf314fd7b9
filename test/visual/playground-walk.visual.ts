import assert from 'node:assert/strict';
import { findChromium } from './card-renderer';
import { PlaygroundSession } from './playground-session';

/**
 * The walk through Microsoft's own local client, as a staff member would take it: every command,
 * every kind of button (navigation, a tappable overview line, "Vis detaljer", a form with a bad
 * value and its correction, "Ret denne måling", "Annuller", subscribe and unsubscribe). A button
 * that does nothing in the Playground (issue 13: imBack threw "object is not extensible") fails it.
 * Run: `npm run test:visual` (Debian's chromium; .ci/run installs it).
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('a walk through the Microsoft 365 Agents Playground', function () {
  this.timeout(300_000);
  let s: PlaygroundSession;

  before(async function () {
    const chromium = findChromium();
    if (chromium === undefined) {
      if (process.env.CI === 'true') throw new Error('Ingen Chromium fundet: installér Debian-pakken "chromium".');
      console.warn('\n  Ingen Chromium fundet – springer Playground-turen over (uden for CI).\n');
      this.skip();
    }
    s = await PlaygroundSession.open(chromium);
  });
  after(async function () {
    await s?.close();
  });
  afterEach(function () {
    assert.deepEqual(s.pageErrors, [], 'the Playground page threw');
  });

  it('welcomes on install, and its buttons navigate', async function () {
    await s.waitForText('Velkommen til Målbot', 30_000);
    await s.press('Vis hjælp');
    await s.waitForText('Målbot – det kan jeg hjælpe med');
    await s.press('Vis frister');
    await s.waitForText('Frister og afrapportering');
  });

  it('oversigt → tap a goal → Vis detaljer → Historik → Status → Oversigt', async function () {
    await s.say('oversigt');
    await s.waitForText('Tryk på et mål for detaljer');
    await s.tap('Erhvervshusenes knudepunktsfunktion');
    await s.waitForText('Mål 4 – Erhvervshusenes knudepunktsfunktion');
    assert.equal(await s.isVisible('Målepunkter i detaljer'), false, 'details start hidden');
    await s.press('Vis detaljer');
    assert.equal(await s.isVisible('Målepunkter i detaljer'), true, '"Vis detaljer" shows them without a round trip');
    await s.press('Historik');
    await s.waitForText(/Historik\s+Mål 4/);
    await s.press('Status');
    await s.waitForText('Samlet status');
    await s.press('Oversigt');
    await s.waitForText('Tryk på et mål for detaljer');
  });

  it('in English: an English question gets English cards, and their buttons stay English', async function () {
    await s.say('show all goals');
    await s.waitForText('Tap a goal for details');
    await s.tap('Erhvervshusenes knudepunktsfunktion');
    await s.waitForText('Overall status');
    await s.press('Show details');
    assert.equal(await s.isVisible('KPIs in detail'), true, '"Show details" shows them without a round trip');
    await s.press('History');
    await s.waitForText(/History\s+Goal 4/);
    await s.press('Status');
    await s.waitForText('Overall status');
    assert.match((await s.last()).text, /Overall status/, 'the history card\'s "Status" opens the English card');
    await s.press('Overview');
    await s.waitForText('Tap a goal for details');
    await s.say('what is the NPS target?');
    await s.waitForText('at least 70');
  });

  it('a form: a bad value comes back with its message, the fix is stored, a correction that changes nothing is refused, Annuller leads back', async function () {
    await s.say('opdater mål 4');
    await s.waitForText('Indberet måling');
    await s.fill('fx 37,5', '150');
    await s.fill('fx efterår 2021', '2021');
    const today = new Date();
    await s.pickDate(`1, ${MONTHS[today.getMonth()]!}, ${today.getFullYear()}`);
    await s.press('Gem måling');
    await s.waitForText('En andel skal ligge mellem 0 og 100 %');
    await s.fill('fx 37,5', '41');
    await s.press('Gem måling');
    await s.waitForText('Målingen er gemt');
    await s.press('Ret denne måling');
    await s.waitForText('Du retter måling nr.');
    await s.press('Gem rettelse');
    await s.waitForText('Rettelsen er magen til måling nr.');
    await s.press('Annuller');
    await s.waitForText('Målingen er gemt');
  });

  it('påmindelser: subscribe and unsubscribe by button', async function () {
    await s.say('påmindelser');
    await s.waitForText('Du abonnerer ikke på påmindelser');
    await s.press('Abonnér på påmindelser');
    await s.waitForText(/Du abonnerer (nu )?på påmindelser/);
    await s.say('påmindelser');
    await s.waitForText('Du abonnerer på påmindelser (siden');
    await s.press('Afmeld påmindelser');
    await s.waitForText('Du abonnerer ikke på påmindelser');
  });

  it('every other command answers: næste møde, om kontrakten, historik, hjælp in English, an unknown goal, nonsense', async function () {
    for (const [question, answer] of [
      ['næste møde', 'mødes direktørerne hver 14. dag'],
      ['om kontrakten', 'Underskrevet'],
      ['historik mål 3', 'Historik'],
      ['help', 'what I can help with'],
      ['status mål 11', 'Kontrakten har ingen Mål 11'],
      ['blabla', 'Det forstod jeg ikke'],
    ] as const) {
      await s.say(question);
      await s.waitForText(answer);
    }
  });
});
