import assert from 'node:assert/strict';
import { Pool, type PoolClient } from 'pg';
import { loadContract } from '../../../../goals/load-contract';
import { defaultContractPath } from '../../../../goals/default-contract';
import { contractBook } from '../../../../goals/contract-book';
import { PostgresMeasurementStore } from '../../../../store/postgres-store';
import { SqliteMeasurementStore } from '../../../../store/sqlite-store';
import { submitMeasurementForm } from '../../../../features/measurements/form/submit-measurement-form';
import type { MeasurementFormDeps } from '../../../../features/measurements/form/measurement-form-deps';
import type { MeasurementStore } from '../../../../core/ports/measurement-store';
import type { TurnInfo } from '../../../../core/turn-info';
import type { Reply } from '../../../../core/reply';
import { createTempSchema, requirePostgresOrSkip, type TempSchema } from '../../../helpers/postgres';

const contract = loadContract(defaultContractPath());
const TODAY = '2021-10-15';
const STAFF = 'a1111111-1111-4111-8111-111111111111';
const turn: TurnInfo = { conversationId: 'c1', conversationType: 'personal', tenantId: 't1', user: { id: '29:staff', aadObjectId: STAFF, name: 'Anna Andersen' } };

function depsOn(store: MeasurementStore): MeasurementFormDeps {
  return {
    contract,
    contracts: contractBook([contract]),
    store,
    today: () => TODAY,
    timeZone: 'Europe/Copenhagen',
    access: { staff: { objectIds: new Set([STAFF]), upns: new Set() }, admins: { objectIds: new Set(), upns: new Set() } },
    newSubmissionId: () => '00000000-0000-4000-8000-000000000001',
  };
}

/** The bench's first form (bench/submit-scenario.ts): KPI 4a, a value. */
function form(submissionId: string, value = '47,5'): Record<string, unknown> {
  return { goalId: '4', kpiId: '4a', value, submissionId, period: '2021', measuredOn: '2021-09-30', source: 'brugerevaluering', sourceOther: '', comment: 'Test' };
}

function confirmed(reply: Reply): string {
  assert.equal(reply.kind, 'card', JSON.stringify(reply));
  const text = JSON.stringify(reply.kind === 'card' ? reply.card : null);
  assert.match(text, /er gemt/);
  return text;
}

/**
 * Every statement the pool's connections send, and the transactions they make: a statement outside
 * BEGIN … COMMIT is a transaction (and a commit) of its own — pool.query goes through a client too.
 */
function countTransactions(pool: Pool): { commits: number; statements: number; reset(): void } {
  const counts = { commits: 0, statements: 0, reset: () => ((counts.commits = 0), (counts.statements = 0)) };
  const wrapped = new WeakSet<PoolClient>();
  pool.on('connect', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    let inTransaction = false;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const text = (typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text).trim().toUpperCase();
      counts.statements++;
      if (text === 'BEGIN') inTransaction = true;
      else if (text === 'COMMIT') (inTransaction = false), counts.commits++;
      else if (text === 'ROLLBACK') inTransaction = false;
      else if (!inTransaction) counts.commits++;
      return query(...args);
    };
  });
  return counts;
}

describe('a form submission: one transaction', function () {
  describe('on PostgreSQL: one commit per submission', function () {
    let schema: TempSchema;
    let pool: Pool;
    let store: PostgresMeasurementStore;
    let counts: ReturnType<typeof countTransactions>;

    before(async function () {
      await requirePostgresOrSkip(this);
      schema = await createTempSchema();
      pool = new Pool({ connectionString: schema.connectionString, ...schema.poolConfig, max: 2 });
      counts = countTransactions(pool);
      store = new PostgresMeasurementStore({ pool });
      await store.migrate();
    });

    after(async function () {
      await store?.close();
      await pool?.end();
      await schema?.drop();
    });

    it('stores a new measurement and answers its confirmation with exactly one commit, in at most five statements', async function () {
      await submitMeasurementForm(depsOn(store), { data: form('11111111-1111-4111-8111-000000000001', '40'), turn, mode: 'new' }); // an earlier row: previous* and status have something to read
      counts.reset();
      confirmed(await submitMeasurementForm(depsOn(store), { data: form('11111111-1111-4111-8111-000000000002'), turn, mode: 'new' }));
      assert.equal(counts.commits, 1);
      assert.ok(counts.statements <= 5, `${counts.statements} statements`); // BEGIN, lock, insert, status rows, COMMIT
      const rows = await store.listMeasurements(contract.id, ['4a']);
      assert.equal(rows.length, 2);
      assert.equal(rows[1]!.previousValue, 40); // previous* read in the insert statement, under the series lock
    });

    it('answers a replay with the first confirmation, stores nothing, and still commits once', async function () {
      const data = form('11111111-1111-4111-8111-000000000003', '50');
      const first = confirmed(await submitMeasurementForm(depsOn(store), { data, turn, mode: 'new' }));
      const stored = (await store.listMeasurements(contract.id, ['4a'])).length;
      counts.reset();
      assert.equal(confirmed(await submitMeasurementForm(depsOn(store), { data, turn, mode: 'new' })), first);
      assert.equal(counts.commits, 1);
      assert.equal((await store.listMeasurements(contract.id, ['4a'])).length, stored);
    });
  });

  describe('on SQLite', function () {
    it('reads nothing outside the write transaction: no statusRows call, no replay look-up before it', async function () {
      const store = new SqliteMeasurementStore(':memory:');
      await store.migrate();
      const calls: string[] = [];
      const watched = new Proxy(store, {
        get(target, name, receiver) {
          const v = Reflect.get(target, name, receiver) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            calls.push(String(name));
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      try {
        confirmed(await submitMeasurementForm(depsOn(watched), { data: form('22222222-2222-4222-8222-000000000001'), turn, mode: 'new' }));
        assert.deepEqual(calls, ['appendSubmission']);
      } finally {
        await store.close();
      }
    });
  });
});
