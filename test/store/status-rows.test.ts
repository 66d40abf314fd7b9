import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { NewMeasurement } from '../../core/measurement';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { classifyRow, kpiStatus, statusKpiQueries } from '../../core/status-rules';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import type { Kpi } from '../../goals/contract-schema';
import { buildGoalStatusView } from '../../features/status/goal-status-view';
import { buildOverviewView } from '../../features/status/overview-view';
import { contractStatusRows } from '../../features/status/status-rows';
import { HISTORY_CHART_POINTS, HISTORY_ROWS_PER_SERIES, historyCard } from '../../features/measurements/history/history-card';
import { historyReply } from '../../features/measurements/history/history-reply';
import { formScopeOf } from '../../features/measurements/form/form-scope';
import { READER_VIEWER } from '../../core/card-viewer';
import { SERIES_CORRECTIONS_SQL, SERIES_COUNT_SQL, SqliteMeasurementStore, STATUS_NEWEST_BY_PERIOD_SQL, STATUS_NEWEST_SQL, STATUS_OUTSIDE_SQL, STATUS_WALK_BOUND_SQL } from '../../store/sqlite-store';
import { HISTORY_SERIES_SQL, PostgresMeasurementStore, STATUS_ROWS_SQL } from '../../store/postgres-store';
import { describeOnEveryDatabase } from '../helpers/test-databases';
import { requirePostgresOrSkip, withTempSchema } from '../helpers/postgres';

const contract = loadContract(defaultContractPath());
const kpis: Kpi[] = contract.goals.flatMap((g) => g.kpis);

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Periods in and around the windows, baselines' periods, and texts the period reader does not know. */
const PERIODS = ['2021', 'efterår 2021', 'sep. 2021', '3. kvartal 2021', '1. halvår 2021', '2020', 'efterår 2020', 'september 2020', '2019', '2022', '2023', 'dec. 2021', 'jan. 2022', 'løbende', 'ukendt'];
const DAYS = ['2019-06-30', '2020-09-30', '2020-12-31', '2021-03-15', '2021-06-30', '2021-09-30', '2021-10-01', '2021-11-30', '2021-12-31', '2022-01-15', '2023-12-31'];

function generatedRows(seed: number, count: number, pool: readonly Kpi[] = kpis): Array<Omit<NewMeasurement, 'supersedesId'> & { correctsEarlier: boolean }> {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const kpi = pick(pool);
    const doneKind = kpi.kind === 'milestone' || kpi.kind === 'duty';
    const segment = kpi.segments.length > 0 && next() < 0.85 ? pick(kpi.segments) : next() < 0.1 ? pick(['drift', 'vækst'] as const) : null;
    return {
      contractId: contract.id,
      kpiId: kpi.id,
      value: doneKind ? (next() < 0.1 ? 12 : null) : next() < 0.1 ? null : Math.round(next() * 1000) / 10,
      done: doneKind ? (next() < 0.15 ? null : next() < 0.5) : null,
      segment,
      period: pick(PERIODS),
      measuredOn: pick(DAYS),
      source: `kilde ${i}`,
      note: null,
      recordedBy: 'test@erhvervshus.dk',
      demo: next() < 0.1,
      submissionId: null,
      conversationId: null,
      recordedByName: null,
      recordedByUpn: null,
      evidence: null,
      correctsEarlier: next() < 0.12,
    };
  });
}

/** Stores the rows one by one; some correct an earlier row of the same series (as a correction form would). */
async function store(s: MeasurementStore, seed: number, count: number, pool: readonly Kpi[] = kpis): Promise<void> {
  const stored: Array<{ id: number; kpiId: string; segment: string | null }> = [];
  const corrected = new Set<number>();
  for (const { correctsEarlier, ...row } of generatedRows(seed, count, pool)) {
    const target = correctsEarlier ? stored.find((r) => r.kpiId === row.kpiId && r.segment === row.segment && !corrected.has(r.id)) : undefined;
    if (target !== undefined) corrected.add(target.id);
    const m = await s.appendMeasurement({ ...row, supersedesId: target?.id ?? null });
    stored.push({ id: m.id, kpiId: m.kpiId, segment: m.segment });
  }
}

describeOnEveryDatabase((label, makeDatabase) => {
  describe(`statusRows (${label}): the rules read the same from the selection as from every row`, function () {
    this.timeout(60_000);
    for (const seed of [1, 2, 3]) {
      it(`seed ${seed}: every goal card, the overview and every KPI's status as of each row, on several days`, async function () {
        const { database, cleanup } = await makeDatabase();
        try {
          const s = database.measurements;
          await store(s, seed, 220);
          const all = await s.listMeasurements(contract.id);
          for (const today of ['2020-12-31', '2021-10-01', '2021-12-31', '2026-12-03']) {
            const selected = await contractStatusRows(s, contract, today);
            assert.ok(selected.rows.length < all.length, 'a selection, not every row');
            assert.deepEqual(buildOverviewView(contract, selected.rows, today), buildOverviewView(contract, all, today), `overview on ${today}`);
            for (const goal of contract.goals) {
              assert.deepEqual(buildGoalStatusView(contract, goal.id, selected.rows, today, 'da', selected.outsideLeftOut), buildGoalStatusView(contract, goal.id, all, today), `goal ${goal.id} on ${today}`);
            }
            if (today === '2026-12-03') {
              // Rows outside their KPI's window are counted, not read: at most one per baseline and one other per KPI.
              const outsideRead = selected.rows.filter((m) => classifyRow(kpis.find((k) => k.id === m.kpiId)!, m).kind !== 'counts').length;
              assert.ok(outsideRead <= kpis.reduce((n, k) => n + 1 + k.baselines.length, 0), `${outsideRead} rows outside the windows read`);
              assert.ok(Object.values(selected.outsideLeftOut).some((n) => n > 1), 'some rows only counted');
            }
          }
          // A confirmation judges the KPI as the store stood right after its row.
          for (const row of all.filter((_, i) => i % 7 === 0)) {
            const kpi = kpis.find((k) => k.id === row.kpiId)!;
            const before = all.filter((m) => m.id <= row.id);
            const selected = await s.statusRows(contract.id, statusKpiQueries([kpi]), { measuredOnOrBefore: '2021-12-31', idAtMost: row.id });
            assert.ok(selected.rows.every((m) => m.id <= row.id && m.kpiId === kpi.id));
            assert.deepEqual(kpiStatus(kpi, selected.rows, '2021-12-31'), kpiStatus(kpi, before, '2021-12-31'), `KPI ${kpi.id} as of row ${row.id}`);
          }
        } finally {
          await cleanup();
        }
      });
    }

    it('the history card from historyFirstPage is the card from every row (counts, corrections, charts)', async function () {
      const { database, cleanup } = await makeDatabase();
      try {
        const s = database.measurements;
        // Long series: more rows than a card lists and than a chart draws, corrections among them.
        await store(s, 4, 300);
        await store(s, 5, 160, kpis.filter((k) => ['3a', '4a'].includes(k.id))); // past the chart's 24 points per series
        for (const goal of contract.goals) {
          const scope = formScopeOf(contract, goal.id)!;
          const ids = scope.kpis.map((k) => k.id);
          const all = await s.listMeasurements(contract.id, ids);
          const page = await s.historyFirstPage(contract.id, ids, { rows: HISTORY_ROWS_PER_SERIES, withValue: HISTORY_CHART_POINTS });
          const input = { goal: scope.goal, kpis: scope.kpis, today: '2026-12-03', timeZone: 'Europe/Copenhagen', mayRecord: true };
          const fromPage = await historyReply(contract, s, goal.id, input.today, input.timeZone, { ...READER_VIEWER, mayRecord: true });
          assert.ok(page.rows.length <= all.length);
          if (goal.id === '4') assert.ok(page.rows.length < all.length, 'goal 4: fewer rows read than stored');
          assert.deepEqual(fromPage.kind === 'card' ? fromPage.card : fromPage, historyCard({ ...input, rows: all }), `history of goal ${goal.id}`);
        }
      } finally {
        await cleanup();
      }
    });

    it('rows stored before migration 40 get their period at the next start', async function () {
      const { database, cleanup } = await makeDatabase();
      try {
        const s = database.measurements;
        await store(s, 9, 40);
        const expected = await contractStatusRows(s, contract, '2021-12-31');
        // What a database from before this build looks like: no period rows at all.
        await rawExec(s, 'DELETE FROM measurement_periods');
        assert.deepEqual((await contractStatusRows(s, contract, '2022-01-01')).rows.length, 0, 'without periods nothing is found (so the backfill matters)');
        await s.migrate();
        assert.deepEqual(await contractStatusRows(s, contract, '2021-12-31'), expected);
      } finally {
        await cleanup();
      }
    });
  });
});

/** A statement straight to the database under a store (test set-up only). */
async function rawExec(s: MeasurementStore, sql: string): Promise<void> {
  if (s instanceof SqliteMeasurementStore) {
    const db = new Database(s.file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  await (s as unknown as { pool: { query(sql: string): Promise<unknown> } }).pool.query(sql);
}

/** The selection with a walk of 1 and 2 rows is the default one, and gives the cards from every row. */
async function assertShortWalksAgree(s: MeasurementStore, short: readonly MeasurementStore[]): Promise<void> {
  await store(s, 7, 400);
  const all = await s.listMeasurements(contract.id);
  for (const today of ['2021-10-01', '2021-12-31', '2026-12-03']) {
    const expected = await contractStatusRows(s, contract, today);
    for (const other of short) {
      const selected = await contractStatusRows(other, contract, today);
      assert.deepEqual(selected, expected, `on ${today}`);
      for (const goal of contract.goals) {
        assert.deepEqual(buildGoalStatusView(contract, goal.id, selected.rows, today, 'da', selected.outsideLeftOut), buildGoalStatusView(contract, goal.id, all, today), `goal ${goal.id} on ${today}`);
      }
    }
  }
}

describe('statusRows: a walk too short to reach a row that counts looks by period', function () {
  this.timeout(60_000);
  it('SQLite: the same selection with a walk of 1 or 2 rows as with the default, and the same cards as from every row', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-walk-'));
    const file = path.join(dir, 'walk.sqlite');
    const s = new SqliteMeasurementStore(file);
    const short = [1, 2].map((statusWalkSteps) => new SqliteMeasurementStore(file, { statusWalkSteps }));
    try {
      await s.migrate();
      await assertShortWalksAgree(s, short);
    } finally {
      for (const x of [s, ...short]) await x.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: the same', async function () {
    await requirePostgresOrSkip(this);
    await withTempSchema(async (schema) => {
      const open = (statusWalkSteps?: number) => new PostgresMeasurementStore({ connectionString: schema.connectionString, poolConfig: schema.poolConfig, statusWalkSteps });
      const s = open();
      const short = [1, 2].map(open);
      try {
        await s.migrate();
        await assertShortWalksAgree(s, short);
      } finally {
        for (const x of [s, ...short]) await x.close();
      }
    });
  });
});

describe('statusRows query plans', function () {
  it('SQLite: each segment arm walks measurements_latest_idx with no sort; the rows outside the window come from the period indexes', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-plan-'));
    const s = new SqliteMeasurementStore(path.join(dir, 'plan.sqlite'));
    try {
      void s.migrate();
      const db = new Database(s.file, { readonly: true });
      try {
        const params = { contractId: 'x', kpiId: '3a', measuredOnOrBefore: '2021-12-31', idAtMost: 99, windowFrom: '2021-01-01', windowTo: '2021-12-31', usableDone: 0 };
        for (const segment of [null, 'drift']) {
          const bound = db.prepare(`EXPLAIN QUERY PLAN ${STATUS_WALK_BOUND_SQL(segment)}`).all({ ...params, steps: 32 }) as Array<{ detail: string }>;
          assert.ok(bound.some((p) => /SEARCH m USING COVERING INDEX measurements_latest_idx \(contract_id=\? AND kpi_id=\? AND segment=\?/.test(p.detail)), `the bound from the index alone: ${JSON.stringify(bound)}`);
          assert.ok(!bound.some((p) => p.detail.includes('TEMP B-TREE')), `no sort: ${JSON.stringify(bound)}`);
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${STATUS_NEWEST_SQL(segment)}`).all({ ...params, steps: 32 }) as Array<{ detail: string }>;
          assert.ok(plan.some((p) => /SEARCH m USING (COVERING )?INDEX measurements_latest_idx \(contract_id=\? AND kpi_id=\? AND segment=\?/.test(p.detail)), JSON.stringify(plan));
          assert.ok(plan.some((p) => /SEARCH p USING INTEGER PRIMARY KEY/.test(p.detail)), JSON.stringify(plan));
          assert.ok(!plan.some((p) => p.detail.includes('TEMP B-TREE')), `no sort: ${JSON.stringify(plan)}`);
          const byPeriod = db.prepare(`EXPLAIN QUERY PLAN ${STATUS_NEWEST_BY_PERIOD_SQL(segment)}`).all(params) as Array<{ detail: string }>;
          assert.ok(byPeriod.some((p) => /SEARCH p USING (COVERING )?INDEX measurement_periods_from_idx \(contract_id=\? AND kpi_id=\? AND period_from>\? AND period_from<\?\)/.test(p.detail)), JSON.stringify(byPeriod));
          assert.ok(byPeriod.some((p) => /SEARCH m USING INTEGER PRIMARY KEY/.test(p.detail)), JSON.stringify(byPeriod));
          assert.ok(!byPeriod.some((p) => p.detail.includes('TEMP B-TREE') || /SCAN (m|p)\b/.test(p.detail)), `no sort, no scan: ${JSON.stringify(byPeriod)}`);
        }
        const baselines = { b0From: '2020-09-01', b0To: '2020-09-30', b0On: '2020-09-30', b1From: '2020-01-01', b1To: '2020-12-31', b1On: '2020-12-31' };
        const outside = db.prepare(`EXPLAIN QUERY PLAN ${STATUS_OUTSIDE_SQL(2)}`).all({ ...params, ...baselines }) as Array<{ detail: string }>;
        // Covering (migration 42): the period indexes alone, no lookup in measurement_periods per row.
        assert.ok(outside.some((p) => /SEARCH p USING COVERING INDEX measurement_periods_from_idx \(contract_id=\? AND kpi_id=\? AND period_from<\?\)/.test(p.detail)), JSON.stringify(outside));
        assert.ok(outside.some((p) => /SEARCH p USING COVERING INDEX measurement_periods_to_idx \(contract_id=\? AND kpi_id=\? AND period_to>\?\)/.test(p.detail)), JSON.stringify(outside));
        assert.ok(!outside.some((p) => /SCAN (m|p|measurements)\b/.test(p.detail)), `no full scan: ${JSON.stringify(outside)}`);
        assert.ok(!outside.some((p) => /\bm\b|measurements USING (?!COVERING INDEX measurements_supersedes_uq)/.test(p.detail)), `no measurement read, only the supersedes index: ${JSON.stringify(outside)}`);
        const series = { contractId: 'x', kpiId: '3a', segment: 'drift' };
        const count = db.prepare(`EXPLAIN QUERY PLAN ${SERIES_COUNT_SQL}`).all(series) as Array<{ detail: string }>;
        assert.ok(count.some((p) => /SEARCH measurements USING COVERING INDEX measurements_latest_idx/.test(p.detail)), `history counts on the index alone: ${JSON.stringify(count)}`);
        const corrections = db.prepare(`EXPLAIN QUERY PLAN ${SERIES_CORRECTIONS_SQL}`).all(series) as Array<{ detail: string }>;
        assert.ok(corrections.some((p) => /SEARCH measurements USING INDEX measurements_supersedes_uq \(supersedes_id>\?\)/.test(p.detail)), JSON.stringify(corrections));
      } finally {
        db.close();
      }
    } finally {
      void s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('PostgreSQL', function () {
    before(async function () {
      await requirePostgresOrSkip(this);
    });

    it('one statement: per KPI and segment a short index walk backwards with no sort, else by period; the outside rows from the period indexes', async function () {
      this.timeout(60_000);
      await withTempSchema(async (schema) => {
        const s = new PostgresMeasurementStore({ connectionString: schema.connectionString, poolConfig: schema.poolConfig });
        const client = new Client({ connectionString: schema.connectionString, ...schema.poolConfig });
        try {
          await s.migrate();
          await client.connect();
          // 20 000 rows in few series, so the planner sees a table where sorting a series would cost.
          await client.query(`
            INSERT INTO measurements (contract_id, kpi_id, value, done, segment, period, measured_on, source, recorded_at, recorded_by)
            SELECT 'x', (ARRAY['3a','3b','4a','9c'])[1 + i % 4], i % 100, NULL, (ARRAY[NULL,'drift','vækst'])[1 + i % 3], '2021',
                   date '2021-01-01' + (i % 365), 'bench', now(), 'plan'
              FROM generate_series(1, 20000) AS i`);
          await s.migrate(); // fills measurement_periods for the rows inserted above
          await client.query('ANALYZE');
          const queries = statusKpiQueries(kpis.filter((k) => ['3a', '3b', '4a', '9c'].includes(k.id)));
          const baselines = queries.flatMap((q) => q.baselines.map((b, i) => ({ kpiId: q.kpiId, i, ...b })));
          const res = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${STATUS_ROWS_SQL}`, [
            'x',
            '2021-12-31',
            Number.MAX_SAFE_INTEGER,
            queries.map((q) => q.kpiId),
            queries.map((q) => q.window.from),
            queries.map((q) => q.window.to),
            queries.map((q) => q.usable === 'done'),
            baselines.map((b) => b.kpiId),
            baselines.map((b) => b.i),
            baselines.map((b) => b.from),
            baselines.map((b) => b.to),
            baselines.map((b) => b.measuredOn),
            32,
          ]);
          const nodes = planNodes(res.rows[0]!['QUERY PLAN']);
          const text = JSON.stringify(nodes.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name'], n['Scan Direction']]));
          const limits = nodes.filter((n) => n['Node Type'] === 'Limit');
          assert.equal(limits.length, 12, `per segment arm the walk (two Limits), the look by period and its check that the series is longer than the walk: ${text}`);
          const subtree = (n: Record<string, unknown>) => planNodes([{ Plan: n }]);
          // The walk and the check read the index in order, the LIMIT right on the backward scan; only the walk's at most $13 rows are then sorted.
          const onIndex = limits.filter((l) => {
            const child = (l.Plans as Array<Record<string, unknown>>)[0]!;
            return child['Index Name'] === 'measurements_latest_idx' && child['Scan Direction'] === 'Backward';
          });
          assert.equal(onIndex.length, 6, `the Limit right on the backward index scan, no sort between: ${text}`);
          const byPeriod = limits.filter((l) => subtree(l).some((n) => n['Index Name'] === 'measurement_periods_from_idx'));
          assert.ok(byPeriod.length >= 3, `else by period: ${text}`);
          assert.ok(nodes.some((n) => n['Index Name'] === 'measurement_periods_from_idx'), text);
          assert.ok(nodes.some((n) => n['Index Name'] === 'measurement_periods_to_idx'), text);
          assert.ok(!nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] !== undefined), `no sequential scan of a table: ${text}`);
          // The rows outside the windows are counted from the period indexes: measurements is only looked up by key.
          assert.ok(!nodes.some((n) => n['Node Type'] === 'Hash' || n['Node Type'] === 'Hash Join'), `no hash of a table: ${text}`);

          const history = planNodes((await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${HISTORY_SERIES_SQL}`, ['x', ['3a', '4a'], 3, 24])).rows[0]!['QUERY PLAN']);
          const historyText = JSON.stringify(history.map((n) => [n['Node Type'], n['Index Name'], n['Scan Direction']]));
          const historyLimits = history.filter((n) => n['Node Type'] === 'Limit');
          assert.equal(historyLimits.length, 6, `two index walks per segment arm: ${historyText}`);
          for (const l of historyLimits) assert.notEqual((l.Plans as Array<Record<string, unknown>>)[0]!['Node Type'], 'Sort', `no sort of a series: ${historyText}`);
          assert.ok(!history.some((n) => n['Node Type'] === 'Seq Scan' || n['Node Type'] === 'Sort'), `no scan or sort of measurements: ${historyText}`);
        } finally {
          await client.end();
          await s.close();
        }
      });
    });
  });
});

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first. */
function planNodes(plan: unknown): Array<Record<string, unknown>> {
  const nodes: Array<Record<string, unknown>> = [];
  const walk = (n: Record<string, unknown>) => {
    nodes.push(n);
    for (const c of (n.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(c);
  };
  walk((plan as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
  return nodes;
}
