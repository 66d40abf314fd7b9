import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from '../../store/migration';
import { KNOWN_MIGRATION_VERSIONS, MIGRATIONS, allMigrationsApplied, pendingMigrations } from '../../store/migrations';
import { SqliteMeasurementStore } from '../../store/sqlite-store';
import { newMeasurement } from './store-contract';

describe('migrations', function () {
  it('is a strictly increasing list from 1 (gaps allowed) with unique snake_case names and SQL for both databases', function () {
    assert.ok(MIGRATIONS.length >= 1);
    assert.equal(MIGRATIONS[0]!.version, 1);
    MIGRATIONS.forEach((m, i) => assert.ok(i === 0 || m.version > MIGRATIONS[i - 1]!.version, `version ${m.version} after ${MIGRATIONS[i - 1]?.version}`));
    assert.deepEqual([...KNOWN_MIGRATION_VERSIONS], MIGRATIONS.map((m) => m.version));
    assert.equal(new Set(MIGRATIONS.map((m) => m.name)).size, MIGRATIONS.length);
    for (const m of MIGRATIONS) {
      assert.match(m.name, /^[a-z][a-z0-9_]*$/);
      assert.ok(m.sqlite.trim().length > 0 && m.postgres.trim().length > 0, m.name);
      // Both run inside a transaction.
      assert.doesNotMatch(m.sqlite, /\bPRAGMA\b|\bVACUUM\b/i, m.name);
      assert.doesNotMatch(m.postgres, /\bCONCURRENTLY\b/i, m.name);
    }
  });

  it('counts as applied (readiness) when every known version is there, also with newer ones, not with one missing', function () {
    assert.equal(allMigrationsApplied([...KNOWN_MIGRATION_VERSIONS]), true);
    assert.equal(allMigrationsApplied([...KNOWN_MIGRATION_VERSIONS, 9999]), true, 'a newer instance migrated further (rolling upgrade)');
    assert.equal(allMigrationsApplied(KNOWN_MIGRATION_VERSIONS.slice(1)), false);
    assert.equal(allMigrationsApplied([]), false);
  });

  it('version 1 creates the measurements table with the promised columns and index', function () {
    const db = new Database(':memory:');
    try {
      db.exec(MIGRATIONS[0]!.sqlite);
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('measurements')`).all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      assert.deepEqual(columns, [
        'id',
        'contract_id',
        'kpi_id',
        'value',
        'done',
        'segment',
        'period',
        'measured_on',
        'source',
        'note',
        'recorded_at',
        'recorded_by',
        'demo',
      ]);
      const indexColumns = (
        db.prepare(`SELECT name FROM pragma_index_info('measurements_latest_idx')`).all() as Array<{ name: string }>
      ).map((c) => c.name);
      assert.deepEqual(indexColumns, ['contract_id', 'kpi_id', 'segment', 'measured_on', 'id']);
      // STRICT: a text value in `value` is refused rather than silently stored.
      assert.throws(() =>
        db
          .prepare(
            `INSERT INTO measurements (contract_id, kpi_id, value, period, measured_on, source, recorded_at, recorded_by)
             VALUES ('c', '1a', 'mange', '2021', '2021-09-30', 's', 'now', 'me')`,
          )
          .run(),
      );
    } finally {
      db.close();
    }
  });

  it('pendingMigrations returns what is missing, in order, and refuses a list that is not strictly increasing', function () {
    const list: Migration[] = [1, 2, 3].map((version) => ({ version, name: `m${version}`, sqlite: '', postgres: '' }));
    assert.deepEqual(pendingMigrations(list, []).map((m) => m.version), [1, 2, 3]);
    assert.deepEqual(pendingMigrations(list, [1]).map((m) => m.version), [2, 3]);
    assert.deepEqual(pendingMigrations(list, [1, 2, 3, 4]), []);
    assert.deepEqual(pendingMigrations([list[0]!, list[2]!], [1]).map((m) => m.version), [3], 'a gap is allowed');
    assert.throws(() => pendingMigrations([list[1]!, list[0]!], []), /entry 1 has version 1, which must be an integer greater than 2/);
    assert.throws(() => pendingMigrations([list[0]!, list[0]!], []), /entry 1 has version 1/);
  });

  describe('runner on SQLite', function () {
    // The next free version after the real list, whatever it holds by now.
    const next = MIGRATIONS[MIGRATIONS.length - 1]!.version + 1;
    const v2: Migration = {
      version: next,
      name: 'add_measurement_unit',
      sqlite: 'ALTER TABLE measurements ADD COLUMN unit TEXT;',
      postgres: 'ALTER TABLE measurements ADD COLUMN unit TEXT;',
    };

    it('adding a version is one list entry: an existing database gets it on the next start, rows kept', async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-migrate-'));
      const file = path.join(dir, 'maalbot.sqlite');
      try {
        const before = new SqliteMeasurementStore(file);
        await before.migrate();
        const row = await before.appendMeasurement(newMeasurement());
        await before.close();

        const after = new SqliteMeasurementStore(file, { migrations: [...MIGRATIONS, v2] });
        try {
          await after.migrate();
          assert.deepEqual(await after.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS, next]);
          assert.deepEqual(await after.listMeasurements(row.contractId), [row]);
        } finally {
          await after.close();
        }
        const db = new Database(file, { readonly: true });
        try {
          const names = (db.prepare(`SELECT name FROM pragma_table_info('measurements')`).all() as Array<{ name: string }>).map(
            (c) => c.name,
          );
          assert.ok(names.includes('unit'), names.join(','));
          assert.deepEqual(
            db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
            [...MIGRATIONS.map((m) => ({ version: m.version, name: m.name })), { version: next, name: 'add_measurement_unit' }],
          );
        } finally {
          db.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('rolls a failing migration back completely', async function () {
      const broken: Migration = { ...v2, sqlite: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' };
      const store = new SqliteMeasurementStore(':memory:', { migrations: [...MIGRATIONS, broken] });
      try {
        await assert.rejects(store.migrate(), /no such table: no_such_table/);
        // All-or-nothing: version 1 is not kept either, nor the half-made table.
        assert.deepEqual(await store.appliedMigrations(), []);
        await assert.rejects(store.listMeasurements('x'), /no such table: measurements/);
      } finally {
        await store.close();
      }
    });
  });
});
