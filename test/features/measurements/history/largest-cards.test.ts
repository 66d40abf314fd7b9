import assert from 'node:assert/strict';
import { loadContract } from '../../../../goals/load-contract';
import { defaultContractPath } from '../../../../goals/default-contract';
import { kpisOfGoal } from '../../../../goals/contract-queries';
import { SqliteMeasurementStore } from '../../../../store/sqlite-store';
import { historyReply } from '../../../../features/measurements/history/history-reply';
import { historyPageReply } from '../../../../features/measurements/history/history-page-reply';
import { measurementDetailReply } from '../../../../features/measurements/history/measurement-detail-reply';
import { FIELD_LIMITS } from '../../../../features/measurements/form/form-fields';
import { cardBytes, MAX_CARD_BYTES } from '../../../../core/card-budget';
import type { Reply } from '../../../../core/reply';
import type { NewMeasurement } from '../../../../core/measurement';
import { assertSendableCard } from '../../../helpers/adaptive-card-schema';
import { chartsAsFallback } from '../../../helpers/charts-as-fallback';

const contract = loadContract(defaultContractPath());
const TZ = 'Europe/Copenhagen';
/**
 * The costliest character valid text may hold: a backslash survives normalisation, is doubled by
 * the markdown escaping and doubled again by JSON — 4 bytes per character, as much as an emoji.
 */
const worst = (length: number) => '\\'.repeat(length);
/** Teams gives display names of up to 256 characters; the import caps them at 200. */
const NAME_LENGTH = 256;

/**
 * Issue 14, item 6: the largest card every valid input allows stays within the 80 KB budget, for
 * every goal: the history card (60 rows per series, every text at its limit, made of the costliest
 * character), a "Vis ældre" page and a measurement in full. Mål 9 made 107–143 KB before.
 */
describe('the largest cards valid input allows stay within 80 KB (history, pages, one measurement)', function () {
  this.timeout(120_000);
  let store: SqliteMeasurementStore;
  const sizes: Record<string, number> = {};
  before(async () => {
    store = new SqliteMeasurementStore(':memory:');
    await store.migrate();
    const rows: NewMeasurement[] = [];
    // A goal's KPIs include its sub-goals' (9 → 9a–9d): each KPI once.
    const kpis = [...new Map(contract.goals.flatMap((g) => kpisOfGoal(contract, g.id)).map((k) => [k.id, k])).values()];
    {
      for (const kpi of kpis) {
        for (const segment of kpi.segments.length === 0 ? [null] : kpi.segments) {
          for (let i = 0; i < 60; i++) {
            rows.push({
              contractId: contract.id,
              kpiId: kpi.id,
              segment,
              value: kpi.kind === 'milestone' ? null : kpi.kind === 'count' ? 100_000 : -99.99,
              done: kpi.kind === 'milestone' ? true : null,
              period: worst(FIELD_LIMITS.period),
              measuredOn: new Date(Date.UTC(2016, i, 28)).toISOString().slice(0, 10),
              source: worst(FIELD_LIMITS.sourceOther),
              note: worst(FIELD_LIMITS.comment),
              evidence: worst(FIELD_LIMITS.evidence),
              recordedBy: worst(NAME_LENGTH),
              recordedByName: worst(NAME_LENGTH),
              demo: true,
            });
          }
        }
      }
    }
    await store.appendMeasurements(rows);
  });
  after(async () => {
    await store.close();
    console.log(`      largest cards (bytes): ${Object.entries(sizes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  });

  const check = (name: string, reply: Reply) => {
    assert.equal(reply.kind, 'card', name);
    if (reply.kind !== 'card') return;
    assertSendableCard(chartsAsFallback(reply.card));
    const bytes = cardBytes(reply.card);
    sizes[name] = Math.max(sizes[name] ?? 0, bytes);
    assert.ok(bytes <= MAX_CARD_BYTES, `${name}: ${bytes} bytes`);
  };

  it('the history card of every goal', async () => {
    for (const goal of contract.goals) check('history', await historyReply(contract, store, goal.id, '2021-12-31', TZ));
  });

  it('a "Vis ældre" page of every series, and every measurement in full', async () => {
    const all = await store.listMeasurements(contract.id);
    for (const goal of contract.goals) {
      for (const kpi of kpisOfGoal(contract, goal.id)) {
        for (const segment of kpi.segments.length === 0 ? [null] : kpi.segments) {
          const newest = (await store.listSeriesPage(contract.id, kpi.id, segment, null, 1))[0]!;
          check('page', await historyPageReply(contract, store, { goalId: goal.id, kpiId: kpi.id, segment: segment ?? '', beforeMeasuredOn: newest.measuredOn, beforeId: String(newest.id) }, TZ));
        }
      }
    }
    for (const m of all.filter((_, i) => i % 17 === 0)) {
      const goal = contract.goals.find((g) => kpisOfGoal(contract, g.id).some((k) => k.id === m.kpiId))!;
      check('measurement', await measurementDetailReply(contract, store, goal.id, String(m.id), TZ));
    }
  });

  it('pages walk the whole series, 10 at a time, and the full text is one tap away', async () => {
    const kpi = kpisOfGoal(contract, '9')[0]!;
    const seen: number[] = [];
    let before = (await store.listSeriesPage(contract.id, kpi.id, null, null, 1))[0]!;
    seen.push(before.id);
    for (let guard = 0; guard < 12; guard++) {
      const reply = await historyPageReply(contract, store, { goalId: '9', kpiId: kpi.id, segment: '', beforeMeasuredOn: before.measuredOn, beforeId: String(before.id) }, TZ);
      assert.equal(reply.kind, 'card');
      const json = JSON.stringify(reply.kind === 'card' ? reply.card : {});
      const ids = [...new Set([...json.matchAll(/"measurementId":"(\d+)"/g)].map((m) => Number(m[1])))]; // each "Vis hele" has its Submit fallback
      assert.ok(ids.length > 0 && ids.length <= 10);
      seen.push(...ids.filter((id) => !seen.includes(id)));
      const older = /"verb":"showHistoryPage","data":\{[^}]*"beforeMeasuredOn":"([\d-]+)","beforeId":"(\d+)"/.exec(json);
      if (older === null) break;
      before = (await store.measurementById(contract.id, Number(older[2])))!;
    }
    assert.equal(seen.length, 60, 'every row of the series, once');
  });
});
