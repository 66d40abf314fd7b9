import { randomUUID } from 'node:crypto';

export type ConversationKind = 'channel' | 'personal' | 'groupChat';

export interface ActivityOptions {
  text: string;
  serviceUrl: string;
  kind?: ConversationKind;
  /** Wrap the text in a bot mention the way the Teams client does in channels. */
  mention?: boolean;
  tenantId?: string;
  fromAadObjectId?: string;
  fromName?: string;
}

const BOT_ID = '28:maalbot-test-bot';
const BOT_NAME = 'Målbot';

/** A message activity shaped like the ones Teams posts to /api/messages (fields the bot reads and then some). */
export function teamsMessage(o: ActivityOptions): Record<string, unknown> {
  const kind = o.kind ?? 'personal';
  const tenantId = o.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const mentionText = `<at>${BOT_NAME}</at>`;
  const text = o.mention ? `${mentionText} ${o.text}` : o.text;
  const conversationId =
    kind === 'channel'
      ? `19:3a7c1e2b9d1f4c0e8a6b5d4c3b2a1f0e@thread.tacv2;messageid=${Date.now()}`
      : kind === 'groupChat'
        ? `19:meeting_${randomUUID()}@thread.v2`
        : `a:1${randomUUID().replace(/-/g, '')}`;
  return {
    type: 'message',
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: 'Europe/Copenhagen',
    serviceUrl: o.serviceUrl,
    channelId: 'msteams',
    from: { id: '29:1abc-user', name: o.fromName ?? 'Direktør Test', aadObjectId: o.fromAadObjectId ?? '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11' },
    conversation: {
      isGroup: kind !== 'personal',
      conversationType: kind,
      tenantId,
      id: conversationId,
      ...(kind === 'channel' ? { name: undefined } : {}),
    },
    recipient: { id: BOT_ID, name: BOT_NAME },
    textFormat: 'plain',
    locale: 'da-DK',
    text,
    entities: [
      ...(o.mention ? [{ type: 'mention', text: mentionText, mentioned: { id: BOT_ID, name: BOT_NAME } }] : []),
      { type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Web', timezone: 'Europe/Copenhagen' },
    ],
    channelData:
      kind === 'channel'
        ? { teamsChannelId: '19:3a7c1e2b9d1f4c0e8a6b5d4c3b2a1f0e@thread.tacv2', teamsTeamId: '19:team@thread.tacv2', channel: { id: '19:3a7c1e2b9d1f4c0e8a6b5d4c3b2a1f0e@thread.tacv2' }, team: { id: '19:team@thread.tacv2' }, tenant: { id: tenantId } }
        : { tenant: { id: tenantId } },
  };
}
