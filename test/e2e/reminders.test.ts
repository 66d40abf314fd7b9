import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { testSchedule } from '../helpers/reminder-harness';

const CHANNEL = '19:3a7c1e2b9d1f4c0e8a6b5d4c3b2a1f0e@thread.tacv2';
const TEAM = '19:team@thread.tacv2';

describe('end to end: reminder commands, conversation tracking and a proactive reminder', function () {
  let running: RunningApp;
  let store: SqliteReminderStore;
  let dir: string;
  let now = new Date('2026-03-26T10:00:00Z');

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-e2e-reminders-'));
    store = new SqliteReminderStore(path.join(dir, 'reminders.sqlite'));
    await store.migrate();
    // The test user (teamsMessage's default object id) is staff: only staff and admins may subscribe a channel.
    running = await startRunningApp({ clock: () => now, env: { STAFF_USERS: '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11' }, reminders: { reminderStore: store, schedule: testSchedule(), instanceId: 'e2e' } });
  });
  after(async function () {
    await running.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => running.connector.reset());

  async function send(activity: Record<string, unknown>, replies = 1) {
    const res = await running.postActivity(activity);
    assert.equal(res.status, 200, res.body);
    if (replies > 0) await running.connector.waitForCalls(replies);
    return running.connector.calls.slice(-replies);
  }

  const inChannel = (text: string) => teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind: 'channel', mention: true });
  const replyText = (call: { body: Record<string, unknown> }) => (typeof call.body.text === 'string' ? call.body.text : cardText(cardOf(call.body)));

  it('records the channel (without the thread suffix) when spoken to, and subscribes it on "abonnér på påmindelser"', async function () {
    const [call] = await send(inChannel('abonnér på påmindelser'));
    assert.match(replyText(call!), /^Denne kanal abonnerer nu på påmindelser\. Det giver påmindelser om direktørmødet \(2 dage og 1 time før\) og frister \(14 og 3 dage før kl\. 09\.00\)\./);
    const c = await store.getConversation(CHANNEL);
    assert.ok(c, 'stored under the channel id');
    assert.equal(c.kind, 'channel');
    assert.equal(c.teamId, TEAM);
    assert.equal(c.subscription, 'subscribed');
    assert.equal(c.subscriptionChangedAt, '2026-03-26T10:00:00.000Z');
    assert.equal((c.reference.conversation as { id: string }).id, CHANNEL, 'the stored reference posts to the channel, not into a thread');
    assert.equal(c.reference.serviceUrl, running.connector.serviceUrl);
    const [again] = await send(inChannel('abonnér på påmindelser'));
    assert.match(replyText(again!), /abonnerer allerede/);
  });

  it('"påmindelser" shows the subscription, the schedule and the next reminders', async function () {
    const [call] = await send(inChannel('påmindelser'));
    const card = cardOf(call!.body);
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /Denne kanal abonnerer på påmindelser \(siden 26\. marts 2026\)\./);
    assert.match(text, /hver 14\. dag kl\. 09\.00; påmindelse 2 dage og 1 time før/);
    assert.match(text, /lør\. 28\. mar\. kl\. 09\.00\nDirektørmødet 30\. mar\. \(2 dage før\)/, 'short enough for a phone: no full date repeated on every line');
  });

  it('"næste møde" shows the next meeting with its agenda', async function () {
    const [call] = await send(inChannel('næste møde'));
    const card = cardOf(call!.body);
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /mandag den 30\. marts 2026 kl\. 09\.00–11\.00/);
    assert.match(text, /KPI'er uden data/);
  });

  it('"frister" lists the contract deadlines and says when reminders go out', async function () {
    const [call] = await send(inChannel('frister'));
    const text = cardText(cardOf(call!.body));
    assert.match(text, /31\. december 2021/);
    assert.match(text, /Påmindelser 14 og 3 dage før kl\. 09\.00 til kanaler og chats, der abonnerer/);
  });

  it('a scheduler tick posts the reminder card into the subscribed channel as a new message', async function () {
    now = new Date('2026-03-28T08:00:00Z');
    const report = await running.app.reminders!.tick();
    assert.equal(report.sent, 1);
    await running.connector.waitForCalls(1);
    const [call] = running.connector.calls;
    assert.equal(call!.conversationId, CHANNEL);
    const card = cardOf(call!.body);
    assertSendableCard(card);
    assert.match(cardText(card), /Påmindelse: mødet er om 2 dage\./);
    // The same tick again sends nothing.
    assert.equal((await running.app.reminders!.tick()).sent, 0);
  });

  it('"afmeld påmindelser" stops them', async function () {
    const [call] = await send(inChannel('afmeld påmindelser'));
    assert.match(replyText(call!), /^Denne kanal får ikke længere påmindelser fra Målbot\./);
    running.connector.reset();
    now = new Date('2026-03-30T06:00:00Z');
    assert.equal((await running.app.reminders!.tick()).sent, 0);
    assert.equal(running.connector.calls.length, 0);
  });

  it('a personal chat records the person (for nudges) and answers in the second person', async function () {
    const activity = teamsMessage({ text: 'abonnér på påmindelser', serviceUrl: running.connector.serviceUrl, kind: 'personal', fromAadObjectId: 'ABCDEF01-2345-4678-9abc-def012345678' });
    const [call] = await send(activity);
    assert.match(replyText(call!), /^Du abonnerer nu på påmindelser\./);
    const found = await store.findPersonalConversation('abcdef01-2345-4678-9abc-def012345678');
    assert.equal(found?.conversationId, (activity.conversation as { id: string }).id);
  });

  it('removing the bot from a team deactivates its channels; deleting a team too', async function () {
    await send(inChannel('abonnér på påmindelser'));
    const remove = { ...inChannel(''), type: 'installationUpdate', action: 'remove', text: undefined };
    await send(remove, 0);
    let c = await store.getConversation(CHANNEL);
    assert.equal(c?.active, false);
    assert.equal(c?.deactivatedReason, 'uninstalled');
    assert.equal(c?.subscription, null);

    await send(inChannel('hjælp')); // back again: active, but not subscribed until asked
    c = await store.getConversation(CHANNEL);
    assert.equal(c?.active, true);
    assert.equal(c?.subscription, null);

    const base = inChannel('');
    const deleted = { ...base, type: 'conversationUpdate', text: undefined, channelData: { ...(base.channelData as object), eventType: 'teamDeleted' } };
    await send(deleted, 0);
    assert.equal((await store.getConversation(CHANNEL))?.deactivatedReason, 'team-deleted');
  });
});

describe('end to end: without a reminder store', function () {
  it('the reminder commands say reminders are off', async function () {
    const running = await startRunningApp();
    try {
      const res = await running.postActivity(teamsMessage({ text: 'abonnér på påmindelser', serviceUrl: running.connector.serviceUrl, kind: 'personal' }));
      assert.equal(res.status, 200);
      await running.connector.waitForCalls(1);
      assert.equal(running.connector.calls[0]!.body.text, 'Påmindelser er ikke slået til i denne installation af Målbot.');
    } finally {
      await running.close();
    }
  });
});
