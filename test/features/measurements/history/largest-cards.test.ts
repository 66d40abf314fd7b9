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
import { measurementCardActions } from '../../../../features/measurements/measurement-card-actions';
import { contractBook } from '../../../../goals/contract-book';
import { NOBODY_MAY_WRITE } from '../../../../core/access/access-policy';
import { CARD_VERBS } from '../../../../core/card-verbs';
import type { TurnInfo } from '../../../../core/turn-info';

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

  it("an English history card's \"Show older\" carries language en: the verb (showHistoryPage) answers with an English page; without it, Danish", async () => {
    const history = await historyReply(contract, store, '4', '2026-12-01', TZ, undefined, 'en');
    const json = JSON.stringify(history.kind === 'card' ? history.card : {});
    const older = /"verb":"showHistoryPage","data":(\{[^}]*\})/.exec(json);
    assert.ok(older !== null, 'a Show older button');
    const data = JSON.parse(older[1]!) as Record<string, unknown>;
    assert.equal(data.language, 'en');
    const actions = measurementCardActions({ contract, contracts: contractBook([contract]), store, today: () => '2026-12-01', timeZone: TZ, access: NOBODY_MAY_WRITE, newSubmissionId: () => 's' });
    const verb = actions[CARD_VERBS.showHistoryPage];
    const turn: TurnInfo = { conversationId: 'a:x', conversationType: 'personal', tenantId: 't', user: { id: '29:x', aadObjectId: undefined, name: 'X' } };
    const press = async (payload: Record<string, unknown>): Promise<string> => {
      const reply = await verb.handle(verb.parse.parse(payload), { turn, verb: CARD_VERBS.showHistoryPage, data: payload } as never);
      assert.equal(reply.kind, 'card');
      const card = (reply as Extract<Reply, { kind: 'card' }>).card;
      assertSendableCard(card);
      assert.ok(cardBytes(card) <= MAX_CARD_BYTES);
      return JSON.stringify(card);
    };
    const english = await press(data);
    for (const w of ['History, older measurements', 'Goal 4 – ', 'Back to the history', 'measured ', 'recorded by ']) assert.ok(english.includes(w), w);
    assert.doesNotMatch(english, /Historik|Tilbage til historikken|registreret af|Vis ældre/);
    assert.match(english, /"verb":"showHistory","data":\{"goalId":"4","language":"en"\}/);
    const { language: _dropped, ...danishData } = data;
    const danish = await press(danishData);
    assert.match(danish, /Historik, ældre målinger/);
    assert.match(danish, /"verb":"showHistory","data":\{"goalId":"4"\}/);
    assert.equal(verb.parse.safeParse({ ...data, language: 'de' }).success, false, 'a language other than da/en is refused');
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
