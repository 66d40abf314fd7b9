import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import { assertSendableCard } from '../helpers/adaptive-card-schema';

/**
 * Universal Actions through the running app over real HTTP: every button the bot sends is an
 * Action.Execute whose verb the bot routes (navigation answers by replacing the card), a shared
 * card carries a refresh for staff only and answers each person's own view, a form's "Annuller"
 * brings back the card it replaced, and the welcome comes once per install.
 */
const STAFF = { fromId: '29:staff-anna', fromAadObjectId: '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11', fromName: 'Anna Andersen' };
const READER = { fromId: '29:reader-dorte', fromAadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', fromName: 'Direktør Dorte' };

interface InvokeResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

type Card = Record<string, unknown> & { actions?: Array<Record<string, unknown>>; refresh?: { action: Record<string, unknown>; userIds: string[] } };

/** Every button of a card, nested ActionSets, ShowCards and fallbacks included. */
function buttons(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown, inFallback: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, inFallback));
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && !inFallback) out.push(o);
      for (const [k, v] of Object.entries(o)) walk(v, inFallback || k === 'fallback' || k === 'refresh');
    }
  };
  walk(card, false);
  return out;
}

describe('end to end: Universal Actions, refresh, Annuller and the welcome', function () {
  let running: RunningApp;
  let store: SqliteReminderStore;
  let dir: string;
  let now = new Date('2021-10-15T10:00:00Z');

  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-e2e-ua-'));
    store = new SqliteReminderStore(path.join(dir, 'reminders.sqlite'));
    await store.migrate();
    now = new Date('2021-10-15T10:00:00Z');
    running = await startRunningApp({ clock: () => now, env: { STAFF_USERS: STAFF.fromAadObjectId }, reminders: { reminderStore: store, instanceId: 'e2e' } });
  });
  afterEach(async function () {
    await running.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask(text: string, user = READER, kind: 'personal' | 'channel' = 'personal'): Promise<Card> {
    running.connector.reset();
    const activity = teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind, mention: kind === 'channel', fromAadObjectId: user.fromAadObjectId, fromName: user.fromName });
    (activity.from as Record<string, unknown>).id = user.fromId;
    const res = await running.postActivity(activity);
    assert.equal(res.status, 200, res.body);
    await running.connector.waitForCalls(1);
    const card = cardOf(running.connector.calls[0]!.body) as Card;
    assertSendableCard(card);
    return card;
  }

  async function press(verb: string, data: Record<string, unknown>, user = READER, kind: 'personal' | 'channel' = 'personal'): Promise<InvokeResponse> {
    const res = await running.postActivity(teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb, data, kind, ...user }));
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body) as InvokeResponse;
  }

  function cardFrom(r: InvokeResponse): Card {
    assert.equal(r.statusCode, 200, JSON.stringify(r).slice(0, 300));
    assert.equal(r.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(r).slice(0, 300));
    assertSendableCard(r.value);
    return r.value as Card;
  }

  it('every button on every answer is an Action.Execute (or client-side), and each verb answers', async function () {
    const questions = ['hjælp', 'oversigt', 'status mål 4', 'status mål 9', 'historik mål 4', 'frister', 'påmindelser', 'bla bla', 'mål 42'];
    const pressed = new Set<string>();
    for (const user of [READER, STAFF]) {
      for (const q of questions) {
        const card = await ask(q, user);
        for (const b of buttons(card)) {
          assert.ok(['Action.Execute', 'Action.ToggleVisibility', 'Action.ShowCard', 'Action.OpenUrl'].includes(String(b.type)), `${q}: ${JSON.stringify(b)}`);
          assert.ok(typeof b.title === 'string' && b.title !== '', `${q}: every button has a title`);
          if (b.type !== 'Action.Execute') continue;
          const r = await press(String(b.verb), b.data as Record<string, unknown>, user);
          assert.ok(r.statusCode === 200, `${q} → ${String(b.verb)}: ${JSON.stringify(r).slice(0, 200)}`);
          pressed.add(String(b.verb));
        }
      }
    }
    for (const verb of ['showOverview', 'showDeadlines', 'showHelp', 'showStatus', 'showHistory', 'openUpdateForm', 'subscribeReminders']) assert.ok(pressed.has(verb), `pressed ${verb}`);
  });

  it('oversigt: every goal line is a button to that goal\'s own status card', async function () {
    const overview = await ask('oversigt');
    const lines = buttons(overview).filter((b) => b.verb === 'showStatus');
    assert.equal(lines.length, 14, 'Mål 1–10 and 9a–9d'); // one per line, sub-goals included
    for (const line of lines) {
      const goalId = String((line.data as { goalId: string }).goalId);
      const card = cardFrom(await press(String(line.verb), line.data as Record<string, unknown>));
      const heading = cardText(card).split('\n')[0] ?? '';
      const expected = /^\d+$/.test(goalId) ? `Mål ${goalId} – ` : `Mål ${goalId}`;
      assert.ok(cardText(card).includes(expected), `${goalId}: ${heading}`);
    }
  });

  it('"Vis oversigt" answers with the overview card, replacing the pressed one', async function () {
    const help = await ask('hjælp');
    const button = help.actions!.find((a) => a.title === 'Vis oversigt')!;
    const card = cardFrom(await press(String(button.verb), button.data as Record<string, unknown>));
    assert.match(cardText(card), /Mål 10/);
  });

  it('a status card in a channel is sent in the reader view with a refresh for staff; the refresh answers each person their own view', async function () {
    // Staff asks once (so the bot knows their Teams id), then a reader asks in the channel.
    await ask('status mål 4', STAFF, 'channel');
    const shared = await ask('status mål 4', READER, 'channel');
    assert.deepEqual(shared.actions!.map((a) => a.title), ['Historik', 'Oversigt'], 'the card everyone sees has no Opdater');
    assert.ok(shared.refresh, 'a refresh clause');
    assert.deepEqual(shared.refresh.userIds, [STAFF.fromId], 'automatic refresh for staff only');
    assert.equal(shared.refresh.action.type, 'Action.Execute');
    const refresh = shared.refresh.action;
    const staffView = cardFrom(await press(String(refresh.verb), refresh.data as Record<string, unknown>, STAFF, 'channel'));
    assert.deepEqual(staffView.actions!.map((a) => a.title), ['Opdater', 'Historik', 'Oversigt']);
    const readerView = cardFrom(await press(String(refresh.verb), refresh.data as Record<string, unknown>, READER, 'channel'));
    assert.deepEqual(readerView.actions!.map((a) => a.title), ['Historik', 'Oversigt'], 'a reader refreshing by hand still gets the reader view');
  });

  it('in a personal chat: staff see Opdater, readers do not; a reader\'s history has no "Ret nr." or "Indberet"', async function () {
    assert.deepEqual((await ask('status mål 4', STAFF)).actions!.map((a) => a.title), ['Opdater', 'Historik', 'Oversigt']);
    assert.deepEqual((await ask('status mål 4', READER)).actions!.map((a) => a.title), ['Historik', 'Oversigt']);
    assert.deepEqual((await ask('status mål 9', STAFF)).actions!.map((a) => a.title), ['Indberet tal', 'Indberet milepæl', 'Historik']);
    const history = await ask('historik mål 4', READER);
    assert.ok(!buttons(history).some((b) => /^Ret nr\.|Indberet/.test(String(b.title))));
  });

  it('a channel\'s reminders card offers "Abonnér" to staff only', async function () {
    await ask('hjælp', STAFF, 'channel');
    const shared = await ask('påmindelser', READER, 'channel');
    assert.equal(shared.actions, undefined);
    const staffView = cardFrom(await press('refreshCard', shared.refresh!.action.data as Record<string, unknown>, STAFF, 'channel'));
    assert.deepEqual(staffView.actions!.map((a) => a.title), ['Abonnér på påmindelser']);
  });

  it('"Annuller" on a form brings back the status card it replaced; on a form asked for in words it says nothing was stored', async function () {
    const status = await ask('status mål 4', STAFF);
    const opdater = status.actions!.find((a) => a.title === 'Opdater')!;
    const form = cardFrom(await press(String(opdater.verb), opdater.data as Record<string, unknown>, STAFF));
    const cancel = form.actions!.find((a) => a.title === 'Annuller')!;
    assert.equal(cancel.associatedInputs, 'none');
    const back = cardFrom(await press(String(cancel.verb), cancel.data as Record<string, unknown>, STAFF));
    assert.match(cardText(back), /Samlet status/);
    assert.deepEqual(back.actions!.map((a) => a.title), ['Opdater', 'Historik', 'Oversigt']);

    const typed = await ask('opdater mål 4', STAFF);
    const cancelTyped = typed.actions!.find((a) => a.title === 'Annuller')!;
    const gone = cardFrom(await press(String(cancelTyped.verb), cancelTyped.data as Record<string, unknown>, STAFF));
    assert.match(cardText(gone), /annulleret – intet er gemt/);
    assert.equal((await running.store.listMeasurements(running.contract.id)).length, 0);
  });

  it('"opdater mål 9" asks which kind of form first; each kind\'s form asks only for its fields', async function () {
    const choice = await ask('opdater mål 9', STAFF);
    assert.deepEqual(choice.actions!.map((a) => a.title), ['Indberet tal', 'Indberet milepæl', 'Annuller']);
    const milestone = cardFrom(await press('openUpdateForm', choice.actions![1]!.data as Record<string, unknown>, STAFF));
    const ids = JSON.stringify(milestone);
    assert.ok(ids.includes('"id":"done"') && !ids.includes('"id":"value"'));
  });

  describe('welcome', function () {
    const install = (kind: 'personal' | 'channel', conversationId: string, type: 'installationUpdate' | 'conversationUpdate') => {
      const a = teamsMessage({ text: '', serviceUrl: running.connector.serviceUrl, kind });
      (a.conversation as Record<string, unknown>).id = conversationId;
      delete a.text;
      return type === 'installationUpdate'
        ? { ...a, type, action: 'add' }
        : { ...a, type, membersAdded: [{ id: (a.recipient as { id: string }).id }] };
    };
    async function post(activity: unknown): Promise<void> {
      const res = await running.postActivity(activity);
      assert.equal(res.status, 200, res.body);
    }

    it('personal chat: one short card on install (Teams announces it twice), nothing on a reinstall within a day, again after', async function () {
      running.connector.reset();
      const conv = 'a:1welcome-personal';
      await post(install('personal', conv, 'installationUpdate'));
      await post(install('personal', conv, 'conversationUpdate'));
      await running.connector.waitForCalls(1);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(running.connector.calls.length, 1, 'one welcome');
      const card = cardOf(running.connector.calls[0]!.body);
      assertSendableCard(card);
      const text = cardText(card);
      assert.match(text, /Velkommen til Målbot/);
      assert.match(text, /"status mål 4"\n"hvordan går det med kendskab\?"\n"oversigt"/);
      assert.match(text, /abonnér på påmindelser/);

      now = new Date(now.getTime() + 20 * 3600_000); // reinstalled the next morning, 20 hours later
      await post(install('personal', conv, 'installationUpdate'));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(running.connector.calls.length, 1, 'no welcome on a reinstall within a day');

      now = new Date(now.getTime() + 5 * 3600_000);
      await post(install('personal', conv, 'installationUpdate'));
      await running.connector.waitForCalls(2);
    });

    it('team: one line, once', async function () {
      running.connector.reset();
      await post(install('channel', '19:welcome@thread.tacv2', 'conversationUpdate'));
      await post(install('channel', '19:welcome@thread.tacv2', 'installationUpdate'));
      await running.connector.waitForCalls(1);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(running.connector.calls.length, 1);
      assert.match(String(running.connector.calls[0]!.body.text), /^Hej, jeg er Målbot\./);
    });
  });
});
