import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { Client } from 'pg';
import { openDatabase } from '../../store/open-database';
import type { Database } from '../../core/ports/database';
import { SqliteMeasurementStore } from '../../store/sqlite-store';
import { startRunningApp, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { createTempSchema, requirePostgresOrSkip, type TempSchema } from '../helpers/postgres';

const CHANNEL = '19:3a7c1e2b9d1f4c0e8a6b5d4c3b2a1f0e@thread.tacv2';
const PERSONAL = 'a:1personal-chat-of-the-test-user';

/** Something that changes whenever anything is committed to the conversation table, read from outside the app. */
interface WriteWatch {
  marker(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Teams sends every activity with a new id (and, in a channel, from whoever writes, with their
 * locale and a thread suffix): none of that matters for a proactive send, so after the first
 * message of a conversation nothing more is written — and nothing invalidates the measurement cache.
 */
function trackingSuite(label: string, open: () => Promise<{ database: Database; watch: WriteWatch; cleanup(): Promise<void> }>): void {
  describe(`conversation tracking writes only what a proactive send needs (${label})`, function () {
    let database: Database;
    let watch: WriteWatch;
    let cleanup: () => Promise<void>;
    let running: RunningApp;

    beforeEach(async function () {
      ({ database, watch, cleanup } = await open());
      // The follow-up context (conversation_topics) is written per question about a goal by design and
      // tested on its own (test/store/conversation-memory.test.ts); the SQLite watch below sees every
      // commit to the file, so this suite runs without it and watches the conversation table alone.
      running = await startRunningApp({ database, reminders: { reminderStore: database.reminders, instanceId: 'tracking' }, conversationMemory: null });
    });
    afterEach(async function () {
      await running.close();
      await cleanup();
    });

    async function send(activity: Record<string, unknown>): Promise<void> {
      const before = running.connector.calls.length;
      const res = await running.postActivity(activity);
      assert.equal(res.status, 200, res.body);
      await running.connector.waitForCalls(before + 1);
    }

    const inChannel = (text: string, person: number) => {
      const a = teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind: 'channel', mention: true, fromAadObjectId: `00000000-0000-4000-8000-00000000000${person}`, fromName: `Direktør ${person}` });
      (a.from as Record<string, unknown>).id = `29:user-${person}`;
      a.locale = person % 2 === 0 ? 'da-DK' : 'en-US';
      return a;
    };
    const inPersonalChat = (text: string) => {
      const a = teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind: 'personal' });
      (a.conversation as Record<string, unknown>).id = PERSONAL;
      return a;
    };

    it('a channel: the first message writes the conversation, 20 more with fresh ids from several people write nothing', async function () {
      await send(inChannel('status mål 4?', 0));
      const stored = await database.reminders.getConversation(CHANNEL);
      assert.ok(stored, 'the first message records the channel');
      assert.equal(stored.reference.activityId, undefined, 'the stored reference carries no activity id');
      const after = await watch.marker();
      const ids = new Set<unknown>();
      for (let i = 1; i <= 20; i++) {
        const a = inChannel(i % 3 === 0 ? 'oversigt' : 'status mål 4?', i % 4);
        a.id = `1712345678${String(i).padStart(3, '0')}`;
        ids.add(a.id);
        await send(a);
      }
      assert.equal(ids.size, 20, 'every activity had its own id');
      assert.equal(await watch.marker(), after, 'no write after the first message');
    });

    it('a personal chat: no write after the first message; a new serviceUrl is written at once', async function () {
      await send(inPersonalChat('status mål 3'));
      const after = await watch.marker();
      for (let i = 0; i < 10; i++) await send(inPersonalChat('historik mål 3'));
      assert.equal(await watch.marker(), after, 'no write after the first message');
      const moved = inPersonalChat('status mål 3');
      moved.serviceUrl = `${running.connector.serviceUrl}emea/`;
      await running.postActivity(moved);
      assert.notEqual(await watch.marker(), after, 'a reference that changed is written');
      assert.equal((await database.reminders.getConversation(PERSONAL))?.reference.serviceUrl, moved.serviceUrl);
    });
  });
}

trackingSuite('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-tracking-'));
  const database = await openDatabase(`sqlite:${path.join(dir, 'bot.sqlite')}`, { baseDir: dir });
  const file = (database.measurements as SqliteMeasurementStore).file;
  // A third connection: its data_version moves when any other connection commits to the file.
  const observer = new BetterSqlite(file, { readonly: true });
  return {
    database,
    watch: {
      marker: async () => String((observer.prepare('PRAGMA data_version').get() as { data_version: number }).data_version),
      close: async () => void observer.close(),
    },
    async cleanup() {
      observer.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('on PostgreSQL', function () {
  before(async function () {
    await requirePostgresOrSkip(this);
  });
  trackingSuite('PostgreSQL', async () => {
    const schema: TempSchema = await createTempSchema();
    const database = await openDatabase(schema.connectionString, { baseDir: os.tmpdir(), poolConfig: schema.poolConfig, poolSize: 4 });
    const client = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
    await client.connect();
    return {
      database,
      watch: {
        // Every insert or update gives a row a new xmin (an ON CONFLICT update with equal values too).
        marker: async () => JSON.stringify((await client.query('SELECT conversation_id, xmin::text AS x FROM reminder_conversations ORDER BY 1')).rows),
        close: () => client.end(),
      },
      async cleanup() {
        await client.end();
        await database.close();
        await schema.drop();
      },
    };
  });
});
