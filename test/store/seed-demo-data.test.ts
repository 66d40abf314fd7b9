import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteMeasurementStore } from '../../store/sqlite-store';
import { DEMO_CONTRACT_ID, DemoAlreadySeededError, seedDemo } from '../../store/seed-demo-data';
import { newMeasurement } from './store-contract';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import { findKpi } from '../../goals/contract-queries';
import { classifyRow } from '../../core/status-rules';

const KPI_IDS = new Set(
  '1a 1b 1c 2a 3a 3b 4a 5a 5b 6a 6b 6c 7a 7b 7c 7d 8a 9a 9b 9c 9d 10a'.split(' '),
);

describe('seedDemo', function () {
  let dir: string;
  let file: string;
  let store: SqliteMeasurementStore;

  beforeEach(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-seed-'));
    file = path.join(dir, 'data', 'maalbot.sqlite');
    store = new SqliteMeasurementStore(file);
    await store.migrate();
  });

  afterEach(async function () {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every demo row lies inside its KPI\'s 2021 evaluation window, so it counts for the target (status-rules R1)', async function () {
    const contract = loadContract(defaultContractPath());
    for (const m of await seedDemo(store)) {
      const kpi = findKpi(contract, m.kpiId)!.kpi;
      assert.deepEqual(classifyRow(kpi, m), { kind: 'counts' }, `${m.kpiId} ${m.period} (${kpi.window.label})`);
    }
  });

  it('appends marked demo rows for known KPIs of the 2021 contract', async function () {
    const inserted = await seedDemo(store);
    assert.ok(inserted.length >= 10, `${inserted.length} rows`);
    assert.deepEqual(await store.listMeasurements(DEMO_CONTRACT_ID), inserted);
    for (const m of inserted) {
      assert.equal(m.contractId, 'kkr-syddanmark-sydjylland-2021');
      assert.equal(m.demo, true);
      assert.equal(m.recordedBy, 'demo-seed');
      assert.match(m.source, /\(demodata\)$/);
      assert.ok(KPI_IDS.has(m.kpiId), m.kpiId);
      // Exactly one of value/done is set.
      assert.notEqual(m.value === null, m.done === null, `${m.kpiId}: value ${m.value}, done ${m.done}`);
      assert.equal(m.segment !== null, m.kpiId === '3a' || m.kpiId === '3b', `${m.kpiId} segment ${m.segment}`);
      assert.match(m.measuredOn, /^2021-/);
    }
  });

  it('gives the values the demo is built around', async function () {
    await seedDemo(store);
    const latest = await store.latestMeasurements(DEMO_CONTRACT_ID);
    const byKey = Object.fromEntries(latest.map((m) => [`${m.kpiId}${m.segment ? `/${m.segment}` : ''}`, m]));
    assert.equal(byKey['1a']?.value, 35);
    assert.equal(byKey['1a']?.period, 'efterår 2021');
    assert.equal(byKey['1a']?.measuredOn, '2021-09-30');
    assert.equal(byKey['3a/drift']?.value, 82);
    assert.equal(byKey['3a/vækst']?.value, 78);
    assert.equal(byKey['3b/drift']?.value, 72);
    assert.equal(byKey['3b/vækst']?.value, 66);
    assert.equal(byKey['4a']?.value, 47);
    assert.equal(byKey['6b']?.value, 70);
    assert.equal(byKey['9c']?.done, true, '9c moved from not done to done');
    assert.equal(byKey['10a']?.done, false);
    const history9c = await store.listMeasurements(DEMO_CONTRACT_ID, ['9c']);
    assert.deepEqual(
      history9c.map((m) => m.done),
      [false, true],
    );
  });

  it('refuses to seed twice, with a clear message, and inserts nothing the second time', async function () {
    const first = await seedDemo(store);
    await assert.rejects(seedDemo(store), (err: unknown) => {
      assert.ok(err instanceof DemoAlreadySeededError);
      assert.equal(err.existingRows, first.length);
      assert.match(err.message, /har allerede \d+ demomålinger; intet er tilføjet/);
      return true;
    });
    assert.equal((await store.listMeasurements(DEMO_CONTRACT_ID)).length, first.length);
  });

  it('seeds even when real rows exist, and only counts demo rows as "already seeded"', async function () {
    await store.appendMeasurement(newMeasurement({ contractId: DEMO_CONTRACT_ID }));
    const inserted = await seedDemo(store);
    assert.equal((await store.listMeasurements(DEMO_CONTRACT_ID)).length, inserted.length + 1);
  });

  it('survives reopening the file (what the script leaves behind)', async function () {
    const inserted = await seedDemo(store);
    await store.close();
    store = new SqliteMeasurementStore(file);
    await store.migrate();
    assert.deepEqual(await store.listMeasurements(DEMO_CONTRACT_ID), inserted);
  });
});
