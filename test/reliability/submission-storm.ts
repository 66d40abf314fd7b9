import assert from 'node:assert/strict';
import { inputById, inputIds, submitAction } from '../helpers/card-inputs';
import { cardText } from '../helpers/running-app';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import type { BotProcess, HttpAnswer } from './bot-process';

/**
 * A storm of measurement-form submissions, each an `adaptiveCard/action` invoke shaped exactly as
 * Teams posts it, against bot processes that a test may kill at any moment. Every send is
 * recorded with what the client saw: a confirmation (acknowledged, with the row number it names)
 * or nothing usable (the process died first).
 */

/** The staff member who records in these tests (object id listed in STAFF_USERS). */
export const STAFF = { fromId: '29:reliability-staff', fromAadObjectId: '5ea11111-aaaa-4bbb-8ccc-000000000001', fromName: 'Sofie Stabil' };
export const STAFF_CONVERSATION = 'a:1reliability-staff-personal-chat';

export interface PlannedSubmission {
  submissionId: string;
  goalId: string;
  /** The action's data merged with every input's value, as strings: what Teams sends. */
  data: Record<string, unknown>;
  /** What the stored row must say. */
  expected: { kpiId: string; segment: string | null; value: number | null; done: boolean | null; measuredOn: string; period: string };
}

export interface SendResult {
  submission: PlannedSubmission;
  /** Which process it went to (index into the list given to runStorm). */
  via: number;
  acknowledged: boolean;
  /** The "Måling nr. N" of the confirmation. */
  rowId?: number;
  /** Why not acknowledged: the transport error. */
  error?: string;
}

/** A 200 invoke response carrying the confirmation card; its row number. Anything else: undefined. */
export function confirmedRowId(answer: HttpAnswer): number | undefined {
  if (answer.status !== 200) return undefined;
  const response = JSON.parse(answer.body) as { statusCode?: number; type?: string; value?: unknown };
  if (response.statusCode !== 200 || response.type !== 'application/vnd.microsoft.card.adaptive') return undefined;
  const text = cardText(response.value);
  if (!text.includes('Målingen er gemt')) return undefined;
  const nr = /Måling nr\. (\d+)/.exec(text);
  return nr === null ? undefined : Number(nr[1]);
}

export function submitInvoke(serviceUrl: string, submission: PlannedSubmission): Record<string, unknown> {
  return teamsCardInvoke({ serviceUrl, verb: 'submitMeasurement', data: submission.data, conversationId: STAFF_CONVERSATION, ...STAFF });
}

/** Presses "Opdater" for a goal on `bot`: the form card, with a submission id the server issued. */
export async function openForm(bot: BotProcess, serviceUrl: string, goalId: string): Promise<Record<string, unknown>> {
  const answer = await bot.post(teamsCardInvoke({ serviceUrl, verb: 'openUpdateForm', data: { goalId }, conversationId: STAFF_CONVERSATION, ...STAFF }));
  assert.equal(answer.status, 200, answer.body);
  const response = JSON.parse(answer.body) as { statusCode: number; type: string; value: Record<string, unknown> };
  assert.equal(response.type, 'application/vnd.microsoft.card.adaptive', answer.body.slice(0, 300));
  return response.value;
}

const MEASURED_ON = ['2021-03-31', '2021-06-30', '2021-09-30', '2021-01-15', '2021-08-01'];

/**
 * Opens `count` forms (round robin over `bots` and three kinds of KPI: a share for Mål 4, a
 * per-segment share for 3a, a milestone for 9c) and fills each the way Teams sends it.
 * Measurement dates vary, so the "previous value" audit fields are not simply the row before.
 */
export async function planSubmissions(bots: readonly BotProcess[], serviceUrl: string, count: number): Promise<PlannedSubmission[]> {
  const plans: PlannedSubmission[] = [];
  const opening = Array.from({ length: count }, (_, i) => i);
  const workers = Array.from({ length: 8 }, async () => {
    for (let i = opening.shift(); i !== undefined; i = opening.shift()) {
      const kind = i % 3;
      const goalId = kind === 0 ? '4' : kind === 1 ? '3' : '9c';
      const card = await openForm(bots[i % bots.length]!, serviceUrl, goalId);
      const measuredOn = MEASURED_ON[i % MEASURED_ON.length]!;
      const segment = i % 2 === 0 ? 'drift' : 'vækst';
      const values: Record<string, string> =
        kind === 0
          ? { value: `${20 + (i % 60)},5`, period: '2021', measuredOn, comment: `storm ${i}` }
          : kind === 1
            ? { kpiId: '3a', segment, value: `${70 + (i % 25)}`, period: '2021', measuredOn }
            : { done: i % 2 === 0 ? 'ja' : 'nej', evidence: i % 2 === 0 ? `Dokumentation ${i}` : '', period: '2021', measuredOn, source: 'erhvervshuset' };
      const action = submitAction(card);
      const inputs: Record<string, string> = {};
      for (const id of inputIds(card)) inputs[id] = values[id] ?? String(inputById(card, id)?.value ?? '');
      const data = { ...action.data, ...inputs };
      plans[i] = {
        submissionId: String(action.data.submissionId),
        goalId,
        data,
        expected: {
          kpiId: kind === 0 ? '4a' : kind === 1 ? '3a' : '9c',
          segment: kind === 1 ? segment : null,
          value: kind === 0 ? 20 + (i % 60) + 0.5 : kind === 1 ? 70 + (i % 25) : null,
          done: kind === 2 ? i % 2 === 0 : null,
          measuredOn,
          period: '2021',
        },
      };
    }
  });
  await Promise.all(workers);
  return plans;
}

/** A shot is one submission sent to one process — or the same one to two at the same instant (a retry racing the original). */
export type Shot = Array<{ submission: PlannedSubmission; via: number }>;

export interface StormOptions {
  bots: readonly BotProcess[];
  serviceUrl: string;
  shots: readonly Shot[];
  /** Shots in flight at once. */
  concurrency: number;
  /** Called after every confirmation (a test kills a process here); true = start no further shots. */
  stopWhen: (results: readonly SendResult[]) => boolean;
}

/**
 * Fires the shots with `concurrency` in flight. A send the process answered with anything other
 * than a confirmation fails the test (every planned submission is valid); one it never answered
 * (connection reset by the kill) is recorded as not acknowledged.
 */
export async function runStorm(o: StormOptions): Promise<SendResult[]> {
  const results: SendResult[] = [];
  const queue = [...o.shots];
  let stopped = false;
  const sendOne = async (submission: PlannedSubmission, via: number): Promise<void> => {
    let answer: HttpAnswer;
    try {
      answer = await o.bots[via]!.post(submitInvoke(o.serviceUrl, submission));
    } catch (err) {
      results.push({ submission, via, acknowledged: false, error: err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err) });
      return;
    }
    const rowId = confirmedRowId(answer);
    assert.ok(rowId !== undefined, `a valid submission was answered without a confirmation: ${answer.status} ${answer.body.slice(0, 400)}`);
    results.push({ submission, via, acknowledged: true, rowId });
    if (!stopped && o.stopWhen(results)) stopped = true;
  };
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      for (let shot = queue.shift(); shot !== undefined && !stopped; shot = queue.shift()) {
        await Promise.all(shot.map((s) => sendOne(s.submission, s.via)));
      }
    }),
  );
  return results;
}
