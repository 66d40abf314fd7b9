import assert from 'node:assert/strict';
import { Client } from 'pg';
import type { Measurement } from '../../core/measurement';
import type { StatusRows } from '../../core/ports/measurement-store';
import { statusKpiQueries } from '../../core/status-rules';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import { PostgresMeasurementStore } from '../../store/postgres-store';
import { requirePostgresOrSkip, withTempSchema, type TempSchema } from '../helpers/postgres';
import { newMeasurement } from './store-contract';

/**
 * The PostgreSQL status and history caches (store/measurement-versions.ts): several store
 * instances on one database are several bot instances, and a row committed by any of them, in any
 * order of ids, must reach the next question.
 */
const contract = loadContract(defaultContractPath());
const queries = statusKpiQueries(contract.goals.flatMap((g) => g.kpis));
const AS_OF = { measuredOnOrBefore: '2021-12-31' };
const CONTRACT = newMeasurement().contractId;

function open(schema: TempSchema): PostgresMeasurementStore {
  return new PostgresMeasurementStore({ connectionString: schema.connectionString, poolConfig: schema.poolConfig, poolSize: 2 });
}

const ids = (r: StatusRows): number[] => r.rows.map((m) => m.id);

/** A row inserted by hand in `client`'s open transaction, the way the store inserts it (row and period in one statement). */
async function insertBy(client: Client, kpiId: string, value: number): Promise<number> {
  const res = await client.query<{ id: string }>(
    `WITH m AS (
       INSERT INTO measurements (contract_id, kpi_id, value, done, segment, period, measured_on, source, note, recorded_at, recorded_by, demo)
       VALUES ($1, $2, $3, NULL, NULL, 'efterår 2021', '2021-09-30', 'hånd', NULL, now(), 'test@erhvervshus.dk', false) RETURNING id, contract_id, kpi_id, measured_on)
     INSERT INTO measurement_periods (measurement_id, contract_id, kpi_id, measured_on, period_from, period_to)
     SELECT id, contract_id, kpi_id, measured_on, '2021-09-01', '2021-11-30' FROM m RETURNING measurement_id AS id`,
    [CONTRACT, kpiId, value],
  );
  return Number(res.rows[0]!.id);
}

/** Two store instances on one fresh schema (two bot instances behind a load balancer). */
async function withTwoInstances(fn: (a: PostgresMeasurementStore, b: PostgresMeasurementStore) => Promise<void>): Promise<void> {
  await withTempSchema(async (schema) => {
    const a = open(schema);
    const b = open(schema);
    try {
      await a.migrate();
      await b.migrate();
      await fn(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });
}

async function client(schema: TempSchema): Promise<Client> {
  const c = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
  await c.connect();
  return c;
}

describe('PostgreSQL status and history caches (several instances)', function () {
  this.timeout(30_000);

  before(async function () {
    await requirePostgresOrSkip(this);
  });

  it('a repeated question is a hit: the same frozen object (a read again would build new ones)', async function () {
    await withTempSchema(async (schema) => {
      const s = open(schema);
      try {
        await s.migrate();
        await s.appendMeasurement(newMeasurement());
        const first = await s.statusRows(CONTRACT, queries, AS_OF);
        assert.equal(first.rows.length, 1);
        assert.ok(Object.isFrozen(first) && Object.isFrozen(first.rows) && Object.isFrozen(first.rows[0]));
        assert.equal(await s.statusRows(CONTRACT, queries, AS_OF), first, 'a hit hands back the same object');
        assert.notEqual(await s.statusRows(CONTRACT, queries, { measuredOnOrBefore: '2021-10-31' }), first, 'another day is another entry');
      } finally {
        await s.close();
      }
    });
  });

  it("another instance's submission, import and correction reach this instance's next question", async function () {
    await withTwoInstances(async (a, b) => {
      const first = await a.appendMeasurement(newMeasurement({ value: 10 }));
      assert.deepEqual(ids(await a.statusRows(CONTRACT, queries, AS_OF)), [first.id]);

      const query = { contractId: CONTRACT, kpis: queries, measuredOnOrBefore: AS_OF.measuredOnOrBefore };
      const submitted = (await b.appendSubmission(newMeasurement({ value: 20, submissionId: 'sub-1' }), query)).row;
      assert.deepEqual(ids(await a.statusRows(CONTRACT, queries, AS_OF)), [submitted.id], 'the submission of instance b');

      // A replay stores nothing; the cache may stay.
      await b.appendSubmission(newMeasurement({ value: 20, submissionId: 'sub-1' }), query);
      assert.deepEqual(ids(await a.statusRows(CONTRACT, queries, AS_OF)), [submitted.id]);

      const [imported] = await b.appendMeasurements([newMeasurement({ kpiId: '1b', value: 3 })]);
      assert.deepEqual(ids(await a.statusRows(CONTRACT, queries, AS_OF)), [submitted.id, imported!.id], 'the import of instance b');

      const corrected = await b.appendMeasurement(newMeasurement({ value: 25, supersedesId: submitted.id }));
      const after = await a.statusRows(CONTRACT, queries, AS_OF);
      assert.deepEqual(ids(after), [imported!.id, corrected.id], 'the correction of instance b');
      assert.equal(after.rows.find((m: Measurement) => m.kpiId === '1a')?.value, 25);
    });
  });

  it("another instance's row reaches this instance's history first page", async function () {
    await withTwoInstances(async (a, b) => {
      const limits = { rows: 5, withValue: 5 };
      const first = await a.appendMeasurement(newMeasurement({ value: 10 }));
      const before = await a.historyFirstPage(CONTRACT, ['1a'], limits);
      assert.deepEqual(before.rows.map((m) => m.id), [first.id]);
      before.rows.length = 0; // a copy: the caller may change it
      assert.deepEqual((await a.historyFirstPage(CONTRACT, ['1a'], limits)).rows.map((m) => m.id), [first.id]);
      const second = await b.appendMeasurement(newMeasurement({ value: 11 }));
      const after = await a.historyFirstPage(CONTRACT, ['1a'], limits);
      assert.deepEqual(after.rows.map((m) => m.id), [first.id, second.id]);
      assert.deepEqual(after.seriesRows, [{ kpiId: '1a', segment: null, rows: 2 }]);
    });
  });

  it('two transactions, the later id committed first: the question after both commits sees both rows', async function () {
    await withTempSchema(async (schema) => {
      const s = open(schema);
      const t1 = await client(schema);
      const t2 = await client(schema);
      const watcher = await client(schema);
      try {
        await s.migrate();
        assert.deepEqual(ids(await s.statusRows(CONTRACT, queries, AS_OF)), []);
        await t1.query('BEGIN');
        const early = await insertBy(t1, '1a', 1);
        const t2Pid = (await t2.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        let t2Done = false;
        const t2Work = (async () => {
          await t2.query('BEGIN');
          const id = await insertBy(t2, '1b', 2);
          await t2.query('COMMIT');
          t2Done = true;
          return id;
        })();
        // Until t2 has committed (or waits on t1, would the version row be locked before COMMIT).
        for (;;) {
          const waiting = (await watcher.query<{ w: string | null }>('SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1', [t2Pid])).rows[0]?.w === 'Lock';
          if (t2Done || waiting) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        // A question in between: sees t2's row if it committed, never t1's.
        const between = ids(await s.statusRows(CONTRACT, queries, AS_OF));
        assert.ok(!between.includes(early), 'uncommitted row seen');
        await t1.query('COMMIT');
        const late = await t2Work;
        assert.ok(late > early, `ids ${early} then ${late}`);
        assert.ok(t2Done && between.includes(late), 'the later id was committed and seen first');
        assert.deepEqual(ids(await s.statusRows(CONTRACT, queries, AS_OF)), [early, late], 'a row committed after the question is missing');
        const history = await s.historyFirstPage(CONTRACT, ['1a', '1b'], { rows: 5, withValue: 5 });
        assert.deepEqual(history.rows.map((m) => m.id), [early, late]);
      } finally {
        await t1.query('ROLLBACK').catch(() => undefined);
        for (const c of [t1, t2, watcher]) await c.end();
        await s.close();
      }
    });
  });

  it('the version moves once per committed transaction and contract, and only for that contract', async function () {
    await withTempSchema(async (schema) => {
      const s = open(schema);
      const c = await client(schema);
      try {
        await s.migrate();
        const version = async (contractId: string) => (await c.query<{ version: string }>('SELECT version FROM measurement_versions WHERE contract_id = $1', [contractId])).rows[0]?.version ?? '0';
        assert.equal(await version(CONTRACT), '0');
        await s.appendMeasurement(newMeasurement());
        const v1 = await version(CONTRACT);
        await s.appendMeasurement(newMeasurement({ contractId: 'other' }));
        assert.equal(await version(CONTRACT), v1, "another contract's row leaves this contract's version");
        assert.notEqual(await version('other'), '0');
        await s.appendMeasurements([newMeasurement({ value: 1 }), newMeasurement({ kpiId: '1b', value: 2 })]);
        assert.equal(await version(CONTRACT), String(BigInt(v1) + 1n), 'an import of two rows: one bump');
      } finally {
        await c.end();
        await s.close();
      }
    });
  });
});
