import assert from 'node:assert/strict';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { describeOnEveryDatabase } from '../helpers/test-databases';
import { openDocx } from '../helpers/docx-text';
import { generateReport } from '../../features/report/generate-report';
import { contractBook } from '../features/report/report-fixtures';
import type { Database } from '../../core/ports/database';

const STAFF = { fromId: '29:staff-anna', fromAadObjectId: '0c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', fromName: 'Anna Andersen' };
const READER = { fromId: '29:reader-dorte', fromAadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', fromName: 'Direktør Dorte' };
const CONTRACT = 'kkr-syddanmark-sydjylland-2021';

interface InvokeResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

type Action = { type: string; title: string; verb?: string; data?: Record<string, string> };

/** Every Action.Execute of a card, in the body's ActionSets too (fallbacks left out). */
function actionsOf(card: unknown): Action[] {
  const out: Action[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push(o as unknown as Action);
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return out;
}

/**
 * "Skriv forklaring" end to end over HTTP on SQLite and PostgreSQL: the button on the status card
 * (staff only), the form (validated on the server, re-shown with the error), idempotent saving,
 * the history of versions, "Annuller", and the text on the status card and in the KKR report.
 */
describeOnEveryDatabase((label, makeDatabase) => {
  describe(`explanations in Teams on ${label}`, function () {
    this.timeout(30_000);
    let running: RunningApp;
    let database: Database;
    let cleanup: () => Promise<void>;
    const now = new Date('2022-01-10T09:30:00Z');

    beforeEach(async function () {
      ({ database, cleanup } = await makeDatabase());
      running = await startRunningApp({ database, clock: () => now, env: { LOG_LEVEL: 'silent', STAFF_USERS: STAFF.fromAadObjectId } });
    });
    afterEach(async function () {
      await running.close();
      await cleanup();
    });

    async function statusCard(who: typeof STAFF, kind: 'personal' | 'channel' = 'personal') {
      const before = running.connector.calls.length;
      const res = await running.postActivity(teamsMessage({ text: 'status mål 3', serviceUrl: running.connector.serviceUrl, kind, fromAadObjectId: who.fromAadObjectId, fromName: who.fromName, mention: kind === 'channel' }));
      assert.equal(res.status, 200);
      await running.connector.waitForCalls(before + 1);
      return cardOf(running.connector.calls[before]!.body);
    }

    async function press(who: typeof STAFF, verb: string, data: Record<string, unknown>): Promise<InvokeResponse> {
      const res = await running.postActivity(teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb, data, ...who }));
      const answer = JSON.parse(res.body) as InvokeResponse;
      assert.equal(res.status, answer.statusCode, 'the HTTP status is the invoke response\'s');
      return answer;
    }

    it('staff write an explanation from the status card; it is validated, saved once, versioned and shown', async function () {
      const readerCard = await statusCard(READER);
      assert.ok(!actionsOf(readerCard).some((a) => a.verb === 'openExplanationForm'), 'a reader gets no "Skriv forklaring"');
      const card = await statusCard(STAFF);
      const open = actionsOf(card).find((a) => a.verb === 'openExplanationForm');
      assert.equal(open?.title, 'Skriv forklaring');

      const form = await press(STAFF, open!.verb!, open!.data!);
      assert.equal(form.type, 'application/vnd.microsoft.card.adaptive');
      assertSendableCard(form.value);
      assert.match(cardText(form.value), /Forklaring til afrapporteringen/);
      assert.match(cardText(form.value), /Kontraktår 2021 · (ikke opfyldt|afventer måling|ingen data)/);
      const save = actionsOf(form.value).find((a) => a.verb === 'submitExplanation')!;
      const cancel = actionsOf(form.value).find((a) => a.verb === 'cancelForm')!;
      assert.ok(save.data!.submissionId!.length >= 8);

      const short = await press(STAFF, save.verb!, { ...save.data, explanation: 'For kort' });
      assert.match(cardText(short.value), /Forklaringen er for kort – skriv mindst 10 tegn/);
      assertSendableCard(short.value);
      const long = await press(STAFF, save.verb!, { ...save.data, explanation: 'x'.repeat(2001) });
      assert.match(cardText(long.value), /Forklaringen er 2001 tegn; der er plads til 2000/);
      assert.equal((await database.reports.explanationHistory(CONTRACT, '3')).length, 0, 'nothing stored from invalid input');

      const text = 'Brugerevalueringen kom sent; vækstsegmentet fik nye konsulenter. ${1+1} <b>ikke fed</b>\n\nNy plan fra februar.';
      const saved = await press(STAFF, save.verb!, { ...save.data, explanation: text });
      assertSendableCard(saved.value);
      assert.match(cardText(saved.value), /Forklaringen er gemt/);
      const replay = await press(STAFF, save.verb!, { ...save.data, explanation: text });
      assert.deepEqual(replay, saved, 'a replayed submission answers the same');
      const history = await database.reports.explanationHistory(CONTRACT, '3');
      assert.equal(history.length, 1);
      assert.equal(history[0]!.text, text);
      assert.equal(history[0]!.recordedBy, STAFF.fromAadObjectId);
      assert.equal(history[0]!.recordedByName, 'Anna Andersen');

      // A second version, from a new form.
      const again = await press(STAFF, 'openExplanationForm', { goalId: '3' });
      assert.match(cardText(again.value), /Gældende forklaring/);
      const save2 = actionsOf(again.value).find((a) => a.verb === 'submitExplanation')!;
      assert.notEqual(save2.data!.submissionId, save.data!.submissionId);
      await press(STAFF, save2.verb!, { ...save2.data, explanation: 'Version to: NPS 66 i vækstsegmentet, 4 point under målet.' });
      assert.equal((await database.reports.explanationHistory(CONTRACT, '3')).length, 2);

      const shown = await statusCard(READER);
      const words = cardText(shown);
      assert.match(words, /Forklaring til KKR/);
      assert.match(words, /Version to: NPS 66 i vækstsegmentet, 4 point under målet\./);
      assert.match(words, /Skrevet af Anna Andersen 10\. januar 2022 kl\. 10\.30 · 1 tidligere version gemt/);
      assert.equal(actionsOf(await statusCard(STAFF)).find((a) => a.verb === 'openExplanationForm')?.title, 'Ret forklaring');

      const back = await press(STAFF, cancel.verb!, cancel.data!);
      assert.match(cardText(back.value), /Mål 3 – /);

      const report = await generateReport({ book: contractBook(), measurements: database.measurements, explanations: database.reports, now: () => now, timeZone: 'Europe/Copenhagen' }, { at: { year: 2021 }, generatedBy: 'Test' });
      assert.ok(report.ok);
      const doc = openDocx(report.bytes);
      assert.ok(doc.paragraphs.includes('Version to: NPS 66 i vækstsegmentet, 4 point under målet.'));
      assert.ok(doc.paragraphs.some((p) => p.startsWith('Skrevet af Anna Andersen 10. januar 2022 kl. 10.30 (1 tidligere version i historikken)')));
    });

    it('a reader can neither open the form nor save, whatever the card says', async function () {
      const open = await press(READER, 'openExplanationForm', { goalId: '3' });
      assert.match(String(open.value), /Forklaringer til afrapporteringen skrives af de medarbejdere/);
      const save = await press(READER, 'submitExplanation', { goalId: '3', contractId: CONTRACT, submissionId: 'forged-submission-1', explanation: 'En forklaring der er lang nok.' });
      assert.match(String(save.value), /skrives af de medarbejdere/);
      const forged = await press(STAFF, 'submitExplanation', { goalId: '99', contractId: CONTRACT, submissionId: 'forged-submission-2', explanation: 'En forklaring der er lang nok.' });
      assert.equal(forged.statusCode, 400);
      const otherContract = await press(STAFF, 'submitExplanation', { goalId: '3', contractId: 'no-such-contract', submissionId: 'forged-submission-3', explanation: 'En forklaring der er lang nok.' });
      assert.equal(otherContract.statusCode, 400);
      assert.deepEqual(await database.reports.latestExplanations(CONTRACT), []);
    });
  });
});
