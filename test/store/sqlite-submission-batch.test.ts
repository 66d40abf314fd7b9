import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteMeasurementStore } from '../../store/sqlite-store';
import { CorrectionConflictError } from '../../core/ports/correction-conflict-error';
import { newMeasurement } from './store-contract';

const CONTRACT = newMeasurement().contractId;
const status = { contractId: CONTRACT, kpis: [{ kpiId: '4a', window: { from: '2021-01-01', to: '2021-12-31' }, usable: 'value' as const, baselines: [] }], measuredOnOrBefore: '2021-12-31' };
const submission = (i: number, overrides = {}) => newMeasurement({ kpiId: '4a', value: 40 + i, period: '2021', submissionId: `e0000000-0000-4000-8000-00000000000${i}`, ...overrides });

describe('SqliteMeasurementStore: submissions at once share one commit', function () {
  let dir: string;
  let store: SqliteMeasurementStore;
  let outside: Database.Database;
  beforeEach(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-batch-'));
    store = new SqliteMeasurementStore(path.join(dir, 'batch.sqlite'));
    await store.migrate();
    outside = new Database(store.file, { readonly: true });
  });
  afterEach(async function () {
    outside.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const commits = () => outside.pragma('data_version', { simple: true }) as number;

  it('five at once: one commit, each its own row, previous value and status as if one by one; a replay among them is a replay', async function () {
    const first = await store.appendSubmission(submission(0), status);
    const before = commits();
    const results = await Promise.all([submission(1), submission(2), submission(1, { value: 99 }), submission(3), submission(4)].map((m) => store.appendSubmission(m, status)));
    assert.equal(commits() - before, 1, 'one commit for the five');
    assert.deepEqual(results.map((r) => r.replayed), [false, false, true, false, false]);
    assert.deepEqual(results[2]!.row, results[0]!.row, 'the replay is the first row');
    const rows = [first.row, ...results.filter((r) => !r.replayed).map((r) => r.row)];
    rows.slice(1).forEach((row, i) => assert.deepEqual([row.previousId, row.previousValue], [rows[i]!.id, rows[i]!.value]));
    for (const r of results) assert.deepEqual(r.statusRows, { rows: [r.row], outsideLeftOut: {} }, 'the status as of its own row');
    assert.equal((await store.listMeasurements(CONTRACT)).length, 5);
  });

  it('a refused correction among them fails alone; the others are stored in the same commit', async function () {
    const first = await store.appendSubmission(submission(0), status);
    await store.appendSubmission(submission(1, { supersedesId: first.row.id }), status);
    const before = commits();
    const settled = await Promise.allSettled([submission(2), submission(3, { supersedesId: first.row.id }), submission(4)].map((m) => store.appendSubmission(m, status)));
    assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.ok((settled[1] as PromiseRejectedResult).reason instanceof CorrectionConflictError);
    assert.equal(commits() - before, 1);
    assert.equal((await store.listMeasurements(CONTRACT)).length, 4);
  });

  it('a closed store fails them all and stores nothing', async function () {
    const pending = [submission(1), submission(2)].map((m) => store.appendSubmission(m, status));
    await store.close();
    for (const p of pending) await assert.rejects(p);
  });
});
