import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { LATEST_MEASUREMENTS_SQL, SERIES_PAGE_SQL, SqliteMeasurementStore } from '../../store/sqlite-store';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import { describeStoreContract, newMeasurement, type MakeStoreOptions, type StoreUnderTest } from './store-contract';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-sqlite-'));
}

/** A real file in a fresh temp dir, in a subdirectory the store must create itself. */
async function makeSqliteStore(options: MakeStoreOptions = {}): Promise<StoreUnderTest> {
  const dir = tempDir();
  const file = path.join(dir, 'nested', 'data', 'maalbot.sqlite');
  const opened: MeasurementStore[] = [new SqliteMeasurementStore(file, options)];
  return {
    store: opened[0]!,
    async reopen() {
      const s = new SqliteMeasurementStore(file, options);
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('SqliteMeasurementStore (file)', makeSqliteStore);

describeStoreContract('SqliteMeasurementStore (:memory:)', async (options = {}) => {
  const store = new SqliteMeasurementStore(':memory:', options);
  // No reopen: a memory database dies with its connection.
  return { store, cleanup: () => store.close() };
}, { reopenable: false });

describe('SqliteMeasurementStore specifics', function () {
  let dir: string;
  let file: string;
  let store: SqliteMeasurementStore;

  beforeEach(async function () {
    dir = tempDir();
    file = path.join(dir, 'sub', 'maalbot.sqlite');
    store = new SqliteMeasurementStore(file);
    await store.migrate();
  });

  afterEach(async function () {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A second, independent connection: what an operator with the sqlite3 CLI would see. */
  function inspect<T>(fn: (db: Database.Database) => T): T {
    const db = new Database(file, { readonly: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  it('latestMeasurements sees rows written by another connection (its cache follows the high-water mark)', async function () {
    const first = await store.appendMeasurement(newMeasurement({ value: 30, measuredOn: '2021-09-01' }));
    assert.deepEqual(await store.latestMeasurements(first.contractId), [first]);
    const other = new SqliteMeasurementStore(file);
    try {
      await other.migrate();
      const newer = await other.appendMeasurement(newMeasurement({ value: 36, measuredOn: '2021-09-30' }));
      assert.deepEqual(await store.latestMeasurements(first.contractId), [newer], 'a write by another process is seen at once');
    } finally {
      await other.close();
    }
    const own = await store.appendMeasurement(newMeasurement({ value: 37, measuredOn: '2021-10-30' }));
    assert.deepEqual(await store.latestMeasurements(first.contractId), [own], 'and so is our own next write');
    const rows = await store.latestMeasurements(first.contractId);
    rows.pop();
    assert.equal((await store.latestMeasurements(first.contractId)).length, 1, 'callers cannot damage the cache');
  });

  it('latestMeasurements is not read again when only the reminder tables in the same file are written', async function () {
    const row = await store.appendMeasurement(newMeasurement({ value: 30 }));
    const internals = store as unknown as { stmts: { latest: { all(...args: unknown[]): unknown[] } } };
    const latest = internals.stmts.latest;
    let reads = 0;
    const all = latest.all.bind(latest);
    latest.all = (...args: unknown[]) => {
      reads++;
      return all(...args);
    };
    assert.deepEqual(await store.latestMeasurements(row.contractId), [row]);
    const reminders = new SqliteReminderStore(file);
    try {
      for (let i = 0; i < 3; i++) {
        await reminders.upsertConversation({ conversationId: `a:${i}`, kind: 'personal', reference: { conversation: { id: `a:${i}` } }, tenantId: 't', teamId: null, userAadObjectId: null, seenAt: '2026-03-02T08:00:00.000Z' });
        assert.deepEqual(await store.latestMeasurements(row.contractId), [row]);
      }
    } finally {
      await reminders.close();
    }
    assert.equal(reads, 1, 'three commits to reminder_conversations, one read of the measurements');
    const next = await store.appendMeasurement(newMeasurement({ value: 31, measuredOn: '2021-12-01' }));
    assert.deepEqual(await store.latestMeasurements(row.contractId), [next]);
    assert.equal(reads, 2, 'a new measurement is read at once');
  });

  it('latestMeasurements cache follows corrections and ignores replays', async function () {
    const wrong = await store.appendMeasurement(newMeasurement({ value: 53, submissionId: 's-1' }));
    assert.deepEqual(await store.latestMeasurements(wrong.contractId), [wrong]);
    const fixed = await store.appendMeasurement(newMeasurement({ value: 35, supersedesId: wrong.id, submissionId: 's-2' }));
    assert.deepEqual(await store.latestMeasurements(wrong.contractId), [fixed], 'the correction replaces the cached row at once');
    await store.appendMeasurement(newMeasurement({ value: 35, supersedesId: wrong.id, submissionId: 's-2' }));
    assert.deepEqual(await store.latestMeasurements(wrong.contractId), [fixed]);
  });

  it('refuses UPDATE and DELETE on measurements at the database level (append-only audit trail)', async function () {
    const row = await store.appendMeasurement(newMeasurement({ value: 35 }));
    const db = new Database(file);
    try {
      assert.throws(() => db.prepare('UPDATE measurements SET value = 99 WHERE id = ?').run(row.id), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM measurements WHERE id = ?').run(row.id), /append-only/);
    } finally {
      db.close();
    }
    assert.deepEqual(await store.listMeasurements(row.contractId), [row]);
  });

  it('creates the parent directory and the file', function () {
    assert.ok(fs.statSync(file).isFile());
  });

  it('runs in WAL mode and passes integrity_check after writes', async function () {
    for (let i = 0; i < 20; i++) await store.appendMeasurement(newMeasurement({ value: i }));
    inspect((db) => {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(db.prepare('SELECT count(*) AS n FROM measurements').get(), { n: 20 });
    });
  });

  it('sets busy_timeout, foreign_keys and synchronous=FULL (a confirmed measurement survives a power loss)', function () {
    // These are per connection, so ask the store's own (private, hence the cast).
    const db = (store as unknown as { db: Database.Database }).db;
    assert.equal(db.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('synchronous', { simple: true }), 2); // 2 = FULL
  });

  it('answers latestMeasurements from the (contract, kpi, segment, measured_on, id) index', function () {
    const plan = inspect((db) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${LATEST_MEASUREMENTS_SQL}`)
        .all('x') as Array<{ detail: string }>,
    );
    assert.ok(
      plan.some((p) => p.detail.includes('measurements_latest_idx')),
      JSON.stringify(plan),
    );
  });

  it('pages a series ("Vis ældre") by walking the same index, no sort step', function () {
    const plan = inspect((db) =>
      db.prepare(`EXPLAIN QUERY PLAN ${SERIES_PAGE_SQL}`).all({ contractId: 'x', kpiId: '3a', segment: 'drift', measuredOn: '2021-01-01', id: 9, limit: 10 }) as Array<{ detail: string }>,
    );
    assert.ok(plan.some((p) => /SEARCH m USING (COVERING )?INDEX measurements_latest_idx/.test(p.detail)), JSON.stringify(plan));
    assert.ok(!plan.some((p) => p.detail.includes('TEMP B-TREE')), `no sort: ${JSON.stringify(plan)}`);
  });

  it('survives two stores on the same file writing in turn (separate connections)', async function () {
    const other = new SqliteMeasurementStore(file);
    try {
      await other.migrate();
      const a = await store.appendMeasurement(newMeasurement({ value: 1 }));
      const b = await other.appendMeasurement(newMeasurement({ value: 2 }));
      assert.ok(b.id > a.id);
      assert.deepEqual(await store.listMeasurements(a.contractId), [a, b]);
    } finally {
      await other.close();
    }
  });

  it('has no way to change or remove a row (append-only)', function () {
    const methods = Object.getOwnPropertyNames(SqliteMeasurementStore.prototype);
    assert.deepEqual(
      methods.filter((m) => /update|delete|remove|set|put|truncate/i.test(m)),
      [],
    );
  });
});
