import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ChatClient, ChatError, DEFAULT_CHAT_USER } from '../../../scripts/chat/chat-client';
import { parseChatLine, runChat } from '../../../scripts/chat/run-chat';
import { startRunningApp, type RunningApp } from '../../helpers/running-app';
import { FakeTeamsBot } from './fake-teams-bot';

type Json = Record<string, unknown>;

describe('chat client against the running app (real HTTP, local connector)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startRunningApp({ clock: () => new Date('2021-10-15T10:00:00Z') });
  });
  after(async () => running.close());

  const endpoint = () => `${running.baseUrl}/api/messages`;

  it('asks "status mål 4" and prints the status card as text with numbered buttons', async () => {
    const chat = await ChatClient.start({ endpoint: endpoint() });
    try {
      const text = (await chat.say('status mål 4')).join('\n');
      assert.match(text, /^Målbot:/);
      assert.match(text, /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
      assert.match(text, /Mål +mindst 45 %/);
      assert.match(text, /\[1\] Opdater {3}\[2\] Historik/);
      assert.equal(running.connector.calls.length, 0, 'the reply went to the chat\'s own connector');
    } finally {
      await chat.close();
    }
  });

  it('presses an imBack button ("Vis oversigt" on the help card) by sending its text', async () => {
    const chat = await ChatClient.start({ endpoint: endpoint() });
    try {
      await chat.say('hjælp');
      const result = await chat.press(1);
      assert.ok(result.pressed);
      const text = result.lines.join('\n');
      assert.match(text, /Mål 10 +Samarbejde med de nationale klynger/);
    } finally {
      await chat.close();
    }
  });

  it('presses an Action.Execute button as an adaptiveCard/action invoke, like Teams', async () => {
    const chat = await ChatClient.start({ endpoint: endpoint() });
    try {
      await chat.say('status mål 4');
      running.logs.length = 0;
      const result = await chat.press(1);
      assert.ok(result.pressed);
      assert.match(result.lines.join('\n'), /^Målbot/);
      const turn = running.logs.find((l) => l.event === 'turn');
      assert.equal(turn?.activityType, 'invoke');
      assert.equal(turn?.intent, 'action:openUpdateForm');
    } finally {
      await chat.close();
    }
  });

  it('talks in a channel with the bot mentioned, as Teams does', async () => {
    const chat = await ChatClient.start({ endpoint: endpoint(), conversationType: 'channel' });
    try {
      running.logs.length = 0;
      assert.match((await chat.say('status mål 9c')).join('\n'), /Mål 9c/);
      assert.equal(running.logs.find((l) => l.event === 'turn')?.conversationType, 'channel');
    } finally {
      await chat.close();
    }
  });

  it('fills in and sends the real measurement form ("opdater mål 4"), and the measurement is stored', async () => {
    const staff = await startRunningApp({ clock: () => new Date('2021-10-15T10:00:00Z'), env: { STAFF_USERS: DEFAULT_CHAT_USER.aadObjectId } });
    const chat = await ChatClient.start({ endpoint: `${staff.baseUrl}/api/messages` });
    try {
      const form = (await chat.say('opdater mål 4')).join('\n');
      assert.match(form, /✎ Værdi\*: \(tom\) {2}\[value\]/);
      const save = chat.buttons.find((b) => b.inputs.some((i) => i.id === 'value'));
      assert.ok(save, 'a button that submits the form');
      const result = await chat.press(save.number, { value: '47,5', period: '2021', measuredOn: '2021-09-30', comment: 'fra terminalen' });
      assert.ok(result.pressed, JSON.stringify(result));
      assert.match(result.lines.join('\n'), /Målingen er gemt/);
      const rows = await staff.store.listMeasurements(staff.contract.id, ['4a']);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.value, 47.5);
      assert.match((await chat.say('status mål 4')).join('\n'), /Seneste måling +47,5 %/);
    } finally {
      await chat.close();
      await staff.close();
    }
  });

  it('says clearly when the bot cannot be reached', async () => {
    const chat = await ChatClient.start({ endpoint: 'http://127.0.0.1:1/api/messages' });
    try {
      await assert.rejects(chat.say('hej'), (err: unknown) => err instanceof ChatError && /Kan ikke nå botten på http:\/\/127\.0\.0\.1:1\/api\/messages/.test(err.message));
    } finally {
      await chat.close();
    }
  });

  it('says clearly when the bot requires authentication (not in local mode)', async () => {
    const secured = await startRunningApp({
      env: { MicrosoftAppId: '9b7e4d21-5c3a-4f8e-b1d2-6a0c9e8f7b54', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '3f0c6a52-8d1e-4c7b-9a3e-2b6d5f4e1a90' },
    });
    const chat = await ChatClient.start({ endpoint: `${secured.baseUrl}/api/messages` });
    try {
      await assert.rejects(chat.say('hej'), (err: unknown) => err instanceof ChatError && /kræver Bot Framework-autentificering/.test(err.message));
    } finally {
      await chat.close();
      await secured.close();
    }
  });
});

describe('chat client forms (against a protocol-exact fake bot)', () => {
  let bot: FakeTeamsBot;
  let chat: ChatClient;
  beforeEach(async () => {
    bot = new FakeTeamsBot();
    await bot.start();
    chat = await ChatClient.start({ endpoint: bot.endpoint });
  });
  afterEach(async () => {
    await chat.close();
    await bot.stop();
  });

  const last = () => bot.received[bot.received.length - 1]!;

  it('renders the form with its fields and buttons', async () => {
    const text = (await chat.say('form')).join('\n');
    assert.match(text, /✎ Værdi\*: \(tom\) {2}\[value\]/);
    assert.match(text, /✎ Målt den: 2021-09-30 {2}\[measuredOn\]/);
    assert.match(text, /1\) Syd {2}2\) Nord/);
    assert.match(text, /\[1\] Gem {3}\[2\] Send {3}\[3\] Kommentar …/);
    assert.deepEqual(chat.buttons.map((b) => b.inputs.map((i) => i.id).join(',')), ['value,measuredOn,segment,note,confirm', 'value,measuredOn,segment,note,confirm', 'value,measuredOn,segment,note,confirm']);
  });

  it('refuses to send what Teams would refuse: a required field left empty, a number out of range, an unknown field', async () => {
    await chat.say('form');
    const before = bot.received.length;
    const empty = await chat.press(1);
    assert.deepEqual(empty, { pressed: false, problems: ['Skriv en værdi i procent'] });
    const tooBig = await chat.press(1, { value: '120' });
    assert.equal(tooBig.pressed, false);
    const unknown = await chat.press(1, { value: '4', vaerdi: '4' });
    assert.ok(!unknown.pressed && unknown.problems.some((p) => /intet felt "vaerdi"/.test(p)));
    assert.equal(bot.received.length, before, 'nothing was sent');
  });

  it('Action.Execute: sends the invoke Teams sends (verb, data merged with every input as a string, replyToId) and shows the card from the invoke response', async () => {
    await chat.say('form');
    const cardActivityId = 'chat-1'; // the id the chat's connector gave the form message
    const result = await chat.press(1, { value: '47,5', segment: '2', confirm: 'ja' });
    assert.ok(result.pressed);
    const invoke = last();
    assert.equal(invoke.type, 'invoke');
    assert.equal(invoke.name, 'adaptiveCard/action');
    assert.equal(invoke.channelId, 'msteams');
    assert.equal(invoke.replyToId, cardActivityId);
    assert.deepEqual((invoke.value as Json).action, {
      type: 'Action.Execute',
      verb: 'save',
      data: { goalId: '4', value: '47.5', measuredOn: '2021-09-30', segment: 'nord', note: '', confirm: 'true' },
    });
    assert.deepEqual(result.lines, ['Målbot (kortet blev opdateret):', '  Gemt: 47.5 (nord)']);
  });

  it('shows an error invoke response as the bot\'s message', async () => {
    await chat.say('form');
    const result = await chat.press(1, { value: '3', note: 'fejl' });
    assert.ok(result.pressed);
    assert.deepEqual(result.lines, ['Målbot (fejl 400): Værdien kunne ikke gemmes']);
  });

  it('Action.Submit: sends a message whose value holds the data and the inputs, replying to the card', async () => {
    await chat.say('form');
    const result = await chat.press(2, { value: '12' });
    assert.ok(result.pressed);
    const message = last();
    assert.equal(message.type, 'message');
    assert.equal(message.text, undefined);
    assert.equal(message.replyToId, 'chat-1');
    assert.deepEqual(message.value, { verb: 'send', goalId: '4', value: '12', measuredOn: '2021-09-30', segment: 'syd', note: '', confirm: 'false' });
    assert.match(result.lines.join('\n'), /Modtaget: \{"verb":"send"/);
  });

  it('Action.ShowCard opens the inner card; its button submits its own and the outer card\'s inputs', async () => {
    await chat.say('form');
    const shown = await chat.press(3);
    assert.ok(shown.pressed);
    assert.match(shown.lines.join('\n'), /✎ Kommentar\*: \(tom\) {2}\[comment\]\n.*\[4\] Send kommentar/);
    const sent = await chat.press(4, { comment: 'fra terminalen', value: '5' });
    assert.ok(sent.pressed, JSON.stringify(sent));
    assert.deepEqual(last().value, { verb: 'comment', value: '5', measuredOn: '2021-09-30', segment: 'syd', note: '', confirm: 'false', comment: 'fra terminalen' });
  });

  it('shows a card the bot updates in place (updateActivity) and ignores typing indicators', async () => {
    assert.deepEqual(await chat.say('hej'), ['Målbot: Ekko: hej']);
    await chat.say('opdaterbar');
    const result = await chat.press(1);
    assert.ok(result.pressed);
    assert.deepEqual(result.lines, ['Målbot (kortet blev opdateret):', '  Opdateret kort']);
  });

  it('interactive: asks for each field (Enter keeps the start value) and re-asks after a refused value', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    // form, press [1], value: empty (refused) then 12, date: keep, segment: 2, note: empty, confirm: ja, quit
    input.end(['form', '/1', '', '12', '', '2', '', 'ja', '/slut', ''].join('\n'));
    const code = await runChat({ endpoint: bot.endpoint, script: undefined, input, output });
    assert.equal(code, 0);
    assert.match(printed, /Værdi\*: /);
    assert.match(printed, /! Skriv en værdi i procent/);
    assert.match(printed, /Målt den \[2021-09-30\]: /);
    assert.match(printed, /Segment \(1\) Syd, 2\) Nord\) \[syd\]: /);
    assert.match(printed, /Bekræft \(ja\/nej\) \[false\]: /);
    assert.match(printed, /Gemt: 12 \(nord\)/);
    const invoke = bot.received.find((a) => a.type === 'invoke')!;
    assert.deepEqual(((invoke.value as Json).action as Json).data, { goalId: '4', value: '12', measuredOn: '2021-09-30', segment: 'nord', note: '', confirm: 'true' });
  });
});

describe('chat command lines (scripts/chat/run-chat.ts)', () => {
  it('reads button presses with field values, commands and plain text', () => {
    assert.deepEqual(parseChatLine('/2 value=47 note="fra terminalen"'), { kind: 'press', number: 2, values: { value: '47', note: 'fra terminalen' } });
    assert.deepEqual(parseChatLine('/1'), { kind: 'press', number: 1, values: {} });
    assert.deepEqual(parseChatLine('/hjælp'), { kind: 'command', name: 'help' });
    assert.deepEqual(parseChatLine('/slut'), { kind: 'command', name: 'quit' });
    assert.deepEqual(parseChatLine(' status mål 4 '), { kind: 'text', text: 'status mål 4' });
    assert.equal(parseChatLine('/1 value').kind, 'invalid');
    assert.equal(parseChatLine('/foo').kind, 'invalid');
  });
});
