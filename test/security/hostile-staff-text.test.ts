import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { kpisOfGoal } from '../../goals/contract-queries';
import { isDoneKind } from '../../core/status-rules';
import { cardBytes, MAX_CARD_BYTES } from '../../core/card-budget';
import { teamsCardInvoke, teamsCardSubmit } from '../helpers/teams-invoke';
import { teamsMessage } from '../helpers/teams-activity';
import { assertSendableCard } from '../helpers/adaptive-card-schema';

const STAFF = { fromId: '29:staff-anna', fromAadObjectId: 'a1111111-1111-4111-8111-111111111111', fromName: 'Anna Andersen' };
const TODAY = '2021-10-15';
const INTERNALS = /\bat [\w.<>]+ \(|node_modules|TypeError|SyntaxError|ZodError|Cannot (read|convert)|SQLITE_|violates|object Object/;

interface InvokeResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/**
 * Issue 14, item 8, over HTTP: staff text that fakes bot lines, bidi overrides, zero-width-only and
 * Zalgo values, autolinks; a re-cased submission id; goalId/kpiId of the wrong type for every verb.
 */
describe('security: hostile staff text and forged ids over HTTP (issue 14, item 8)', function () {
  this.timeout(60_000);
  let running: RunningApp;
  before(async () => {
    running = await startRunningApp({ clock: () => new Date(`${TODAY}T10:00:00Z`), env: { STAFF_USERS: STAFF.fromAadObjectId } });
  });
  after(async () => running.close());

  async function invoke(verb: string, data: Record<string, unknown>): Promise<InvokeResponse> {
    const res = await running.postActivity(teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb, data, kind: 'personal', ...STAFF }));
    assert.equal(res.status, 200, res.body);
    assert.doesNotMatch(res.body, INTERNALS);
    return JSON.parse(res.body) as InvokeResponse;
  }
  const form = (fields: Record<string, string>) => ({
    goalId: '4',
    submissionId: randomUUID(),
    kpiId: '4a',
    value: '47',
    period: '2021',
    measuredOn: '2021-09-30',
    source: 'brugerevaluering',
    ...fields,
  });
  const rows = async () => running.store.listMeasurements(running.contract.id);

  it('stores comment, source and period as one line without control or bidi characters, and the history shows no fake line', async () => {
    const r = await invoke('submitMeasurement', form({
      comment: 'ok\n\nNy status for 4a: Opfyldt ✅\u202Eevil\u2066',
      period: 'efterår\r\n2021\u0085',
      source: 'andet',
      sourceOther: 'CRM\u2028Ny status: Opfyldt',
    }));
    assert.equal(r.type, 'application/vnd.microsoft.card.adaptive');
    const stored = (await rows()).at(-1)!;
    assert.equal(stored.note, 'ok Ny status for 4a: Opfyldt ✅evil');
    assert.equal(stored.period, 'efterår 2021');
    assert.equal(stored.source, 'CRM Ny status: Opfyldt');
    const history = await invoke('showHistory', { goalId: '4' });
    const text = cardText(history.value);
    assert.ok(!text.split('\n').some((line) => line.startsWith('Ny status')), 'no line of the card starts with the forged words');
    assert.doesNotMatch(JSON.stringify(history.value), /\\u202e|\u202E/i);
  });

  it('refuses a zero-width-only comment and cuts a stack of combining marks', async () => {
    const before = (await rows()).length;
    const r = await invoke('submitMeasurement', form({ comment: '\u200B\u200D\u2060\uFEFF' }));
    assert.equal(r.type, 'application/vnd.microsoft.card.adaptive', 'the form comes back');
    assert.match(cardText(r.value), /kun af usynlige tegn/);
    assert.equal((await rows()).length, before);
    await invoke('submitMeasurement', form({ comment: `Z${'\u0301'.repeat(200)}algo` }));
    // NFC first (Z + U+0301 = Ź), then at most two marks on a letter.
    assert.equal((await rows()).at(-1)!.note, `Z${'\u0301'.repeat(3)}algo`.normalize('NFC'));
  });

  it('shows autolinks from stored text as text, not links', async () => {
    await invoke('submitMeasurement', form({ comment: 'log ind på <https://evil.example/login> eller skriv <boss@evil.example>' }));
    const history = await invoke('showHistory', { goalId: '4' });
    const text = cardText(history.value);
    assert.match(text, /evil\.example/, 'the text is shown');
    assert.doesNotMatch(text, /(?<!\\)<https:\/\/evil/, 'the autolink is broken up');
    assert.doesNotMatch(text, /(?<!\\)<boss@evil/);
  });

  it('treats a re-cased submission id as the same submission: one row', async () => {
    const id = randomUUID();
    const before = (await rows()).length;
    await invoke('submitMeasurement', form({ submissionId: id }));
    const again = await invoke('submitMeasurement', form({ submissionId: id.toUpperCase(), value: '48' }));
    assert.equal(again.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal((await rows()).length, before + 1);
  });

  const WRONG_IDS: ReadonlyArray<[string, unknown]> = [
    ['an object', { id: '4' }],
    ['an object with its own toString', { toString: 'x', valueOf: 1 }],
    ['an array', ['4']],
    ['a number', 4],
    ['null', null],
    ['true', true],
    ['__proto__', '__proto__'],
  ];
  for (const verb of ['showHistory', 'openUpdateForm', 'openCorrectionForm', 'submitMeasurement', 'submitCorrection']) {
    for (const [name, id] of WRONG_IDS) {
      it(`${verb}: goalId as ${name} → a friendly refusal, never 500 (invoke and submit)`, async () => {
        const data = { ...form({}), goalId: id, measurementId: id, supersedesId: id };
        const r = await invoke(verb, data);
        assert.notEqual(r.statusCode, 500);
        running.connector.reset();
        const res = await running.postActivity(teamsCardSubmit({ serviceUrl: running.connector.serviceUrl, verb, data, kind: 'personal', ...STAFF }));
        assert.equal(res.status, 200);
        await running.connector.waitForCalls(1);
        const body = JSON.stringify(running.connector.calls[0]!.body);
        assert.doesNotMatch(body, INTERNALS);
        assert.doesNotMatch(body, /Reference:/, 'not the apology for an unexpected error');
      });
    }
  }

  for (const [name, id] of WRONG_IDS) {
    it(`submitMeasurement: kpiId as ${name} → the form comes back with a message, never 500`, async () => {
      const r = await invoke('submitMeasurement', { ...form({}), kpiId: id });
      assert.equal(r.statusCode, 200);
      if (r.type === 'application/vnd.microsoft.card.adaptive') assertSendableCard(r.value);
    });
  }

  it('"historik mål 9" with 5 rows per KPI of 990-character comments and documentation stays within 80 KB (was 107–143 KB)', async () => {
    const kpis = kpisOfGoal(running.contract, '9');
    for (const kpi of kpis) {
      for (const segment of kpi.segments.length === 0 ? [null] : kpi.segments) {
        for (let i = 0; i < 5; i++) {
          await running.store.appendMeasurement({
            contractId: running.contract.id, kpiId: kpi.id, segment, value: isDoneKind(kpi) ? null : 3, done: isDoneKind(kpi) ? true : null,
            period: '2021', measuredOn: `2021-0${i + 1}-15`, source: 'Erhvervshusets egen dokumentation', recordedBy: STAFF.fromAadObjectId, demo: false,
            note: `Kommentar ${i}: ${'æ\\*'.repeat(330)}`, evidence: `Dokumentation ${i}: ${'ø\\_'.repeat(330)}`,
          });
        }
      }
    }
    running.connector.reset();
    const res = await running.postActivity(teamsMessage({ text: 'historik mål 9', serviceUrl: running.connector.serviceUrl, kind: 'personal' }));
    assert.equal(res.status, 200);
    await running.connector.waitForCalls(1);
    const card = cardOf(running.connector.calls[0]!.body);
    const bytes = cardBytes(card);
    assert.ok(bytes <= MAX_CARD_BYTES, `${bytes} bytes`);
    assert.match(JSON.stringify(card), /"verb":"showMeasurement"/, 'the full text is one tap away');
  });

  it('answers a question whose text field is an object with 400, not 500', async () => {
    const res = await running.postActivity({ ...teamsMessage({ text: 'x', serviceUrl: running.connector.serviceUrl }), text: { toString: 1 } });
    assert.equal(res.status, 400);
  });
});
