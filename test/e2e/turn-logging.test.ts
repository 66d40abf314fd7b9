import assert from 'node:assert/strict';
import { startRunningApp, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { hashId } from '../../teams/turn-logger';

/** pino's numeric levels: info = 30. */
const INFO = 30;
const NAME = 'Birgitte Hemmelighedsfuld';
const TEAM_NAME = 'Direktørkredsen Fortrolig';

describe('turn logging: a child logger per turn, no message text or names at info level', () => {
  let running: RunningApp;
  before(async () => {
    running = await startRunningApp({ clock: () => new Date('2021-10-15T10:00:00Z') });
  });
  after(async () => running.close());
  beforeEach(() => {
    running.logs.length = 0;
    running.connector.reset();
  });

  const infoLines = () => running.logs.filter((l) => typeof l.level === 'number' && l.level >= INFO);

  function message(text: string, kind: 'channel' | 'personal' = 'personal'): Record<string, unknown> {
    const activity = teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind, mention: kind === 'channel', fromName: NAME });
    // Teams also sends the team's and channel's names in a channel: they must not reach the log either.
    const channelData = activity.channelData as Record<string, unknown>;
    if (kind === 'channel') channelData.team = { ...(channelData.team as object), name: TEAM_NAME };
    (activity.conversation as Record<string, unknown>).name = TEAM_NAME;
    return activity;
  }

  it('the turn line carries the hashed conversation id and the activity id', async () => {
    const activity = message('status mål 4');
    const res = await running.postActivity(activity);
    assert.equal(res.status, 200);
    const turn = running.logs.find((l) => l.event === 'turn');
    assert.ok(turn, 'a turn line');
    const conversationId = (activity.conversation as { id: string }).id;
    assert.equal(turn.conversation, hashId(conversationId));
    assert.match(String(turn.conversation), /^[0-9a-f]{16}$/);
    assert.equal(turn.activityId, activity.id);
    assert.equal(turn.activityType, 'message');
    assert.ok(!JSON.stringify(running.logs).includes(conversationId), 'the raw conversation id is not logged');
  });

  it('two turns in one conversation share the conversation hash, not the activity id', async () => {
    const first = message('oversigt');
    const second = { ...message('frister'), conversation: first.conversation, id: `${String(first.id)}-2` };
    await running.postActivity(first);
    await running.postActivity(second);
    const turns = running.logs.filter((l) => l.event === 'turn');
    assert.equal(turns.length, 2);
    assert.equal(turns[0]!.conversation, turns[1]!.conversation);
    assert.notEqual(turns[0]!.activityId, turns[1]!.activityId);
  });

  const phrasings: Array<[string, string, 'channel' | 'personal']> = [
    ['a goal question in a channel', 'hvordan går det med kendskab? spørger Fortrolighedsordet', 'channel'],
    ['text the bot does not understand', 'kan du bestille pizza til Fortrolighedsordet', 'personal'],
    ['a help request', 'hjælp Fortrolighedsordet', 'personal'],
  ];
  for (const [name, text, kind] of phrasings) {
    it(`${name}: no text, user name or team name in any info line`, async () => {
      const res = await running.postActivity(message(text, kind));
      assert.equal(res.status, 200);
      const lines = infoLines();
      assert.ok(lines.some((l) => l.event === 'turn'), 'the turn was logged');
      const logged = JSON.stringify(lines);
      for (const secret of ['Fortrolighedsordet', 'Birgitte', 'Hemmelighedsfuld', 'Fortrolig', 'pizza', 'kendskab']) {
        assert.ok(!logged.includes(secret), `"${secret}" leaked into the log: ${logged.slice(0, 400)}`);
      }
    });
  }

  it('a card action (invoke) logs its verb and outcome, but not the input values or the name', async () => {
    const invoke = {
      ...message('x'),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'noSuchVerb', data: { note: 'Fortrolighedsordet i et felt' } }, trigger: 'manual' },
    };
    const res = await running.postActivity(invoke);
    assert.equal(res.status, 400, 'an unknown verb is a polite 400 invoke response');
    assert.match(res.body, /application\/vnd\.microsoft\.error/);
    const turn = running.logs.find((l) => l.event === 'turn');
    assert.equal(turn?.intent, 'action:noSuchVerb');
    assert.equal(turn?.activityType, 'invoke');
    const logged = JSON.stringify(infoLines());
    assert.ok(!logged.includes('Fortrolighedsordet') && !logged.includes('Birgitte'));
  });
});
