import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import { parseQuestion } from '../../features/ask/parse-question';
import { buildGoalStatusView } from '../../features/status/goal-status-view';
import { goalStatusCard } from '../../features/status/goal-status-card';
import { buildOverviewView } from '../../features/status/overview-view';
import { overviewCard } from '../../features/status/overview-card';
import type { Measurement } from '../../core/measurement';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { cardText } from '../helpers/running-app';
import { hostileString, PROPERTY_SEED } from '../helpers/hostile-strings';

const contract = loadContract(defaultContractPath());
const goalIds = new Set(contract.goals.map((g) => g.id));
const kpis = contract.goals.flatMap((g) => g.kpis);

describe('security: hostile input (property-based, fixed seed)', function () {
  this.timeout(120_000);

  it('the question parser never throws and only names goals that exist (5 000 runs)', function () {
    const text = fc.oneof(
      hostileString(2_000),
      hostileString().map((s) => `<at>Målbot</at> ${s}`),
      hostileString().map((s) => `status mål ${s}`),
      fc.integer({ min: -1000, max: 1000 }).map((n) => `mål ${n}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        const intent = parseQuestion(t, contract);
        if ('goalId' in intent && intent.goalId !== undefined) assert.ok(goalIds.has(intent.goalId), `unknown goal ${intent.goalId} from ${JSON.stringify(t.slice(0, 80))}`);
      }),
      { seed: PROPERTY_SEED, numRuns: 5_000 },
    );
  });

  it('stored text (source, note, period) can never break a card, inject an expression or a link (1 500 runs)', function () {
    const row = fc.record({
      kpi: fc.constantFrom(...kpis),
      source: hostileString(),
      note: fc.option(hostileString(), { nil: null }),
      period: hostileString(60),
      recordedBy: hostileString(60),
    });
    let id = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
        const measurements: Measurement[] = rows.map((r) => ({
          id: ++id,
          contractId: contract.id,
          kpiId: r.kpi.id,
          value: r.kpi.kind === 'milestone' ? null : 40,
          done: r.kpi.kind === 'milestone' ? true : null,
          segment: r.kpi.segments[0] ?? null,
          period: r.period,
          measuredOn: '2021-09-30',
          source: r.source,
          note: r.note,
          recordedAt: '2021-10-01T10:00:00.000Z',
          recordedBy: r.recordedBy,
          demo: false,
        }) as Measurement);
        const goal = contract.goals.find((g) => g.kpis.some((k) => k.id === rows[0]!.kpi.id))!;
        for (const card of [goalStatusCard(buildGoalStatusView(contract, goal.id, measurements, '2021-10-15')!), overviewCard(buildOverviewView(contract, measurements, '2021-10-15'))]) {
          assertSendableCard(card); // 1.5 schema, < 80 KB, no "${" anywhere
          const text = cardText(card);
          assert.doesNotMatch(text, /(?<!\\)\]\((?!\s)/, 'no live markdown link "](…" from stored text');
          assert.ok(!JSON.stringify(card).includes('evil.example"'), 'no injected JSON property');
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 1_500 },
    );
  });
});
