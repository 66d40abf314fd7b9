import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationRegistry } from '../../../features/reminders/conversation-registry';
import { channelConversationId } from '../../../features/reminders/conversation-key';
import type { TurnInfo } from '../../../core/turn-info';
import { SqliteReminderStore } from '../../../store/sqlite-reminder-store';

const turn = (conversationId: string, conversationType: TurnInfo['conversationType'] = 'channel'): TurnInfo =>
  ({ conversationId, conversationType, tenantId: 't', user: { id: '29:u', aadObjectId: 'AAD-1', name: 'U' } }) as TurnInfo;

describe('conversation registry (ConversationEvents → reminder store)', function () {
  let dir: string;
  let store: SqliteReminderStore;
  let writes: number;
  let now: Date;
  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-registry-'));
    store = new SqliteReminderStore(path.join(dir, 'r.sqlite'));
    await store.migrate();
    writes = 0;
    const upsert = store.upsertConversation.bind(store);
    store.upsertConversation = async (c) => {
      writes++;
      return upsert(c);
    };
    now = new Date('2026-03-02T08:00:00Z');
  });
  afterEach(async function () {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops the thread suffix of a channel conversation id, and only that', function () {
    assert.equal(channelConversationId('19:abc@thread.tacv2;messageid=1712345678901'), '19:abc@thread.tacv2');
    assert.equal(channelConversationId('a:1xyz'), 'a:1xyz');
    assert.equal(channelConversationId('19:meeting_abc@thread.v2'), '19:meeting_abc@thread.v2');
  });

  it('writes a conversation once, not on every message, until its reference changes or time passes', async function () {
    const registry = createConversationRegistry({ store, now: () => now });
    const reference = { conversation: { id: '19:c@thread.tacv2;messageid=1' }, serviceUrl: 'https://a/' };
    await registry.seen({ reference, turn: turn('19:c@thread.tacv2;messageid=1'), teamId: 'team', via: 'message' });
    await registry.seen({ reference: { ...reference, conversation: { id: '19:c@thread.tacv2;messageid=2' } }, turn: turn('19:c@thread.tacv2;messageid=2'), teamId: 'team', via: 'message' });
    assert.equal(writes, 1, 'another thread of the same channel is the same target');
    await registry.seen({ reference: { ...reference, serviceUrl: 'https://b/' }, turn: turn('19:c@thread.tacv2;messageid=3'), teamId: 'team', via: 'message' });
    assert.equal(writes, 2, 'a new serviceUrl is written at once');
    now = new Date(now.getTime() + 11 * 60_000);
    await registry.seen({ reference: { ...reference, serviceUrl: 'https://b/' }, turn: turn('19:c@thread.tacv2;messageid=4'), teamId: 'team', via: 'message' });
    assert.equal(writes, 3, 'refreshed after ten minutes (last seen, reactivation)');
    const stored = await store.getConversation('19:c@thread.tacv2');
    assert.equal((stored?.reference.conversation as { id: string }).id, '19:c@thread.tacv2');
    assert.equal(stored?.userAadObjectId, null, 'only personal chats identify a person');
  });

  it('records the person of a personal chat; removal deactivates it, team removal deactivates the channels', async function () {
    const registry = createConversationRegistry({ store, now: () => now });
    await registry.seen({ reference: { conversation: { id: 'a:1' } }, turn: turn('a:1', 'personal'), teamId: undefined, via: 'installation' });
    assert.equal((await store.findPersonalConversation('aad-1'))?.conversationId, 'a:1');
    await registry.removed({ conversationId: 'a:1', teamId: undefined, reason: 'uninstalled' });
    assert.equal((await store.getConversation('a:1'))?.active, false);

    await registry.seen({ reference: { conversation: { id: '19:x@thread.tacv2' } }, turn: turn('19:x@thread.tacv2'), teamId: 'team-1', via: 'members-added' });
    await registry.seen({ reference: { conversation: { id: '19:y@thread.tacv2' } }, turn: turn('19:y@thread.tacv2'), teamId: 'team-1', via: 'message' });
    await registry.removed({ conversationId: '19:x@thread.tacv2', teamId: 'team-1', reason: 'team-deleted' });
    assert.equal((await store.getConversation('19:y@thread.tacv2'))?.deactivatedReason, 'team-deleted');
    // Seen again right after: written again (the memory was cleared), so the channel is active again.
    await registry.seen({ reference: { conversation: { id: '19:y@thread.tacv2' } }, turn: turn('19:y@thread.tacv2'), teamId: 'team-1', via: 'message' });
    assert.equal((await store.getConversation('19:y@thread.tacv2'))?.active, true);
  });
});
