import { contractBook } from '../../goals/contract-book';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { findGoal, kpisOfGoal } from '../../goals/contract-queries';
import { validateMeasurementForm } from '../../features/measurements/form/validate-measurement-form';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsCardInvoke, teamsCardSubmit } from '../helpers/teams-invoke';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { submitAction } from '../helpers/card-inputs';
import { formPayload } from '../helpers/form-payload-arbitrary';
import { hostileString, PROPERTY_SEED } from '../helpers/hostile-strings';

const STAFF = { fromId: '29:staff-anna', fromAadObjectId: 'a1111111-1111-4111-8111-111111111111', fromName: 'Anna Andersen' };
const TODAY = '2021-10-15';
const INTERNALS = /\bat [\w.<>]+ \(|node_modules|TypeError|SyntaxError|ZodError|Cannot read prop|SQLITE_|violates/;

/**
 * The form validator through HTTP: staff submit measurement forms with hostile text (quotes,
 * backslashes, `${…}`, HTML, 10 000 characters, emoji, RTL …) or forged values in every field, as
 * Universal Action invokes or Action.Submit fallbacks, to the running app on SQLite. Properties:
 * the bot always answers (no 5xx), never with internals; every card it returns is a valid,
 * sendable Adaptive Card; a row is stored exactly when the validator accepts the form — never from
 * invalid input — and what is stored is exactly what was validated.
 * (Thousands of validator-level runs are in test/features/measurements/form/validate-measurement-form.test.ts.)
 */
describe('security: hostile form input over HTTP (property-based, fixed seed)', function () {
  this.timeout(300_000);
  let running: RunningApp;

  before(async function () {
    running = await startRunningApp({ clock: () => new Date(`${TODAY}T10:00:00Z`), env: { STAFF_USERS: STAFF.fromAadObjectId } });
  });
  after(async () => running.close());

  /** The bot's answer, whichever way it came back. */
  async function submit(data: Record<string, unknown>, via: 'execute' | 'submit'): Promise<{ status: number; card?: Record<string, unknown>; text?: string }> {
    running.connector.reset();
    const o = { serviceUrl: running.connector.serviceUrl, verb: 'submitMeasurement', data, kind: 'channel' as const, replyToId: 'form-1', ...STAFF };
    const res = await running.postActivity(via === 'execute' ? teamsCardInvoke(o) : teamsCardSubmit(o));
    assert.doesNotMatch(res.body, INTERNALS);
    if (res.status !== 200) return { status: res.status };
    if (via === 'execute') {
      const r = JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
      assert.equal(r.statusCode, 200, res.body.slice(0, 300));
      return r.type === 'application/vnd.microsoft.card.adaptive' ? { status: 200, card: r.value as Record<string, unknown> } : { status: 200, text: String(r.value) };
    }
    await running.connector.waitForCalls(1);
    const body = running.connector.calls[0]!.body;
    assert.doesNotMatch(JSON.stringify(body), INTERNALS);
    return typeof body.text === 'string' && body.text !== '' ? { status: 200, text: body.text } : { status: 200, card: cardOf(body) };
  }

  it('no crash, only sendable cards, stored exactly when valid (400 submissions)', async function () {
    const rows = async () => (await running.store.listMeasurements(running.contract.id)).length;
    let stored = 0;
    let refused = 0;
    const payload = fc.record({ form: formPayload(running.contract), via: fc.constantFrom('execute' as const, 'execute' as const, 'submit' as const) });
    await fc.assert(
      fc.asyncProperty(payload, async ({ form, via }) => {
        const { goalId, inputs } = form;
        const goal = findGoal(running.contract, goalId)!;
        const expected = validateMeasurementForm(inputs, { goal, kpis: kpisOfGoal(running.contract, goalId), today: TODAY, contract: running.contract, contracts: contractBook([running.contract]) });
        const submissionId = randomUUID();
        const before = await rows();
        const answer = await submit({ goalId, submissionId, ...inputs }, via);
        const after = await rows();

        if (answer.status === 413) {
          assert.equal(after, before, 'nothing stored from a body over the limit');
          return;
        }
        assert.equal(answer.status, 200);
        assert.ok(answer.card !== undefined, `a card back, got the message ${answer.text?.slice(0, 200)}`);
        assertSendableCard(answer.card); // 1.5 schema, < 80 KB, no "${"
        if (expected.ok) {
          stored++;
          assert.equal(after, before + 1, 'a valid form is stored once');
          const row = await running.store.measurementBySubmission(submissionId);
          assert.ok(row);
          const v = expected.value;
          assert.deepEqual(
            [row.kpiId, row.segment, row.value, row.done, row.period, row.measuredOn, row.source, row.note, row.evidence, row.recordedBy],
            [v.kpi.id, v.segment, v.value, v.done, v.period, v.measuredOn, v.source, v.comment, v.evidence, STAFF.fromAadObjectId],
            'stored exactly what was validated',
          );
          assert.match(cardText(answer.card), /gemt/);
        } else {
          refused++;
          assert.equal(after, before, 'nothing stored from invalid input');
          const again = submitAction(answer.card);
          assert.equal(again.verb, 'submitMeasurement', 'the same form comes back');
          assert.equal(again.data.submissionId, submissionId, 'under the same submission id');
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 400 },
    );
    assert.ok(stored >= 40 && refused >= 40, `both outcomes exercised (stored ${stored}, refused ${refused})`);
  });

  it('hostile goal and submission ids get a short message, never internals, and store nothing (200 submissions)', async function () {
    const rows = async () => (await running.store.listMeasurements(running.contract.id)).length;
    const ids = fc.record({
      goalId: fc.oneof(hostileString(), fc.constantFrom('4', '9c')),
      submissionId: fc.oneof(hostileString(), fc.constant(undefined)),
      via: fc.constantFrom('execute' as const, 'submit' as const),
    });
    await fc.assert(
      fc.asyncProperty(ids, async ({ goalId, submissionId, via }) => {
        const before = await rows();
        const answer = await submit({ goalId, submissionId, kpiId: '4a', value: '40', period: '2021', measuredOn: '2021-09-30', source: 'crm' }, via);
        assert.equal(await rows(), before, 'nothing stored');
        if (answer.status !== 200) return;
        assert.ok(answer.text !== undefined, 'a message, not a card');
        assert.ok(answer.text.length <= 400, `a short message (${answer.text.length} characters)`);
        assert.doesNotMatch(answer.text, /(?<!\\)\]\(/, 'no live markdown link from the payload');
        assert.doesNotMatch(answer.text, /<script|\$\{/, 'no markup or template expression from the payload');
      }),
      { seed: PROPERTY_SEED, numRuns: 200 },
    );
  });
});
