import assert from 'node:assert/strict';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke, teamsCardSubmit } from '../helpers/teams-invoke';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { trendsIn } from '../helpers/trends-in';
import { errorNextTo, inputById, inputIds, submitAction } from '../helpers/card-inputs';
import { describeOnEveryDatabase, type TestDatabaseFactory } from '../helpers/test-databases';
import type { Measurement } from '../../core/measurement';

/**
 * Staff record measurements through Adaptive Card forms, end to end: invokes shaped exactly as
 * Teams sends them (type invoke, name adaptiveCard/action, Action.Execute with verb and data, every
 * input value a string, trigger manual) over real HTTP to the running app, whose HTTP response is
 * the invoke response. The same suite runs on SQLite and on PostgreSQL.
 */

/** 15 October 2021, 12:00 in Copenhagen. */
const NOW = () => new Date('2021-10-15T10:00:00Z');

interface User {
  fromId: string;
  fromAadObjectId: string;
  fromName: string;
}
const ANNA: User = { fromId: '29:staff-anna', fromAadObjectId: 'a1111111-1111-4111-8111-111111111111', fromName: 'Anna Andersen' };
const BO: User = { fromId: '29:staff-bo', fromAadObjectId: 'b2222222-2222-4222-8222-222222222222', fromName: 'Bo Berg' };
const CECILIE_ADMIN: User = { fromId: '29:admin-cecilie', fromAadObjectId: 'c3333333-3333-4333-8333-333333333333', fromName: 'Cecilie Chef' };
/** Listed by UPN only: the app must look her up (TeamsInfo.getMember) to know. */
const DORTE_BY_UPN: User = { fromId: '29:staff-dorte', fromAadObjectId: 'd4444444-4444-4444-8444-444444444444', fromName: 'Dorte Dahl' };
const ERIK_DIRECTOR: User = { fromId: '29:director-erik', fromAadObjectId: 'e5555555-5555-4555-8555-555555555555', fromName: 'Erik Direktør' };

const ENV = {
  STAFF_USERS: `${ANNA.fromAadObjectId}, ${BO.fromAadObjectId}, Dorte@Erhvervshus.dk`,
  ADMIN_USERS: CECILIE_ADMIN.fromAadObjectId,
};

interface InvokeResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

function describeMeasurementForms(label: string, makeStore: TestDatabaseFactory): void {
  describe(`measurement forms end to end (${label})`, function () {
    let running: RunningApp;
    let cleanupStore: () => Promise<void>;
    const conversationId = 'a:1personal-conversation-of-the-test';

    beforeEach(async function () {
      const made = await makeStore();
      cleanupStore = made.cleanup;
      running = await startRunningApp({ database: made.database, clock: NOW, env: ENV });
      running.connector.members.set(DORTE_BY_UPN.fromId, {
        id: DORTE_BY_UPN.fromId,
        name: DORTE_BY_UPN.fromName,
        aadObjectId: DORTE_BY_UPN.fromAadObjectId,
        userPrincipalName: 'dorte@erhvervshus.dk',
      });
    });

    afterEach(async function () {
      await running.close();
      await cleanupStore();
    });

    async function invoke(verb: string, data: Record<string, unknown>, user: User = ANNA): Promise<InvokeResponse> {
      const res = await running.postActivity(teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb, data, conversationId, ...user }));
      assert.equal(res.status, 200, res.body);
      return JSON.parse(res.body) as InvokeResponse;
    }

    function cardFrom(response: InvokeResponse): Record<string, unknown> {
      assert.equal(response.statusCode, 200, JSON.stringify(response));
      assert.equal(response.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(response).slice(0, 300));
      return response.value as Record<string, unknown>;
    }

    function messageFrom(response: InvokeResponse): string {
      assert.equal(response.statusCode, 200, JSON.stringify(response));
      assert.equal(response.type, 'application/vnd.microsoft.activity.message', JSON.stringify(response).slice(0, 300));
      return response.value as string;
    }

    /** Presses "Opdater" for a goal: the form card. */
    async function openForm(goalId: string, user: User = ANNA): Promise<Record<string, unknown>> {
      const card = cardFrom(await invoke('openUpdateForm', { goalId }, user));
      assertSendableCard(card);
      return card;
    }

    /**
     * Fills a form the way Teams sends it: the action's data plus EVERY input's value as a string
     * (inputs left alone keep what the card set, or "").
     */
    function filled(card: Record<string, unknown>, values: Record<string, string>): { verb: string; data: Record<string, unknown> } {
      const action = submitAction(card);
      const inputs: Record<string, string> = {};
      for (const id of inputIds(card)) inputs[id] = values[id] ?? String(inputById(card, id)?.value ?? '');
      for (const key of Object.keys(values)) assert.ok(key in inputs || key in action.data, `the form has no input "${key}"`);
      return { verb: action.verb, data: { ...action.data, ...inputs } };
    }

    async function submit(card: Record<string, unknown>, values: Record<string, string>, user: User = ANNA): Promise<InvokeResponse> {
      const { verb, data } = filled(card, values);
      return invoke(verb, data, user);
    }

    const rows = (): Promise<Measurement[]> => running.store.listMeasurements(running.contract.id);

    const GOOD_4A = { value: '37,5', period: '2021', measuredOn: '2021-09-30', source: 'brugerevaluering', comment: 'Fra Erhvervsstyrelsens brugerevaluering' };

    describe('opening the form', function () {
      it('"opdater mål 4" from staff answers with a form built from the contract: value, period, date, source, comment', async function () {
        const res = await running.postActivity(
          teamsMessage({ text: 'opdater mål 4', serviceUrl: running.connector.serviceUrl, kind: 'personal', fromAadObjectId: ANNA.fromAadObjectId, fromName: ANNA.fromName }),
        );
        assert.equal(res.status, 200);
        await running.connector.waitForCalls(1);
        const card = cardOf(running.connector.calls[0]!.body);
        assertSendableCard(card);
        assert.deepEqual(inputIds(card), ['value', 'period', 'measuredOn', 'source', 'sourceOther', 'comment']);
        assert.equal(inputById(card, 'value')?.type, 'Input.Text', 'text, so "37,5" and "37 %" reach the server');
        assert.equal(inputById(card, 'period')?.isRequired, true);
        assert.equal(inputById(card, 'measuredOn')?.type, 'Input.Date');
        assert.equal(inputById(card, 'measuredOn')?.max, '2021-10-15', 'no date after today');
        assert.equal(inputById(card, 'source')?.value, 'brugerevaluering', '4a is measured by the user evaluation');
        const text = cardText(card);
        assert.match(text, /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
        assert.match(text, /4a – Andel henviste virksomheder/);
        assert.match(String(inputById(card, 'value')?.label), /andel i procent, 0–100/, 'the label says what to write');
        const action = submitAction(card);
        assert.equal(action.verb, 'submitMeasurement');
        assert.match(action.data.submissionId!, /^[0-9a-f-]{36}$/);
        assert.deepEqual(action.fallback.type, 'Action.Submit');
        assert.deepEqual((action.fallback.data as Record<string, string>).verb, 'submitMeasurement');
      });

      it('the status card\'s "Opdater" (openUpdateForm) replaces the card with the goal\'s form; KPIs and segments to choose for Mål 3', async function () {
        const card = await openForm('3');
        assert.deepEqual(inputIds(card), ['kpiId', 'segment', 'value', 'period', 'measuredOn', 'source', 'sourceOther', 'comment']);
        const kpi = inputById(card, 'kpiId') as { choices: Array<{ value: string }> };
        assert.deepEqual(kpi.choices.map((c) => c.value), ['3a', '3b']);
        const segment = inputById(card, 'segment') as { choices: Array<{ value: string }>; isRequired: boolean };
        assert.deepEqual(segment.choices.map((c) => c.value), ['drift', 'vækst']);
        assert.equal(segment.isRequired, true);
      });

      it('a milestone goal (9c) asks "Milepæl nået?" and for evidence instead of a value', async function () {
        const card = await openForm('9c');
        assert.deepEqual(inputIds(card), ['done', 'evidence', 'period', 'measuredOn', 'source', 'sourceOther', 'comment']);
      });

      it('each open gets a new submission id', async function () {
        const a = submitAction(await openForm('4')).data.submissionId;
        const b = submitAction(await openForm('4')).data.submissionId;
        assert.notEqual(a, b);
      });

      it('refuses a director politely, by text and by button, without a form', async function () {
        const res = await running.postActivity(
          teamsMessage({ text: 'opdater mål 4', serviceUrl: running.connector.serviceUrl, kind: 'personal', fromAadObjectId: ERIK_DIRECTOR.fromAadObjectId }),
        );
        assert.equal(res.status, 200);
        await running.connector.waitForCalls(1);
        assert.match(String(running.connector.calls[0]!.body.text), /^Beklager – kun medarbejdere i Erhvervshus Sydjylland med indberetningsret/);
        const message = messageFrom(await invoke('openUpdateForm', { goalId: '4' }, ERIK_DIRECTOR));
        assert.match(message, /kun medarbejdere .* indberetningsret/);
      });
    });

    describe('a valid submission', function () {
      it('stores one audited row and answers with a confirmation: what, by whom, the new status and why', async function () {
        const form = await openForm('4');
        const card = cardFrom(await submit(form, GOOD_4A));
        assertSendableCard(card);
        const all = await rows();
        assert.equal(all.length, 1);
        const row = all[0]!;
        assert.deepEqual(
          {
            kpiId: row.kpiId,
            value: row.value,
            done: row.done,
            segment: row.segment,
            period: row.period,
            measuredOn: row.measuredOn,
            source: row.source,
            note: row.note,
            recordedBy: row.recordedBy,
            recordedByName: row.recordedByName,
            conversationId: row.conversationId,
            submissionId: row.submissionId,
            supersedesId: row.supersedesId,
            previousId: row.previousId,
            recordedAt: row.recordedAt,
            demo: row.demo,
          },
          {
            kpiId: '4a',
            value: 37.5,
            done: null,
            segment: null,
            period: '2021',
            measuredOn: '2021-09-30',
            source: 'Erhvervsstyrelsen (brugerevaluering)',
            note: 'Fra Erhvervsstyrelsens brugerevaluering',
            recordedBy: ANNA.fromAadObjectId,
            recordedByName: 'Anna Andersen',
            conversationId,
            submissionId: submitAction(form).data.submissionId,
            supersedesId: null,
            previousId: null,
            recordedAt: '2021-10-15T10:00:00.000Z',
            demo: false,
          },
        );
        const text = cardText(card);
        assert.match(text, /Målingen er gemt/);
        assert.match(text, /Værdi\n37,5 %/);
        assert.match(text, /Registreret af\nAnna Andersen/);
        assert.match(text, /Registreret\n15\\\. oktober 2021 kl\. 12\.00/);
        assert.match(text, /Forrige værdi\ningen tidligere måling/);
        // 37,5 % against at least 45 % before the deadline: 7,5 points short → i risiko (status-rules R6).
        assert.match(text, /Ny status for 4a: I risiko/);
        // (The reason is markdown-escaped on the card: "\(sep. 2021\)" renders as "(sep. 2021)".)
        assert.match(text.replace(/\\/g, ''), /Seneste måling 37,5 % \(sep\. 2021\) mod mål mindst 45 % – 7,5 procentpoint under målet; periode 2021/);
      });

      it('reads the value as people type it: "37", "37,5", "37.5", " 37 % "', async function () {
        for (const [typed, expected] of [['37', 37], ['37,5', 37.5], ['37.5', 37.5], [' 37 % ', 37]] as const) {
          const before = (await rows()).length;
          const card = cardFrom(await submit(await openForm('4'), { ...GOOD_4A, value: typed }));
          assert.match(cardText(card), /Målingen er gemt/, `"${typed}"`);
          const all = await rows();
          assert.equal(all.length, before + 1);
          assert.equal(all[all.length - 1]!.value, expected, `"${typed}"`);
        }
      });

      it('shows the previous value, and the next status question uses the new row', async function () {
        await submit(await openForm('4'), GOOD_4A);
        const second = cardFrom(await submit(await openForm('4'), { ...GOOD_4A, value: '46', measuredOn: '2021-10-14' }, BO));
        const text = cardText(second);
        assert.match(text, /Forrige værdi\n37,5 % \(måling nr\. \d+\)/);
        assert.match(text, /Registreret af\nBo Berg/);
        assert.match(text, /Ny status for 4a: Opfyldt/);
        const res = await running.postActivity(teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl }));
        assert.equal(res.status, 200);
        await running.connector.waitForCalls(1);
        assert.match(cardText(cardOf(running.connector.calls[0]!.body)), /46 %/);
      });

      it('records segments and NPS for Mål 3, and an admin may submit', async function () {
        const card = cardFrom(
          await submit(await openForm('3', CECILIE_ADMIN), { kpiId: '3b', segment: 'vækst', value: '-12', period: '2021', measuredOn: '2021-10-01', source: 'brugerevaluering' }, CECILIE_ADMIN),
        );
        assert.match(cardText(card), /Segment\nVækst/);
        assert.match(cardText(card), /Værdi\n−12/);
        const [row] = await rows();
        assert.deepEqual([row!.kpiId, row!.segment, row!.value, row!.recordedByName], ['3b', 'vækst', -12, 'Cecilie Chef']);
      });

      it('records a milestone with its evidence (9c)', async function () {
        const card = cardFrom(
          await submit(await openForm('9c'), { done: 'ja', evidence: 'Kursusbeviser for alle 34 medarbejdere', period: '2021', measuredOn: '2021-10-01', source: 'erhvervshuset' }),
        );
        const text = cardText(card);
        assert.match(text, /Værdi\ngennemført/);
        assert.match(text, /Dokumentation\nKursusbeviser for alle 34 medarbejdere/);
        assert.match(text, /Ny status for 9c: Opfyldt/);
        const [row] = await rows();
        assert.deepEqual([row!.kpiId, row!.value, row!.done, row!.evidence], ['9c', null, true, 'Kursusbeviser for alle 34 medarbejdere']);
      });

      it('"Andet" stores the source that was typed', async function () {
        await submit(await openForm('4'), { ...GOOD_4A, source: 'andet', sourceOther: 'Kommunernes egen opgørelse' });
        assert.equal((await rows())[0]!.source, 'Kommunernes egen opgørelse');
      });
    });

    describe('invalid input: the same form again, a message next to each wrong field, the values kept, nothing stored', function () {
      const cases: Array<{ name: string; goalId: string; values: Record<string, string>; field: string; message: RegExp }> = [
        { name: '"abc" as a value', goalId: '4', values: { ...GOOD_4A, value: 'abc' }, field: 'value', message: /«abc» er ikke et tal\. Skriv fx 37 eller 37,5\./ },
        { name: '150 for a share', goalId: '4', values: { ...GOOD_4A, value: '150' }, field: 'value', message: /En andel skal ligge mellem 0 og 100 % – 150 er for meget\./ },
        {
          name: '−200 for NPS',
          goalId: '3',
          values: { kpiId: '3b', segment: 'drift', value: '−200', period: '2021', measuredOn: '2021-10-01', source: 'brugerevaluering' },
          field: 'value',
          message: /NPS ligger mellem −100 og 100 – −200 er uden for skalaen\./,
        },
        { name: 'a date in the future (tomorrow in Copenhagen)', goalId: '4', values: { ...GOOD_4A, measuredOn: '2021-10-16' }, field: 'measuredOn', message: /16\. oktober 2021 ligger efter i dag \(15\. oktober 2021\) – en måling kan ikke være fra fremtiden\./ },
        { name: 'a date that does not exist', goalId: '4', values: { ...GOOD_4A, measuredOn: '2021-02-30' }, field: 'measuredOn', message: /«2021-02-30» er ikke en dato/ },
        {
          name: 'a KPI id the goal does not have',
          goalId: '3',
          values: { kpiId: '4a', segment: 'drift', value: '80', period: '2021', measuredOn: '2021-10-01', source: 'brugerevaluering' },
          field: 'kpiId',
          message: /Målepunkt «4a» hører ikke til mål 3\. Vælg et af: 3a og 3b\./,
        },
        { name: 'an over-long comment', goalId: '4', values: { ...GOOD_4A, comment: 'x'.repeat(1001) }, field: 'comment', message: /Kommentaren er for lang \(1\.001 tegn\) – højst 1\.000 tegn\./ },
        { name: 'a missing period', goalId: '4', values: { ...GOOD_4A, period: '   ' }, field: 'period', message: /Skriv hvilken periode målingen dækker/ },
        { name: 'a missing segment where targets are per segment', goalId: '3', values: { kpiId: '3a', value: '80', period: '2021', measuredOn: '2021-10-01', source: 'brugerevaluering' }, field: 'segment', message: /Vælg segment for 3a: drift eller vækst\./ },
        { name: 'a decimal count', goalId: '9a', values: { value: '2,5', period: '2021', measuredOn: '2021-10-01', source: 'erhvervshuset' }, field: 'value', message: /Et antal skal være et helt tal – 2,5 er det ikke\./ },
        { name: 'a milestone marked done without evidence', goalId: '9c', values: { done: 'ja', period: '2021', measuredOn: '2021-10-01', source: 'erhvervshuset' }, field: 'evidence', message: /Skriv kort, hvad der dokumenterer/ },
        { name: '"Andet" without saying which source', goalId: '4', values: { ...GOOD_4A, source: 'andet' }, field: 'sourceOther', message: /Skriv hvilken kilde/ },
      ];
      for (const c of cases) {
        it(`refuses ${c.name}`, async function () {
          const form = await openForm(c.goalId);
          const before = await rows();
          const card = cardFrom(await submit(form, c.values));
          assertSendableCard(card);
          assert.match(cardText(card), /Målingen er ikke gemt\. Ret de markerede felter, og send igen\./);
          const message = errorNextTo(card, c.field);
          assert.ok(message, `an error next to "${c.field}"`);
          assert.match(message.replace(/\\/g, ''), c.message);
          // Only the wrong field is marked.
          for (const id of inputIds(card)) if (id !== c.field) assert.equal(errorNextTo(card, id), undefined, `no error next to ${id}`);
          // What the user typed is still there (cleaned of surrounding spaces).
          for (const [id, typed] of Object.entries(c.values)) {
            const input = inputById(card, id);
            if (input === undefined) continue; // kpiId of a single-KPI form travels in the action data
            const kept = input.type === 'Input.ChoiceSet' && !(input.choices as Array<{ value: string }>).some((ch) => ch.value === typed.trim()) ? undefined : typed.trim() || undefined;
            assert.equal(input.value, kept, `${id} keeps its value`);
          }
          // The same submission id: fixing the field and sending again stores it once.
          assert.equal(submitAction(card).data.submissionId, submitAction(form).data.submissionId);
          assert.deepEqual(await rows(), before, 'nothing stored');
        });
      }

      it('reports every wrong field at once', async function () {
        const card = cardFrom(await submit(await openForm('4'), { value: 'mange', period: '', measuredOn: 'i går', source: '' }));
        for (const field of ['value', 'period', 'measuredOn', 'source']) assert.ok(errorNextTo(card, field), field);
        assert.deepEqual(await rows(), []);
      });

      it('stores the corrected form once, under the same submission id', async function () {
        const form = await openForm('4');
        const bad = cardFrom(await submit(form, { ...GOOD_4A, value: '150' }));
        const good = cardFrom(await submit(bad, { value: '45' }));
        assert.match(cardText(good), /Målingen er gemt/);
        const all = await rows();
        assert.equal(all.length, 1);
        assert.equal(all[0]!.value, 45);
        assert.equal(all[0]!.period, '2021', 'the kept values were sent again');
      });

      it('refuses a goal that does not exist with a message, storing nothing', async function () {
        const form = await openForm('4');
        const { verb, data } = filled(form, GOOD_4A);
        const message = messageFrom(await invoke(verb, { ...data, goalId: '42' }));
        assert.equal(message, 'Mål «42» findes ikke i kontrakten. Skriv «oversigt» for at se målene.');
        assert.deepEqual(await rows(), []);
      });

      it('refuses a form without a submission id (forged or damaged), storing nothing', async function () {
        const { verb, data } = filled(await openForm('4'), GOOD_4A);
        for (const submissionId of [undefined, '', 'not-a-uuid', 42]) {
          const message = messageFrom(await invoke(verb, { ...data, submissionId }));
          assert.match(message, /mangler sit indsendelses-id eller er beskadiget, så intet er gemt/);
        }
        assert.deepEqual(await rows(), []);
      });

      it('refuses non-string input values (a forged payload) as invalid fields', async function () {
        const { verb, data } = filled(await openForm('4'), GOOD_4A);
        const card = cardFrom(await invoke(verb, { ...data, value: 37, comment: { $ref: 'x' } }));
        assert.match(errorNextTo(card, 'value') ?? '', /ugyldig værdi/);
        assert.match(errorNextTo(card, 'comment') ?? '', /ugyldig værdi/);
        assert.deepEqual(await rows(), []);
      });
    });

    describe('idempotency and concurrency', function () {
      it('a replay (Teams retrying, a double click) stores nothing new and returns the same confirmation', async function () {
        const { verb, data } = filled(await openForm('4'), GOOD_4A);
        const first = await invoke(verb, data);
        const second = await invoke(verb, data);
        assert.deepEqual(second, first);
        assert.equal((await rows()).length, 1);
      });

      it('two identical submissions at the same moment store one row and get the same confirmation', async function () {
        const { verb, data } = filled(await openForm('4'), GOOD_4A);
        const [a, b] = await Promise.all([invoke(verb, data), invoke(verb, data)]);
        assert.deepEqual(a, b);
        assert.equal((await rows()).length, 1);
      });

      it('a replay after someone else submitted still returns the first confirmation', async function () {
        const { verb, data } = filled(await openForm('4'), GOOD_4A);
        const first = await invoke(verb, data);
        await submit(await openForm('4', BO), { ...GOOD_4A, value: '50' }, BO);
        assert.deepEqual(await invoke(verb, data), first);
        assert.equal((await rows()).length, 2);
      });

      it('two people submitting the same KPI at once both succeed as separate, ordered rows', async function () {
        const annaForm = filled(await openForm('4', ANNA), { ...GOOD_4A, value: '40' });
        const boForm = filled(await openForm('4', BO), { ...GOOD_4A, value: '41' });
        const [a, b] = await Promise.all([invoke(annaForm.verb, annaForm.data, ANNA), invoke(boForm.verb, boForm.data, BO)]);
        assert.match(cardText(cardFrom(a)), /Målingen er gemt/);
        assert.match(cardText(cardFrom(b)), /Målingen er gemt/);
        const all = await rows();
        assert.equal(all.length, 2);
        assert.deepEqual(new Set(all.map((r) => r.recordedByName)), new Set(['Anna Andersen', 'Bo Berg']));
        assert.ok(all[0]!.id < all[1]!.id);
        assert.equal(all[0]!.previousId, null);
        assert.equal(all[1]!.previousId, all[0]!.id, 'the later row names the earlier as its previous value');
      });
    });

    describe('who may submit', function () {
      it('refuses a director politely and stores nothing', async function () {
        const staffForm = filled(await openForm('4', ANNA), GOOD_4A);
        const message = messageFrom(await invoke(staffForm.verb, staffForm.data, ERIK_DIRECTOR));
        assert.equal(
          message,
          'Beklager – kun medarbejdere i Erhvervshus Sydjylland med indberetningsret kan gemme eller rette målinger. Du kan stadig se status og historik. Kontakt botens administrator, hvis du skal have adgang. Administratoren skal bruge dit Entra-objekt-id: e5555555-5555-4555-8555-555555555555.',
        );
        assert.deepEqual(await rows(), []);
      });

      it('accepts staff listed by UPN (looked up once per user via the Bot Connector) and records the UPN', async function () {
        const form = await openForm('4', DORTE_BY_UPN);
        const card = cardFrom(await submit(form, GOOD_4A, DORTE_BY_UPN));
        assert.match(cardText(card), /Målingen er gemt/);
        const [row] = await rows();
        assert.equal(row!.recordedByUpn, 'dorte@erhvervshus.dk');
        assert.equal(row!.recordedBy, DORTE_BY_UPN.fromAadObjectId);
        assert.deepEqual(running.connector.memberLookups.filter((id) => id === DORTE_BY_UPN.fromId), [DORTE_BY_UPN.fromId], 'cached after the first lookup');
      });

      it('refuses someone whose member lookup fails (no UPN known), storing nothing', async function () {
        const { verb, data } = filled(await openForm('4'), GOOD_4A);
        const stranger: User = { fromId: '29:unknown', fromAadObjectId: 'f6666666-6666-4666-8666-666666666666', fromName: 'Ukendt' };
        assert.match(messageFrom(await invoke(verb, data, stranger)), /^Beklager – kun medarbejdere/);
        assert.deepEqual(await rows(), []);
      });
    });

    describe('Action.Submit fallback (clients without Universal Actions)', function () {
      /** "opdater mål N" as a message: the bot sends the form, the connector names its activity id. */
      async function sentForm(goalId: string): Promise<{ card: Record<string, unknown>; id: string }> {
        const message = teamsMessage({ text: `opdater mål ${goalId}`, serviceUrl: running.connector.serviceUrl, kind: 'personal', fromAadObjectId: ANNA.fromAadObjectId, fromName: ANNA.fromName });
        (message.conversation as Record<string, unknown>).id = conversationId;
        assert.equal((await running.postActivity(message)).status, 200);
        await running.connector.waitForCalls(1);
        const call = running.connector.calls[0]!;
        running.connector.reset();
        return { card: cardOf(call.body), id: call.answeredId! };
      }

      it('stores the measurement and updates the sent card in place (PUT …/activities/{replyToId})', async function () {
        const form = await sentForm('4');
        const { verb, data } = filled(form.card, GOOD_4A);
        const activity = teamsCardSubmit({ serviceUrl: running.connector.serviceUrl, verb, data, replyToId: form.id, conversationId, ...ANNA });
        const res = await running.postActivity(activity);
        assert.equal(res.status, 200, res.body);
        await running.connector.waitForCalls(1);
        const call = running.connector.calls.find((c) => c.method === 'PUT');
        assert.ok(call, JSON.stringify(running.connector.calls.map((c) => `${c.method} ${c.path}`)));
        assert.equal(call.activityId, form.id);
        assert.equal(call.conversationId, conversationId);
        const card = cardOf(call.body);
        assertSendableCard(card);
        assert.match(cardText(card), /Målingen er gemt/);
        assert.equal((await rows()).length, 1);
      });

      it('shows the form with its errors in place of the sent card, storing nothing', async function () {
        const form = await sentForm('4');
        const { verb, data } = filled(form.card, { ...GOOD_4A, value: 'abc' });
        await running.postActivity(teamsCardSubmit({ serviceUrl: running.connector.serviceUrl, verb, data, replyToId: form.id, conversationId, ...ANNA }));
        await running.connector.waitForCalls(1);
        const card = cardOf(running.connector.calls.find((c) => c.method === 'PUT')!.body);
        assert.match(errorNextTo(card, 'value') ?? '', /er ikke et tal/);
        assert.deepEqual(await rows(), []);
      });

      it('never replaces an activity that is not a card the bot sent here with that button (forged replyToId): a new message instead', async function () {
        const form = await sentForm('4');
        const other = await sentForm('3'); // the bot's own card, but for another goal
        const forged = [
          { replyToId: 'reminder-agenda-1', conversationId },
          { replyToId: form.id, conversationId: 'a:1someone-elses-chat' },
          { replyToId: other.id, conversationId },
        ];
        for (const target of forged) {
          running.connector.reset();
          await running.postActivity(teamsCardSubmit({ serviceUrl: running.connector.serviceUrl, verb: 'showHistory', data: { goalId: '4' }, ...target, ...ANNA }));
          await running.connector.waitForCalls(1);
          assert.deepEqual(running.connector.calls.map((c) => c.method), ['POST'], `no PUT over ${target.replyToId} in ${target.conversationId}`);
        }
        // The real card's own button still updates it in place.
        running.connector.reset();
        await running.postActivity(teamsCardSubmit({ serviceUrl: running.connector.serviceUrl, verb: 'submitMeasurement', data: filled(form.card, GOOD_4A).data, replyToId: form.id, conversationId, ...ANNA }));
        await running.connector.waitForCalls(1);
        assert.deepEqual(running.connector.calls.map((c) => `${c.method} ${c.activityId}`), [`PUT ${form.id}`]);
      });
    });

    describe('corrections ("ret måling")', function () {
      it('a correction adds a row that supersedes the old one; status uses it; nothing is deleted', async function () {
        await submit(await openForm('4'), { ...GOOD_4A, value: '53' });
        const [wrong] = await rows();
        const form = cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(wrong!.id) }));
        assertSendableCard(form);
        assert.equal(inputById(form, 'value')?.value, '53', 'prefilled with the row');
        assert.equal(inputById(form, 'period')?.value, '2021');
        assert.equal(submitAction(form).verb, 'submitCorrection');
        assert.match(cardText(form), /Du retter måling nr\. \d+: 53 %/);
        const card = cardFrom(await submit(form, { value: '35', comment: 'Tastefejl' }));
        assertSendableCard(card);
        const text = cardText(card);
        assert.match(text, /Rettelsen er gemt/);
        assert.match(text, new RegExp(`Retter\\nmåling nr\\. ${wrong!.id}`));
        assert.match(text, /Rettet fra\n53 %/);
        const all = await rows();
        assert.equal(all.length, 2);
        assert.deepEqual(all[0], wrong, 'the original row is unchanged');
        assert.equal(all[1]!.supersedesId, wrong!.id);
        assert.deepEqual((await running.store.latestMeasurements(running.contract.id)).map((m) => m.value), [35]);
        await running.postActivity(teamsMessage({ text: 'status mål 4', serviceUrl: running.connector.serviceUrl }));
        await running.connector.waitForCalls(1);
        const status = cardText(cardOf(running.connector.calls[0]!.body));
        assert.match(status, /35 %/);
        assert.doesNotMatch(status, /53 %/);
      });

      it('a row is corrected once: a second correction of the same row is refused, storing nothing', async function () {
        await submit(await openForm('4'), GOOD_4A);
        const [row] = await rows();
        const formA = cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) }));
        const formB = cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) }, BO));
        await submit(formA, { value: '38' });
        const message = messageFrom(await submit(formB, { value: '39' }, BO));
        assert.match(message, /Målingen er allerede rettet \(af måling nr\. \d+\), så din rettelse er ikke gemt/);
        assert.equal((await rows()).length, 2);
      });

      it('a correction that changes nothing is refused next to the value, storing nothing; a real change then goes through', async function () {
        await submit(await openForm('4'), GOOD_4A);
        const [row] = await rows();
        const form = cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) }));
        const same = cardFrom(await submit(form, {}));
        assert.match(cardText(same), new RegExp(`Rettelsen er magen til måling nr\\. ${row!.id} – ret mindst ét felt, eller tryk Annuller`));
        assert.equal((await rows()).length, 1, 'nothing stored');
        const card = cardFrom(await submit(same, { comment: 'Kilden er rapporten fra november' }));
        assert.match(cardText(card), /Rettelsen er gemt/);
        assert.equal((await rows()).length, 2);
      });

      it('opening a correction of a corrected row corrects its newest version', async function () {
        await submit(await openForm('4'), GOOD_4A);
        const [row] = await rows();
        await submit(cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) })), { value: '38' });
        const again = cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) }));
        assert.equal(inputById(again, 'value')?.value, '38');
        assert.equal(submitAction(again).data.supersedesId, String((await rows())[1]!.id));
      });

      it('a director cannot correct', async function () {
        await submit(await openForm('4'), GOOD_4A);
        const [row] = await rows();
        assert.match(messageFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) }, ERIK_DIRECTOR)), /^Beklager/);
        const form = cardFrom(await invoke('openCorrectionForm', { goalId: '4', measurementId: String(row!.id) }));
        assert.match(messageFrom(await submit(form, { value: '99' }, ERIK_DIRECTOR)), /^Beklager/);
        assert.equal((await rows()).length, 1);
      });

      it('the corrected series is fixed by the server: a payload naming another KPI cannot move it', async function () {
        await submit(await openForm('3'), { kpiId: '3a', segment: 'drift', value: '80', period: '2021', measuredOn: '2021-10-01', source: 'brugerevaluering' });
        const [row] = await rows();
        const form = cardFrom(await invoke('openCorrectionForm', { goalId: '3', measurementId: String(row!.id) }));
        const { verb, data } = filled(form, { value: '81' });
        await invoke(verb, { ...data, kpiId: '3b', segment: 'vækst' });
        const all = await rows();
        assert.deepEqual([all[1]!.kpiId, all[1]!.segment, all[1]!.supersedesId], ['3a', 'drift', row!.id]);
      });
    });

    describe('text safety', function () {
      const hostile = 'Se [klik her](https://evil.example) ${user.secret} **fed** "} ] { <at>x</at> \\ _under_';

      it('shows a typed comment back literally: no link, no template expression, no markdown, no broken JSON', async function () {
        const card = cardFrom(await submit(await openForm('4'), { ...GOOD_4A, comment: hostile }));
        assertSendableCard(card);
        const facts = JSON.stringify(card);
        assert.ok(!facts.includes('[klik her](https'), 'the link is escaped');
        assert.ok(facts.includes('\\\\[klik her\\\\]'), facts);
        assert.ok(facts.includes('$\\\\{user.secret}'));
        assert.ok(facts.includes('\\\\*\\\\*fed\\\\*\\\\*'));
        assert.equal((await rows())[0]!.note, hostile, 'stored exactly as typed');
      });

      it('keeps a typed "${…}" through an error round trip without ever sending "${" in a card', async function () {
        const form = await openForm('4');
        const bad = cardFrom(await submit(form, { ...GOOD_4A, value: 'abc', comment: hostile }));
        assertSendableCard(bad); // includes: no "${" anywhere in the card
        const good = cardFrom(await submit(bad, { value: '40' }));
        assertSendableCard(good);
        assert.equal((await rows())[0]!.note, hostile, 'the invisible marker is removed again on the way in');
      });
    });

    describe('history ("historik mål 3" and the button)', function () {
      async function record(values: Record<string, string>, user: User = ANNA): Promise<void> {
        const card = cardFrom(await submit(await openForm('3', user), { period: '2021', source: 'brugerevaluering', ...values }, user));
        assert.match(cardText(card), /gemt/);
      }

      it('lists the latest measurements per KPI and segment with who/when/source, and a line chart with a fallback of the same numbers', async function () {
        await record({ kpiId: '3a', segment: 'drift', value: '78', measuredOn: '2021-03-31' });
        await record({ kpiId: '3a', segment: 'drift', value: '82', measuredOn: '2021-09-30' }, BO);
        await record({ kpiId: '3a', segment: 'vækst', value: '75', measuredOn: '2021-03-31' });
        await record({ kpiId: '3a', segment: 'vækst', value: '79,5', measuredOn: '2021-09-30' });
        const res = await running.postActivity(teamsMessage({ text: 'historik mål 3', serviceUrl: running.connector.serviceUrl }));
        assert.equal(res.status, 200);
        await running.connector.waitForCalls(1);
        const card = cardOf(running.connector.calls[0]!.body);
        assertSendableCard(card);
        const text = cardText(card);
        assert.match(text.replace(/\\/g, ''), /Nr\. \d+: \*\*82 %\*\* · 2021 · målt 30\. september 2021 · kilde: Erhvervsstyrelsen \(brugerevaluering\) · registreret af Bo Berg, 15\. oktober 2021 kl\. 12\.00/);
        assert.match(text, /3b – Net Promoter Score/);
        assert.match(text, /Ingen målinger endnu/);
        const trends = trendsIn(card);
        assert.equal(trends.length, 1, 'one chart: 3a has readings, 3b none');
        // The numbers behind the chart, in the card's own type size.
        assert.deepEqual(trends[0]!.facts, [
          { title: 'Mål', value: '80 %' },
          { title: '31\\. marts 2021', value: 'Drift: 78 % · Vækst: 75 %' },
          { title: '30\\. september 2021', value: 'Drift: 82 % · Vækst: 79,5 %' },
        ]);
        assert.match(trends[0]!.svg, />Drift<.*>Vækst<.*>Mål 80 %</s);
      });

      it('the "Historik" button (showHistory) replaces the card with the history, for everyone (directors too)', async function () {
        await record({ kpiId: '3b', segment: 'drift', value: '72', measuredOn: '2021-09-30' });
        const card = cardFrom(await invoke('showHistory', { goalId: '3' }, ERIK_DIRECTOR));
        assertSendableCard(card);
        assert.match(cardText(card), /\*\*72\*\*/);
      });

      it('shows a correction instead of the row it corrects', async function () {
        await record({ kpiId: '3a', segment: 'drift', value: '28', measuredOn: '2021-09-30' });
        const [row] = await rows();
        await submit(cardFrom(await invoke('openCorrectionForm', { goalId: '3', measurementId: String(row!.id) })), { value: '82' });
        const text = cardText(cardFrom(await invoke('showHistory', { goalId: '3' })));
        assert.match(text, /\*\*82 %\*\*.*retter måling nr\. \d+/);
        assert.doesNotMatch(text, /\*\*28 %\*\*/);
        assert.match(text, /Én måling er rettet/);
      });
    });
  });
}

describeOnEveryDatabase(describeMeasurementForms, { now: NOW });
