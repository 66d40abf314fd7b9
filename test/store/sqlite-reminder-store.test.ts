import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KNOWN_MIGRATION_VERSIONS } from '../../store/migrations';
import { openDatabase } from '../../store/open-database';
import type { ReminderStore } from '../../core/ports/reminder-store';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import { describeReminderStoreContract, seen } from './reminder-store-contract';

async function makeSqlite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-reminders-'));
  const file = path.join(dir, 'r.sqlite');
  const opened: ReminderStore[] = [];
  const open = async () => {
    const s = new SqliteReminderStore(file);
    await s.migrate();
    opened.push(s);
    return s;
  };
  return {
    store: await open(),
    another: open,
    async cleanup() {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeReminderStoreContract('SqliteReminderStore', makeSqlite);

describe('SqliteReminderStore beside the measurement store', function () {
  it('shares the database file: one migration history, both stores usable, data survives a reopen', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-reminders-'));
    try {
      const url = `sqlite:${path.join(dir, 'shared.sqlite')}`;
      const database = await openDatabase(url, { baseDir: dir });
      assert.deepEqual(await database.measurements.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
      await database.reminders.upsertConversation(seen());
      await database.close();
      const again = await openDatabase(url, { baseDir: dir });
      assert.equal((await again.reminders.getConversation('19:general@thread.tacv2'))?.kind, 'channel');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
