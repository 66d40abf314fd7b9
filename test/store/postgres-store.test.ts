import assert from 'node:assert/strict';
import { Client } from 'pg';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { Migration } from '../../store/migration';
import { KNOWN_MIGRATION_VERSIONS, MIGRATIONS } from '../../store/migrations';
import { PostgresMeasurementStore, SERIES_PAGE_SQL, type PostgresStoreOptions } from '../../store/postgres-store';
import { createTempSchema, requirePostgresOrSkip, withTempSchema, type TempSchema } from '../helpers/postgres';
import { describeStoreContract, newMeasurement, type MakeStoreOptions, type StoreUnderTest } from './store-contract';

function storeIn(schema: TempSchema, extra: Partial<PostgresStoreOptions> = {}): PostgresMeasurementStore {
  return new PostgresMeasurementStore({
    connectionString: schema.connectionString,
    poolConfig: schema.poolConfig,
    poolSize: 4,
    ...extra,
  });
}

/** A fresh schema per test; cleanup closes every store opened on it and drops it. */
async function makePostgresStore(options: MakeStoreOptions = {}): Promise<StoreUnderTest> {
  const schema = await createTempSchema();
  const opened: MeasurementStore[] = [storeIn(schema, options)];
  return {
    store: opened[0]!,
    async reopen() {
      const s = storeIn(schema, options);
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened) await s.close();
      await schema.drop();
    },
  };
}

/** The next free version after the real list, for test-only migrations. */
const NEXT_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version + 1;

describe('PostgresMeasurementStore', function () {
  before(async function () {
    await requirePostgresOrSkip(this);
  });

  describeStoreContract('PostgresMeasurementStore', makePostgresStore);

  describe('PostgreSQL specifics', function () {
    it('applies each migration exactly once when 3 instances migrate at the same moment', async function () {
      // A slow second version widens the race window: without the advisory lock, two instances
      // would both see it pending and the second CREATE TABLE (or the bookkeeping insert) would fail.
      const slow: Migration = {
        version: NEXT_VERSION,
        name: 'slow_test_migration',
        sqlite: 'SELECT 1',
        postgres: 'SELECT pg_sleep(0.2); CREATE TABLE slow_marker (x integer);',
      };
      await withTempSchema(async (schema) => {
        const stores = [1, 2, 3].map(() => storeIn(schema, { migrations: [...MIGRATIONS, slow] }));
        try {
          await Promise.all(stores.map((s) => s.migrate()));
          for (const s of stores) assert.deepEqual(await s.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS, NEXT_VERSION]);
          const client = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
          await client.connect();
          try {
            const rows = await client.query<{ version: number; name: string; n: string }>(
              'SELECT version, name, count(*) OVER (PARTITION BY version) AS n FROM schema_migrations ORDER BY version',
            );
            assert.deepEqual(
              rows.rows.map((r) => [r.version, r.name, Number(r.n)]),
              [...MIGRATIONS.map((m) => [m.version, m.name, 1]), [NEXT_VERSION, 'slow_test_migration', 1]],
            );
          } finally {
            await client.end();
          }
        } finally {
          await Promise.all(stores.map((s) => s.close()));
        }
      });
    });

    it('rolls a failing migration back completely and reports the error', async function () {
      const broken: Migration = {
        version: NEXT_VERSION,
        name: 'broken_test_migration',
        sqlite: 'SELECT 1',
        postgres: 'CREATE TABLE half_done (x integer); SELECT * FROM no_such_table;',
      };
      await withTempSchema(async (schema) => {
        const fresh = storeIn(schema, { migrations: [...MIGRATIONS, broken] });
        try {
          await assert.rejects(fresh.migrate(), /no_such_table/);
          // All-or-nothing: not even version 1 is kept, and the half-made table is gone.
          assert.deepEqual(await fresh.appliedMigrations(), []);
          const ok = storeIn(schema);
          try {
            await ok.migrate();
            assert.deepEqual(await ok.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
            const fixed = storeIn(schema, { migrations: [...MIGRATIONS, { ...broken, postgres: 'CREATE TABLE half_done (x integer);' }] });
            await fixed.migrate();
            assert.deepEqual(await fixed.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS, NEXT_VERSION]);
            await fixed.close();
          } finally {
            await ok.close();
          }
        } finally {
          await fresh.close();
        }
      });
    });

    it('stores values as double precision and dates as DATE (checked in the catalogue)', async function () {
      await withTempSchema(async (schema) => {
        const store = storeIn(schema);
        try {
          await store.migrate();
          const client = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
          await client.connect();
          try {
            const res = await client.query<{ column_name: string; data_type: string }>(
              `SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = $1 AND table_name = 'measurements' AND column_name = ANY($2)
                ORDER BY column_name`,
              [schema.schema, ['value', 'measured_on', 'recorded_at', 'done', 'demo']],
            );
            assert.deepEqual(
              Object.fromEntries(res.rows.map((r) => [r.column_name, r.data_type])),
              {
                demo: 'boolean',
                done: 'boolean',
                measured_on: 'date',
                recorded_at: 'timestamp with time zone',
                value: 'double precision',
              },
            );
          } finally {
            await client.end();
          }
        } finally {
          await store.close();
        }
      });
    });

    it('refuses UPDATE, DELETE and TRUNCATE on measurements at the database level (append-only audit trail)', async function () {
      await withTempSchema(async (schema) => {
        const store = storeIn(schema);
        try {
          await store.migrate();
          const row = await store.appendMeasurement(newMeasurement({ value: 35 }));
          const client = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
          await client.connect();
          try {
            await assert.rejects(client.query('UPDATE measurements SET value = 99 WHERE id = $1', [row.id]), /append-only/);
            await assert.rejects(client.query('DELETE FROM measurements WHERE id = $1', [row.id]), /append-only/);
            await assert.rejects(client.query('TRUNCATE measurements'), /append-only/);
          } finally {
            await client.end();
          }
          assert.deepEqual(await store.listMeasurements(row.contractId), [row]);
        } finally {
          await store.close();
        }
      });
    });

    it('pages a series ("Vis ældre") by walking measurements_latest_idx backwards, no sort step', async function () {
      await withTempSchema(async (schema) => {
        const store = storeIn(schema);
        const client = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
        try {
          await store.migrate();
          await client.connect();
          await client.query('SET enable_seqscan = off'); // a tiny table: ask what the plan would be for a big one
          for (const withSegment of [true, false]) {
            const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${SERIES_PAGE_SQL(withSegment)}`, ['x', '3a', withSegment ? 'drift' : null, '2021-01-01', 9, 10])).rows.map((r) => r['QUERY PLAN']).join('\n');
            assert.match(plan, /Index (Only )?Scan Backward using measurements_latest_idx/, plan);
            assert.doesNotMatch(plan, /\bSort\b/, plan);
          }
        } finally {
          await client.end();
          await store.close();
        }
      });
    });

    it('uses the pool size it is given', async function () {
      await withTempSchema(async (schema) => {
        const store = storeIn(schema, { poolSize: 2 });
        try {
          await store.migrate();
          await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendMeasurement(newMeasurement({ value: i }))));
          const pool = (store as unknown as { pool: { totalCount: number; options: { max: number } } }).pool;
          assert.equal(pool.options.max, 2);
          assert.ok(pool.totalCount <= 2, `opened ${pool.totalCount} connections`);
        } finally {
          await store.close();
        }
      });
    });
  });
});
