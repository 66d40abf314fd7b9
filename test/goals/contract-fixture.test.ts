import assert from 'node:assert/strict';
import * as path from 'node:path';
import { findGoal, findKpi, kpisOfGoal, subGoals, topLevelGoals } from '../../goals/contract-queries';
import { projectRoot } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';

/**
 * "A new year's contract is a new data file, not new code": a made-up 2022 extension with a
 * changed target and a goal number the 2021 contract does not have loads and answers queries
 * through exactly the same code.
 */
describe('goals: another contract file loads with no code changes', () => {
  const file = path.join(projectRoot(), 'test', 'fixtures', 'contracts', 'resultatkontrakt-2022-sydjylland-fiktiv.yaml');

  it('loads the fictitious 2022 extension', () => {
    const c = loadContract(file);
    assert.equal(c.id, 'kkr-syddanmark-sydjylland-2022-fiktiv');
    assert.equal(c.year, 2022);
    assert.equal(c.meeting.intervalDays, 21);
  });

  it('carries the changed kendskab target (42, not 37) and its new baseline', () => {
    const hit = findKpi(loadContract(file), '1A');
    assert.ok(hit);
    assert.equal(hit.goal.id, '1');
    assert.equal(hit.kpi.target, 42);
    assert.deepEqual(
      hit.kpi.baselines.map((b) => [b.value, b.label, b.primary]),
      [[37, 'efteråret 2021', true]],
    );
  });

  it('fills the schema defaults for fields the small file leaves out', () => {
    const c = loadContract(file);
    assert.deepEqual(c.reporting, []);
    const kpi = findKpi(c, '11a')?.kpi;
    assert.ok(kpi);
    assert.equal(kpi.recurrence, 'once');
    assert.deepEqual(kpi.segments, []);
    assert.deepEqual(findGoal(c, '11')?.kpis, []);
  });

  it('handles a goal number the 2021 contract does not have (11 with sub-goal 11a)', () => {
    const c = loadContract(file);
    assert.deepEqual(
      topLevelGoals(c).map((g) => g.id),
      ['1', '11'],
    );
    assert.deepEqual(
      subGoals(c, '11').map((g) => g.id),
      ['11a'],
    );
    assert.deepEqual(
      kpisOfGoal(c, '11').map((k) => [k.id, k.target, k.unit]),
      [['11a', 5, 'aftaler']],
    );
  });
});
