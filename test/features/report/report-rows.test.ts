import assert from 'node:assert/strict';
import { readReportRows, REPORT_CHART_POINTS } from '../../../features/report/report-rows';
import { judgeGoal } from '../../../features/status/goal-status-view';
import { kpiStatus } from '../../../core/status-rules';
import { findKpi } from '../../../goals/contract-queries';
import { newMeasurement } from '../../store/store-contract';
import { contractBook, tempDatabase } from './report-fixtures';
import type { NewMeasurement } from '../../../core/measurement';

describe('readReportRows: bounded reading for the report', function () {
  this.timeout(60_000);

  it('reads at most the chart points per series, yet decides every verdict as all rows would', async function () {
    const db = await tempDatabase();
    try {
      const contract = contractBook().forYear(2021)!;
      const rows: NewMeasurement[] = [];
      // 1a: one reading that counts (autumn 2021), then 300 later readings of another period, which do not count.
      rows.push(newMeasurement({ kpiId: '1a', value: 38, period: 'efterår 2021', measuredOn: '2021-09-30', submissionId: 'count' }));
      for (let i = 0; i < 300; i++) rows.push(newMeasurement({ kpiId: '1a', value: 20 + (i % 10), period: 'december 2021', measuredOn: '2021-12-15', submissionId: `outside-${i}` }));
      // 4a: 2 000 readings in the window; the newest decides.
      for (let i = 0; i < 2000; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        rows.push(newMeasurement({ kpiId: '4a', value: 30 + (i % 20), period: '2021', measuredOn: `2021-${String(1 + Math.floor(i / 200)).padStart(2, '0')}-${day}`, source: 'Erhvervsstyrelsen (brugerevaluering)', submissionId: `4a-${i}` }));
      }
      await db.database.measurements.appendMeasurements(rows);
      const all = await db.database.measurements.listMeasurements(contract.id);

      for (const asOf of ['2021-10-01', '2022-02-01']) {
        const read = await readReportRows(db.database.measurements, contract, asOf);
        for (const kpiId of ['1a', '4a']) {
          const mine = read.filter((m) => m.kpiId === kpiId);
          assert.ok(mine.length <= REPORT_CHART_POINTS + 1, `${kpiId}: ${mine.length} rows read`);
          const kpi = findKpi(contract, kpiId)!.kpi;
          assert.deepEqual(kpiStatus(kpi, read, asOf), kpiStatus(kpi, all, asOf), `${kpiId} on ${asOf}`);
        }
        for (const goal of contract.goals) assert.deepEqual(judgeGoal(contract, goal, read, asOf), judgeGoal(contract, goal, all, asOf), `Mål ${goal.id} on ${asOf}`);
        assert.ok(read.every((m) => m.measuredOn <= asOf));
      }
      const final = await readReportRows(db.database.measurements, contract, '2022-02-01');
      assert.ok(final.some((m) => m.submissionId === 'count'), 'the row that counts is found under 300 newer ones that do not');
    } finally {
      await db.cleanup();
    }
  });
});
