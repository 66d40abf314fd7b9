import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseUrlError } from '../../store/database-url';
import { KNOWN_MIGRATION_VERSIONS } from '../../store/migrations';
import { openDatabase } from '../../store/open-database';
import type { Logger } from '../../core/ports/logger';
import { requirePostgresOrSkip, withTempSchema } from '../helpers/postgres';
import { newMeasurement } from './store-contract';
import { seen } from './reminder-store-contract';

describe('openDatabase', function () {
  let dir: string;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-open-'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the default SQLite file under the base dir, migrated, and logs it', async function () {
    const lines: Array<{ obj: object; msg: string }> = [];
    const logger: Logger = {
      child: () => logger,
      info: (obj, msg) => lines.push({ obj, msg }),
      warn: (obj, msg) => lines.push({ obj, msg }),
      error: (obj, msg) => lines.push({ obj, msg }),
    };
    const database = await openDatabase(undefined, { baseDir: dir, logger });
    try {
      assert.equal(database.kind, 'sqlite');
      assert.deepEqual(await database.measurements.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
      assert.equal(await database.migrationsCurrent(), true);
      await database.ping();
      await database.measurements.appendMeasurement(newMeasurement());
      await database.reminders.upsertConversation(seen());
      assert.ok(fs.existsSync(path.join(dir, 'data', 'maalbot.sqlite')));
      assert.deepEqual(
        lines.map((l) => l.msg),
        [...KNOWN_MIGRATION_VERSIONS.map(() => 'applied migration'), 'store opened'],
      );
    } finally {
      await database.close();
    }
  });

  it('opens sqlite::memory: for tests, both stores migrated', async function () {
    const database = await openDatabase('sqlite::memory:', { baseDir: dir });
    try {
      assert.equal(database.kind, 'sqlite');
      assert.equal((await database.measurements.listMeasurements('x')).length, 0);
      await database.reminders.upsertConversation(seen());
      assert.equal((await database.reminders.getConversation(seen().conversationId))?.kind, seen().kind);
    } finally {
      await database.close();
    }
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('closes once, however often close is called', async function () {
    const database = await openDatabase('sqlite::memory:', { baseDir: dir });
    await Promise.all([database.close(), database.close()]);
    await database.close();
    await assert.rejects(database.ping());
  });

  it('opens sqlite::memory: for tests (measurements)', async function () {
    const database = await openDatabase('sqlite::memory:', { baseDir: dir });
    try {
      assert.equal((await database.measurements.listMeasurements('x')).length, 0);
    } finally {
      await database.close();
    }
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('rejects an unsupported DATABASE_URL before touching anything', async function () {
    await assert.rejects(openDatabase('mongodb://x', { baseDir: dir }), DatabaseUrlError);
  });

  it('reports a PostgreSQL server that does not answer, with the pg error', async function () {
    await assert.rejects(
      openDatabase('postgres://nobody@127.0.0.1:1/none', { baseDir: dir }),
      (err: unknown) => err instanceof Error && /ECONNREFUSED/.test(String((err as { code?: string }).code ?? err.message)),
    );
  });
});

describe('openDatabase on PostgreSQL', function () {
  before(async function () {
    await requirePostgresOrSkip(this);
  });

  it('shares one pool between both stores, migrates once, pings, and closes the pool', async function () {
    await withTempSchema(async (schema) => {
      const lines: string[] = [];
      const logger: Logger = { child: () => logger, info: (_o, msg) => lines.push(msg), warn: (_o, msg) => lines.push(msg), error: (_o, msg) => lines.push(msg) };
      const database = await openDatabase(schema.connectionString, { baseDir: os.tmpdir(), poolConfig: schema.poolConfig, poolSize: 2, logger });
      try {
        assert.equal(database.kind, 'postgres');
        assert.deepEqual(lines, [...KNOWN_MIGRATION_VERSIONS.map(() => 'applied migration'), 'store opened'], 'migrations ran once');
        assert.equal(await database.migrationsCurrent(), true);
        await database.ping();
        // Both stores at once on a pool of 2: they share it (neither ends it alone).
        await Promise.all([database.measurements.appendMeasurement(newMeasurement()), database.reminders.upsertConversation(seen())]);
        await database.measurements.close(); // a shared pool is not the store's to end
        assert.equal((await database.reminders.getConversation(seen().conversationId))?.kind, seen().kind);
      } finally {
        await database.close();
      }
      await assert.rejects(database.ping(), 'the pool is ended');
    });
  });
});
