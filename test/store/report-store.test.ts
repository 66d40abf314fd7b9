import assert from 'node:assert/strict';
import { describeOnEveryDatabase } from '../helpers/test-databases';
import type { Database } from '../../core/ports/database';

const CONTRACT = 'kkr-syddanmark-sydjylland-2021';

function explanation(goalId: string, submissionId: string, text = `Forklaring ${submissionId}`) {
  return { contractId: CONTRACT, goalId, text, recordedBy: 'aad-1', recordedByName: 'Lene Holm', submissionId };
}

/** The report store (explanations, file offers) behaves the same on SQLite and PostgreSQL. */
describeOnEveryDatabase((label, makeDatabase) => {
  describe(`report store on ${label}`, function () {
    this.timeout(20_000);
    let database: Database;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ database, cleanup } = await makeDatabase());
    });
    afterEach(async () => cleanup());

    it('keeps every explanation of a goal as history; the newest is the one in force', async function () {
      const s = database.reports;
      const a = await s.appendExplanation({ ...explanation('3', 'x1'), recordedAt: '2021-12-01T09:00:00.000Z' });
      const b = await s.appendExplanation(explanation('3', 'x2', 'Ny tekst – æøå "citat" <b>'));
      await s.appendExplanation(explanation('4', 'x3'));
      await s.appendExplanation({ ...explanation('3', 'x4'), contractId: 'other-contract' });
      assert.ok(b.id > a.id);
      assert.equal(a.recordedAt, '2021-12-01T09:00:00.000Z');
      const history = await s.explanationHistory(CONTRACT, '3');
      assert.deepEqual(history.map((e) => e.text), ['Forklaring x1', 'Ny tekst – æøå "citat" <b>']);
      const latest = await s.latestExplanations(CONTRACT);
      assert.deepEqual(latest.map((e) => [e.goalId, e.submissionId, e.versions]), [['3', 'x2', 2], ['4', 'x3', 1]]);
      assert.equal(latest[0]!.recordedByName, 'Lene Holm');
    });

    it('is idempotent on the submission id: a replay stores nothing and returns the first row', async function () {
      const s = database.reports;
      const first = await s.appendExplanation(explanation('5', 'same', 'første'));
      const again = await s.appendExplanation(explanation('5', 'same', 'anden'));
      assert.deepEqual(again, first);
      const [x, y] = await Promise.all([s.appendExplanation(explanation('6', 'race')), s.appendExplanation(explanation('6', 'race'))]);
      assert.deepEqual(x, y);
      assert.equal((await s.explanationHistory(CONTRACT, '6')).length, 1);
    });

    it('refuses to change or delete an explanation in the database itself', async function () {
      await database.reports.appendExplanation(explanation('7', 'fixed'));
      // Reach under the port: the append-only rule must hold against hand-written SQL too.
      const raw = database.reports as unknown as { db?: { prepare(sql: string): { run(): unknown } }; pool?: { query(sql: string): Promise<unknown> } };
      if (raw.db) {
        assert.throws(() => raw.db!.prepare("UPDATE goal_explanations SET text = 'ændret'").run(), /append-only/);
        assert.throws(() => raw.db!.prepare('DELETE FROM goal_explanations').run(), /append-only/);
      } else {
        await assert.rejects(raw.pool!.query("UPDATE goal_explanations SET text = 'ændret'"), /append-only/);
        await assert.rejects(raw.pool!.query('DELETE FROM goal_explanations'), /append-only/);
      }
      assert.equal((await database.reports.explanationHistory(CONTRACT, '7'))[0]!.text, 'Forklaring fixed');
    });

    it('records a file offer and lets exactly one answer claim it', async function () {
      const s = database.reports;
      const offer = { offerId: 'offer-1', kind: 'report' as const, params: '{"year":2021}', fileName: 'KKR-rapport-2021-endelig.docx', conversationId: 'a:conv', userId: 'aad-1', createdAt: '2022-02-01T10:00:00.000Z', content: Buffer.from([0x50, 0x4b, 0, 1, 2, 255]) };
      await s.recordOffer(offer);
      assert.deepEqual(await s.fileOffer('offer-1'), { ...offer, answer: null, answeredAt: null });
      const claims = await Promise.all([1, 2, 3].map(() => s.claimOfferAnswer('offer-1', 'accepted', '2022-02-01T10:01:00.000Z')));
      assert.deepEqual(claims.filter(Boolean).length, 1);
      assert.equal(await s.claimOfferAnswer('offer-1', 'declined', '2022-02-01T10:02:00.000Z'), false);
      assert.equal(await s.claimOfferAnswer('unknown', 'accepted', '2022-02-01T10:02:00.000Z'), false);
      const answered = await s.fileOffer('offer-1');
      assert.equal(answered?.answer, 'accepted');
      assert.equal(answered?.answeredAt, '2022-02-01T10:01:00.000Z');
      assert.equal(await s.fileOffer('unknown'), undefined);
    });
  });
});
