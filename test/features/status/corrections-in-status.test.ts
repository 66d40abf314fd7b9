import assert from 'node:assert/strict';
import { kpiStatus } from '../../../core/status-rules';
import { effectiveMeasurements } from '../../../core/measurement';
import { historySeries, trendPoints } from '../../../features/measurements/history/measurement-history';
import { contractFixture } from '../../fixtures/contract-fixture';
import { measurementFixture as m } from '../../fixtures/measurement-fixture';

const kpiOf = (id: string) => {
  const kpi = contractFixture.goals.flatMap((g) => g.kpis).find((k) => k.id === id);
  assert.ok(kpi, id);
  return kpi;
};

describe('corrections in status and history (status-rules R1)', function () {
  const share = contractFixture.goals.flatMap((g) => g.kpis).find((k) => k.kind === 'share' && k.segments.length === 0)!;

  it('a superseded row never counts, even when it is newer than the correction', function () {
    const wrong = m({ id: 1, kpiId: share.id, value: 99, measuredOn: '2021-09-30' });
    const fixed = m({ id: 2, kpiId: share.id, value: 1, measuredOn: '2021-09-29', supersedesId: 1 });
    const status = kpiStatus(share, [wrong, fixed], '2021-10-15');
    assert.equal(status.latest?.id, 2);
    // Without the correction the typo would have counted:
    assert.equal(kpiStatus(share, [wrong], '2021-10-15').latest?.id, 1);
  });

  it('effectiveMeasurements drops exactly the superseded rows, keeping order', function () {
    const rows = [m({ id: 1, kpiId: share.id }), m({ id: 2, kpiId: share.id }), m({ id: 3, kpiId: share.id, supersedesId: 1 }), m({ id: 4, kpiId: share.id, supersedesId: 3 })];
    assert.deepEqual(effectiveMeasurements(rows).map((r) => r.id), [2, 4]);
  });

  it('historySeries groups per segment where targets are per segment, newest first; trendPoints every reading, oldest first', function () {
    const segmented = contractFixture.goals.flatMap((g) => g.kpis).find((k) => k.segments.length > 1);
    assert.ok(segmented, 'the fixture has a KPI with segments');
    const [first, second] = segmented.segments as [string, string];
    const rows = [
      m({ id: 1, kpiId: segmented.id, segment: first as never, value: 10, measuredOn: '2021-03-31' }),
      m({ id: 2, kpiId: segmented.id, segment: first as never, value: 20, measuredOn: '2021-09-30' }),
      m({ id: 3, kpiId: segmented.id, segment: first as never, value: 21, measuredOn: '2021-09-30' }),
      m({ id: 4, kpiId: segmented.id, segment: null, value: 99, measuredOn: '2021-09-30' }),
    ];
    const series = historySeries([segmented], rows);
    assert.deepEqual(series.map((s) => [s.segment, s.rows.map((r) => r.id)]), [[first, [3, 2, 1]], [second, []]]);
    assert.deepEqual(trendPoints(series[0]!, 24), [{ measuredOn: '2021-03-31', value: 10 }, { measuredOn: '2021-09-30', value: 20 }, { measuredOn: '2021-09-30', value: 21 }]);
    assert.deepEqual(trendPoints(series[0]!, 1), [{ measuredOn: '2021-09-30', value: 21 }]);
    assert.ok(kpiOf(segmented.id));
  });
});
