import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { describeOnEveryDatabase } from '../helpers/test-databases';
import { createTempSchema, requirePostgresOrSkip } from '../helpers/postgres';
import { openDatabase } from '../../store/open-database';
import type { Database } from '../../core/ports/database';
import { cardBytes, MAX_CARD_BYTES } from '../../core/card-budget';

/** 15 October 2021 in Copenhagen; each test moves the clock on by hand. */
const START = Date.parse('2021-10-15T10:00:00Z');
const ANNA = '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11';
const BO = '0d5e3a1c-7b2f-4e6a-9c8d-1f2e3a4b5c6d';

function readable(card: Record<string, unknown>): string {
  return cardText(card).replace(/\\(.)/g, '$1');
}

/** Asks `text` as `user` in `conversationId` and returns the one reply's card text. */
async function ask(app: RunningApp, text: string, conversationId: string, user = ANNA): Promise<string> {
  app.connector.reset();
  const activity = teamsMessage({ text, serviceUrl: app.connector.serviceUrl, kind: 'channel', mention: true, fromAadObjectId: user });
  (activity.conversation as { id: string }).id = conversationId;
  (activity.from as { id: string }).id = `29:${user}`;
  const res = await app.postActivity(activity);
  assert.equal(res.status, 200, res.body);
  await app.connector.waitForCalls(1);
  const body = app.connector.calls[0]!.body;
  if (typeof body.text === 'string' && (body.attachments as unknown[] | undefined)?.length !== 1) return body.text;
  const card = cardOf(body);
  assertSendableCard(card);
  assert.ok(cardBytes(card) <= MAX_CARD_BYTES);
  return readable(card);
}

interface InvokeResponse {
  statusCode: number;
  type?: string;
  value?: unknown;
}

/** `user` presses a button (verb + data) on a card in `conversationId`, as Teams posts it. */
async function press(app: RunningApp, verb: string, data: Record<string, unknown>, conversationId: string, user = ANNA): Promise<InvokeResponse> {
  const res = await app.postActivity(teamsCardInvoke({ serviceUrl: app.connector.serviceUrl, verb, data, kind: 'channel', conversationId, fromId: `29:${user}`, fromAadObjectId: user }));
  const answer = JSON.parse(res.body) as InvokeResponse;
  assert.equal(res.status, answer.statusCode, res.body);
  return answer;
}

function pressedCard(r: InvokeResponse): string {
  assert.equal(r.statusCode, 200, JSON.stringify(r).slice(0, 300));
  const card = r.value as Record<string, unknown>;
  assertSendableCard(card);
  return readable(card);
}

describeOnEveryDatabase((label, makeDatabase) => {
  describe(`end to end (${label}): several goals and follow-ups over HTTP`, function () {
    let now = START;
    let running: RunningApp;
    let cleanup: () => Promise<void>;
    beforeEach(async function () {
      now = START;
      const made = await makeDatabase();
      cleanup = made.cleanup;
      running = await startRunningApp({ database: made.database, clock: () => new Date(now) });
      const base = { contractId: running.contract.id, done: null, note: null, recordedBy: 'test', demo: false };
      await running.store.appendMeasurement({ ...base, kpiId: '3b', segment: 'drift', value: 72, period: '2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (brugerevaluering)' });
      await running.store.appendMeasurement({ ...base, kpiId: '4a', segment: null, value: 47, period: '2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (brugerevaluering)' });
    });
    afterEach(async function () {
      await running.close();
      await cleanup();
    });

    it('"status mål 3 og 4" is one card with a section per goal and a button to each full card', async function () {
      running.connector.reset();
      const activity = teamsMessage({ text: 'status mål 3 &amp; 4', serviceUrl: running.connector.serviceUrl, kind: 'channel', mention: true });
      assert.equal((await running.postActivity(activity)).status, 200);
      await running.connector.waitForCalls(1);
      const card = cardOf(running.connector.calls[0]!.body);
      assertSendableCard(card);
      const text = readable(card);
      assert.match(text, /Mål 3 – Kvalitet, kompetencer og virksomhedernes tilfredshed/);
      assert.match(text, /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
      assert.match(text, /Drift 72/);
      assert.match(text, /47 %/);
      const actions = card.actions as Array<{ type: string; verb: string; data: { goalId: string } }>;
      assert.deepEqual(actions.map((a) => [a.type, a.verb, a.data.goalId]), [['Action.Execute', 'showStatus', '3'], ['Action.Execute', 'showStatus', '4']]);
    });

    it('follows up on the goal just discussed, per user, for 30 minutes', async function () {
      const conversation = `19:director-channel-${label}@thread.tacv2`;
      assert.match(await ask(running, 'hvad er baseline for mål 6?', conversation), /68 %/);
      // Same fact, another goal.
      const goal1 = await ask(running, 'og mål 1?', conversation);
      assert.match(goal1, /Baseline – mål 1/);
      assert.match(goal1, /32 %/);
      // Another fact, the same goal (1).
      assert.match(await ask(running, 'hvem måler det?', conversation), /Hvem måler – mål 1.*\n?[\s\S]*spørgeskemaundersøgelse/);
      // Bo in the same channel has asked nothing: no context of Anna's.
      assert.match(await ask(running, 'hvad med baseline?', conversation, BO), /Hvilket mål mener du/);
      // Anna in another conversation: nothing either.
      assert.match(await ask(running, 'hvad med baseline?', `${conversation}-other`), /Hvilket mål mener du/);
      // 29 minutes later it still holds; 31 minutes after her last question it has expired.
      now += 29 * 60_000;
      assert.match(await ask(running, 'hvad med segmenterne?', conversation), /Segmenter – mål 1/);
      now += 31 * 60_000;
      assert.match(await ask(running, 'hvad med baseline?', conversation), /Hvilket mål mener du/);
    });

    it('the choice card\'s buttons answer the fact asked, for the goal chosen; bad data is refused', async function () {
      const conversation = `19:choice-${label}@thread.tacv2`;
      running.connector.reset();
      assert.match(await ask(running, 'hvad er baseline for kendskabsmålingen?', conversation), /Mente du Mål 1 .* eller Mål 6/);
      const card = cardOf(running.connector.calls[0]!.body);
      const actions = card.actions as Array<{ type: string; verb: string; data: Record<string, unknown> }>;
      assert.deepEqual(
        actions.map((a) => [a.type, a.verb, a.data]),
        [
          ['Action.Execute', 'showGoalFact', { goalId: '1', fact: 'baseline', language: 'da' }],
          ['Action.Execute', 'showGoalFact', { goalId: '6', fact: 'baseline', language: 'da' }],
        ],
      );
      const answer = pressedCard(await press(running, 'showGoalFact', actions[1]!.data, conversation));
      assert.match(answer, /Baseline – mål 6/);
      assert.match(answer, /68 %/);
      assert.doesNotMatch(answer, /32 %/, 'not Mål 1\'s baseline');
      const english = pressedCard(await press(running, 'showGoalFact', { goalId: '6', fact: 'baseline', language: 'en' }, conversation));
      assert.match(english, /Baseline – goal 6/);
      assert.match(english, /68 % in “/);
      for (const bad of [{ goalId: '6', fact: 'anything you like' }, { goalId: '6' }, { goalId: 'x'.repeat(21), fact: 'baseline' }, { goalId: '6', fact: 'baseline', language: 'de' }]) {
        const refused = await press(running, 'showGoalFact', bad, conversation);
        assert.equal(refused.statusCode, 400, JSON.stringify(bad));
        assert.doesNotMatch(JSON.stringify(refused), /anything you like/, 'no text from the card is echoed');
      }
    });

    it('an English question gets English status, several-goals and overview cards, and their buttons keep them English', async function () {
      const conversation = `19:english-${label}@thread.tacv2`;
      running.connector.reset();
      const several = await ask(running, 'status goals 3 and 4', conversation);
      assert.match(several, /Status of goals 3 and 4/);
      assert.match(several, /Goal 3 – Kvalitet, kompetencer og virksomhedernes tilfredshed/);
      assert.match(several, /Operations 72/);
      assert.doesNotMatch(several, /Mål 3|målepunkter|pr\. 15/);
      const severalCard = cardOf(running.connector.calls[0]!.body);
      const buttons = severalCard.actions as Array<{ verb: string; title: string; data: Record<string, unknown> }>;
      assert.deepEqual(buttons.map((a) => [a.title, a.verb, a.data]), [['Goal 3', 'showStatus', { goalId: '3', language: 'en' }], ['Goal 4', 'showStatus', { goalId: '4', language: 'en' }]]);

      // The button pressed on the English card: the English status card. Without a language: Danish, as before.
      const english = pressedCard(await press(running, 'showStatus', buttons[1]!.data, conversation));
      for (const words of ['Goal 4 – Erhvervshusenes knudepunktsfunktion', 'Overall status: Met', 'Latest measurement 47 % (Sep 2021) against target at least 45 %', 'Target', 'Latest measurement', 'Status as of 15 October 2021']) assert.ok(english.includes(words), `${words} in:\n${english}`);
      assert.doesNotMatch(english, /Mål 4|Seneste måling|Samlet status|Opfyldt/);
      const danish = pressedCard(await press(running, 'showStatus', { goalId: '4' }, conversation));
      assert.match(danish, /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
      assert.match(danish, /Samlet status: Opfyldt/);
      assert.match(danish, /Seneste måling 47 % \(sep\. 2021\) mod mål mindst 45 %/);

      // Typed in English: English. A shared card's refresh (test/features/status/goal-status-answer.test.ts) carries the language.
      assert.match(await ask(running, 'status goal 4', conversation), /Goal 4 – /);
      assert.match(pressedCard(await press(running, 'refreshCard', { view: 'status', goalId: '4', language: 'en' }, conversation)), /Overall status: Met/);
      assert.match(pressedCard(await press(running, 'refreshCard', { view: 'status', goalId: '4' }, conversation)), /Samlet status: Opfyldt/);

      // The overview in English; its rows open English status cards.
      const overview = await press(running, 'showOverview', { language: 'en' }, conversation);
      const overviewText = pressedCard(overview);
      assert.match(overviewText, /Status as of 15 October 2021/);
      assert.match(overviewText, /Goal 4/);
      assert.doesNotMatch(overviewText, /Mål 4|Opfyldt|Tryk på et mål/);
      assert.ok(JSON.stringify(overview.value).includes('"data":{"goalId":"4","language":"en"}'));
      assert.match(pressedCard(await press(running, 'showOverview', {}, conversation)), /Tryk på et mål for detaljer/);

      for (const [verb, bad] of [['showStatus', { goalId: '4', language: 'de' }], ['showOverview', { language: 'english' }], ['refreshCard', { view: 'status', goalId: '4', language: 1 }]] as const) {
        assert.equal((await press(running, verb, bad, conversation)).statusCode, 400, `${verb} ${JSON.stringify(bad)}`);
      }
    });

    it('English help, not-understood, deadlines and follow-ups: their buttons (showHelp, showDeadlines) carry language en and answer in English', async function () {
      const conversation = `19:english-more-${label}@thread.tacv2`;
      const unknown = await ask(running, 'status of goal 11', conversation);
      assert.match(unknown, /The contract has no Goal 11 \(the goals are 1–10, 9a–9d\)/);
      assert.doesNotMatch(unknown, /Kontrakten har ingen|Skriv fx|Vis hjælp/);
      const unknownButtons = (cardOf(running.connector.calls[0]!.body).actions as Array<{ verb: string; data: Record<string, unknown> }>).map((a) => [a.verb, a.data]);
      assert.deepEqual(unknownButtons, [['showOverview', { language: 'en' }], ['showHelp', { language: 'en' }]]);

      // showHelp with a language: the English help card; without: Danish, as before.
      const help = pressedCard(await press(running, 'showHelp', { language: 'en' }, conversation));
      assert.match(help, /Målbot – what I can help with/);
      assert.match(pressedCard(await press(running, 'showHelp', {}, conversation)), /Målbot – det kan jeg hjælpe med/);

      // The small talk card's deadline button, and the deadline list's "All deadlines": the English deadlines card.
      await ask(running, 'hello', conversation);
      const smallTalk = (cardOf(running.connector.calls[0]!.body).actions as Array<{ verb: string; data: Record<string, unknown> }>).map((a) => [a.verb, a.data]);
      assert.deepEqual(smallTalk, [['showOverview', { language: 'en' }], ['showDeadlines', { language: 'en' }], ['showHelp', { language: 'en' }]]);
      const deadlines = pressedCard(await press(running, 'showDeadlines', { language: 'en' }, conversation));
      for (const words of ['Deadlines and reporting', 'as of 15 October 2021', 'Upcoming', 'running, until 30 November 2021']) assert.ok(deadlines.includes(words), `${words} in:\n${deadlines}`);
      assert.doesNotMatch(deadlines, /Frister og afrapportering|Kommende|i gang/);
      assert.match(pressedCard(await press(running, 'showDeadlines', {}, conversation)), /Frister og afrapportering/);
      await ask(running, 'what is due before christmas?', conversation);
      const all = (cardOf(running.connector.calls[0]!.body).actions as Array<{ verb: string; title: string; data: Record<string, unknown> }>).map((a) => [a.title, a.verb, a.data]);
      assert.deepEqual(all, [['All deadlines', 'showDeadlines', { language: 'en' }]]);

      // Follow-ups keep the language of the question that follows up.
      assert.match(await ask(running, 'what is the baseline for goal 1?', conversation), /Baseline – goal 1/);
      const next = await ask(running, 'and goal 6?', conversation);
      assert.match(next, /Baseline – goal 6/);
      assert.match(next, /68 % in “/);
      assert.match(await ask(running, 'what about the method?', conversation), /How it is measured – goal 6/);
      assert.match(await ask(running, 'og mål 4?', conversation), /Metode – mål 4|mål 4/);

      for (const [verb, bad] of [['showHelp', { language: 'fr' }], ['showDeadlines', { language: true }]] as const) {
        assert.equal((await press(running, verb, bad, conversation)).statusCode, 400, `${verb} ${JSON.stringify(bad)}`);
      }
    });

    it('the English status card opens the English history card (showHistory with language en); refresh and the contract card keep the language', async function () {
      const conversation = `19:english-history-${label}@thread.tacv2`;
      await ask(running, 'status goal 4', conversation);
      const status = cardOf(running.connector.calls[0]!.body);
      const historyButton = (status.actions as Array<{ verb: string; data: Record<string, unknown> }>).find((a) => a.verb === 'showHistory')!;
      assert.deepEqual(historyButton.data, { goalId: '4', language: 'en' });

      const pressed = await press(running, 'showHistory', historyButton.data, conversation);
      const history = pressedCard(pressed);
      for (const words of ['History', 'Goal 4 – Erhvervshusenes knudepunktsfunktion', 'Measurements as of 15 October 2021, newest first.', 'Target: at least 45 %', '**47 %**', 'measured ', 'recorded by ']) assert.ok(history.includes(words), `${words} in:\n${history}`);
      assert.doesNotMatch(history, /Historik|Mål 4|Målinger pr\.|registreret af|målt /);
      const statusButton = ((pressed.value as { actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> }).actions).find((a) => a.verb === 'showStatus')!;
      assert.deepEqual(statusButton.data, { goalId: '4', language: 'en' });
      assert.match(pressedCard(await press(running, 'showStatus', statusButton.data, conversation)), /Overall status: Met/);

      // Without a language: the Danish history, as before; a shared card's refresh carries it.
      assert.match(pressedCard(await press(running, 'showHistory', { goalId: '4' }, conversation)), /Målinger pr\. 15\. oktober 2021/);
      assert.match(pressedCard(await press(running, 'refreshCard', { view: 'history', goalId: '4', language: 'en' }, conversation)), /Measurements as of 15 October 2021/);
      assert.match(pressedCard(await press(running, 'refreshCard', { view: 'history', goalId: '4' }, conversation)), /Målinger pr\. 15\. oktober 2021/);

      // "About the contract" on an English contract fact: the English contract card.
      await ask(running, 'who are the parties?', conversation);
      const about = (cardOf(running.connector.calls[0]!.body).actions as Array<{ verb: string; data: Record<string, unknown> }>).map((a) => [a.verb, a.data]);
      assert.deepEqual(about, [['showContract', { language: 'en' }]]);
      const contractCard = pressedCard(await press(running, 'showContract', { language: 'en' }, conversation));
      assert.match(contractCard, /Contract years/);
      assert.doesNotMatch(contractCard, /Kontraktår|Underskrevet/);
      assert.match(pressedCard(await press(running, 'showContract', {}, conversation)), /Kontraktår/);

      for (const [verb, bad] of [['showHistory', { goalId: '4', language: 'en-GB' }], ['showContract', { language: 0 }]] as const) {
        assert.equal((await press(running, verb, bad, conversation)).statusCode, 400, `${verb} ${JSON.stringify(bad)}`);
      }
    });

    it('a goal shown by a button is the topic: "hvad med baseline?" after tapping refers to it, per user', async function () {
      const conversation = `19:tapped-${label}@thread.tacv2`;
      assert.match(await ask(running, 'hvad er baseline for mål 1?', conversation), /32 %/);
      // Anna taps Mål 6 on a status card, an overview row or the several-goals card (all showStatus).
      assert.match(pressedCard(await press(running, 'showStatus', { goalId: '6' }, conversation)), /Mål 6/);
      const followUp = await ask(running, 'hvad med baseline?', conversation);
      assert.match(followUp, /Baseline – mål 6/);
      assert.match(followUp, /68 %/);
      // The choice card's button remembers goal and fact: "og mål 1?" asks the same fact of mål 1.
      pressedCard(await press(running, 'showGoalFact', { goalId: '6', fact: 'measured-by', language: 'da' }, conversation));
      assert.match(await ask(running, 'og mål 1?', conversation), /Hvem måler – mål 1/);
      // Bo tapped nothing: Anna's taps are not his topic.
      await press(running, 'showStatus', { goalId: '4' }, conversation);
      assert.match(await ask(running, 'hvad med baseline?', conversation, BO), /Hvilket mål mener du/);
      // A goal the contract does not have is not remembered.
      await press(running, 'showStatus', { goalId: '42' }, conversation, BO);
      assert.match(await ask(running, 'hvad med baseline?', conversation, BO), /Hvilket mål mener du/);
      // 31 minutes after the tap the topic has expired.
      await press(running, 'showStatus', { goalId: '6' }, conversation);
      now += 31 * 60_000;
      assert.match(await ask(running, 'hvad med baseline?', conversation), /Hvilket mål mener du/);
    });

    it('"og mål 5?" after a status question shows mål 5\'s status', async function () {
      const conversation = `19:status-then-5-${label}@thread.tacv2`;
      assert.match(await ask(running, 'status mål 4', conversation), /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
      assert.match(await ask(running, 'og mål 5?', conversation), /Mål 5 – Erhvervshusenes kriseberedskab/);
    });
  });
});

describe('end to end: a follow-up reaches another instance on the same database', function () {
  for (const kind of ['SQLite', 'PostgreSQL'] as const) {
    it(`${kind}: the question on instance A, the follow-up on instance B`, async function () {
      const opened: Database[] = [];
      let drop = async (): Promise<void> => undefined;
      let dir: string | undefined;
      if (kind === 'PostgreSQL') {
        await requirePostgresOrSkip(this);
        const schema = await createTempSchema();
        drop = () => schema.drop();
        for (let i = 0; i < 2; i++) opened.push(await openDatabase(schema.connectionString, { baseDir: os.tmpdir(), poolConfig: schema.poolConfig, poolSize: 2 }));
      } else {
        dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-two-instances-'));
        for (let i = 0; i < 2; i++) opened.push(await openDatabase(`sqlite:${path.join(dir, 'shared.sqlite')}`, { baseDir: dir }));
      }
      const clock = () => new Date(START);
      const a = await startRunningApp({ database: opened[0], clock });
      const b = await startRunningApp({ database: opened[1], clock });
      try {
        const conversation = '19:two-instances@thread.tacv2';
        assert.match(await ask(a, 'hvad er målet for NPS?', conversation), /mindst 70/);
        const followUp = await ask(b, 'hvordan måles det?', conversation);
        assert.match(followUp, /Sådan måles det – mål 3/);
        assert.match(followUp, /anbefale/, 'the KPI asked about (3b) carries over');
      } finally {
        await a.close();
        await b.close();
        for (const d of opened) await d.close();
        await drop();
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
