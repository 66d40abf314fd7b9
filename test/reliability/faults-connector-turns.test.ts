import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startRunningApp, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { teamsCardInvoke } from '../helpers/teams-invoke';
import type { ConnectorFault } from '../helpers/fake-connector';

/**
 * Fault injection on the Bot Connector, for the replies to users' own messages: 429 with
 * Retry-After, 500, a hang, a connection reset, and answers cut off or stalled half-way. botbuilder
 * retries some of these by itself (429 three times, honouring Retry-After; 5xx and network errors
 * with backoff); every call is also bounded in time (OUTBOUND_TIMEOUT_SECONDS, teams/connector-timeout.ts).
 * Each case counts the requests the connector saw, checks that they stop, and that the turn ends
 * within its bound — with a log line for the operator and never internals for the user.
 */

const SLACK_MS = 1_500;

interface Case {
  name: string;
  fault: (attempt: number) => ConnectorFault | undefined;
  timeoutSeconds: number;
  /** The reply reached the conversation in the end. */
  delivered: boolean;
  /** Requests the connector saw for the conversation: exactly, or [min, max]. */
  attempts: number | [number, number];
  /** The turn ended within this many ms. */
  endsWithinMs: number;
  /** For a delivered retry: the retry came at least this long after the first attempt. */
  waitedAtLeastMs?: number;
  /** The logged failure, when the reply was not delivered. */
  error?: string;
}

const status = (s: number, retryAfter?: string): ConnectorFault => ({ kind: 'status', status: s, ...(retryAfter === undefined ? {} : { retryAfter }) });

const CASES: Case[] = [
  { name: '429 with Retry-After: 1, once', fault: (n) => (n === 1 ? status(429, '1') : undefined), timeoutSeconds: 10, delivered: true, attempts: 2, endsWithinMs: 1_000 + SLACK_MS, waitedAtLeastMs: 950 },
  // botbuilder: the reply and then the apology, each 1 + 3 retries; then nothing more.
  { name: '429 with Retry-After: 0, always', fault: () => status(429, '0'), timeoutSeconds: 10, delivered: false, attempts: 8, endsWithinMs: SLACK_MS, error: 'RestError' },
  // Without the bound, botbuilder would wait 120 s three times (six minutes) inside the turn.
  { name: '429 with Retry-After: 120, always', fault: () => status(429, '120'), timeoutSeconds: 1, delivered: false, attempts: 1, endsWithinMs: 1_000 + SLACK_MS, error: 'ConnectorTimeoutError' },
  { name: '500, once', fault: (n) => (n === 1 ? status(500) : undefined), timeoutSeconds: 10, delivered: true, attempts: 2, endsWithinMs: 2_000 + SLACK_MS },
  // Backoff 1 s, 2 s …: the 2 s bound cuts it after two or three requests, and no apology is tried.
  { name: '500, always', fault: () => status(500), timeoutSeconds: 2, delivered: false, attempts: [2, 3], endsWithinMs: 2_000 + SLACK_MS, error: 'ConnectorTimeoutError' },
  { name: 'a reset connection, once', fault: (n) => (n === 1 ? { kind: 'reset' } : undefined), timeoutSeconds: 10, delivered: true, attempts: 2, endsWithinMs: 2_000 + SLACK_MS },
  { name: 'a reset connection, always', fault: () => ({ kind: 'reset' }), timeoutSeconds: 2, delivered: false, attempts: [2, 3], endsWithinMs: 2_000 + SLACK_MS, error: 'ConnectorTimeoutError' },
  // The connector answered 200: the message may well have arrived, so it is not sent again (nor is the apology).
  { name: 'an answer dropped half-way, always', fault: () => ({ kind: 'drop-mid-response' }), timeoutSeconds: 10, delivered: false, attempts: 2, endsWithinMs: SLACK_MS, error: 'RestError' },
  { name: 'an answer that stalls half-way', fault: () => ({ kind: 'hang-mid-response' }), timeoutSeconds: 1, delivered: false, attempts: 1, endsWithinMs: 1_000 + SLACK_MS, error: 'ConnectorTimeoutError' },
  { name: 'no answer at all (a hang)', fault: () => ({ kind: 'hang' }), timeoutSeconds: 1, delivered: false, attempts: 1, endsWithinMs: 1_000 + SLACK_MS, error: 'ConnectorTimeoutError' },
];

const INTERNALS = /\bat [\w.<>]+ \(|node_modules|RestError|ECONN|Timeout/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reliability: Bot Connector faults while replying to a message', function () {
  this.timeout(30_000);

  for (const c of CASES) {
    it(`${c.name}: ${c.delivered ? 'delivered' : 'given up'} after ${Array.isArray(c.attempts) ? c.attempts.join('–') : c.attempts} request(s), the turn ends in time and the requests stop`, async function () {
      const running = await startRunningApp({ env: { OUTBOUND_TIMEOUT_SECONDS: String(c.timeoutSeconds) } });
      try {
        running.connector.fault = (_call, n) => c.fault(n);
        const started = Date.now();
        const res = await running.postActivity(teamsMessage({ text: 'hjælp', serviceUrl: running.connector.serviceUrl }));
        const tookMs = Date.now() - started;
        assert.equal(res.status, 200, 'the turn itself is answered; the failure is the reply’s');
        assert.doesNotMatch(res.body, INTERNALS);
        assert.ok(tookMs <= c.endsWithinMs, `the turn took ${tookMs} ms (bound ${c.endsWithinMs} ms)`);

        const seen = running.connector.attempts.length;
        await sleep(1_200);
        assert.equal(running.connector.attempts.length, seen, 'no request after the turn ended');
        const [min, max] = Array.isArray(c.attempts) ? c.attempts : [c.attempts, c.attempts];
        assert.ok(seen >= min && seen <= max, `${seen} requests, expected ${min}–${max}: ${running.connector.attempts.map((a) => `${a.fault ?? 'ok'}@${a.at - started}ms`).join(' ')}`);
        assert.equal(running.connector.calls.length, c.delivered ? 1 : 0, 'the reply arrived once, or not at all');
        if (c.waitedAtLeastMs !== undefined) {
          const [first, second] = running.connector.attempts;
          assert.ok(second!.at - first!.at >= c.waitedAtLeastMs, `Retry-After honoured: ${second!.at - first!.at} ms`);
        }
        const failures = running.logs.filter((l) => l.msg === 'turn failed');
        if (c.error === undefined) assert.equal(failures.length, 0);
        else {
          assert.equal(failures.length, 1, 'the failed turn is logged once');
          assert.equal((failures[0]!.err as { type?: string }).type, c.error);
          assert.match(String(failures[0]!.reference), /^[A-Z0-9-]{4,}$/i, 'with a reference');
        }
        // The apology is not tried through a connector that did not answer in time.
        if (c.error === 'ConnectorTimeoutError') assert.ok(!running.logs.some((l) => l.msg === 'could not tell the user about the failed turn'));
      } finally {
        await running.close();
      }
    });
  }

  describe('other turns go on meanwhile', function () {
    let running: RunningApp;
    beforeEach(async function () {
      running = await startRunningApp({ env: { OUTBOUND_TIMEOUT_SECONDS: '2', STAFF_USERS: 'a1111111-1111-4111-8111-111111111111' } });
    });
    afterEach(async () => running.close());

    it('while one conversation’s reply hangs, 20 turns elsewhere (questions and a form submission) are answered at once', async function () {
      const stuck = teamsMessage({ text: 'oversigt', serviceUrl: running.connector.serviceUrl });
      const stuckId = (stuck.conversation as { id: string }).id;
      running.connector.fault = (call) => (call.conversationId === stuckId ? { kind: 'hang' } : undefined);
      const started = Date.now();
      const stuckTurn = running.postActivity(stuck).then((r) => ({ ...r, endedAt: Date.now() }));
      while (!running.connector.attempts.some((a) => a.conversationId === stuckId)) await sleep(5);

      const others = Array.from({ length: 20 }, (_, i) =>
        i === 0
          ? teamsCardInvoke({
              serviceUrl: running.connector.serviceUrl,
              verb: 'submitMeasurement',
              data: { goalId: '4', submissionId: randomUUID(), kpiId: '4a', value: '41', period: '2021', measuredOn: '2021-09-30', source: 'crm' },
              fromAadObjectId: 'a1111111-1111-4111-8111-111111111111',
            })
          : teamsMessage({ text: ['status mål 4?', 'hjælp', 'oversigt', 'historik mål 3'][i % 4]!, serviceUrl: running.connector.serviceUrl, kind: i % 2 === 0 ? 'channel' : 'personal', mention: i % 2 === 0 }),
      );
      const answered = await Promise.all(others.map(async (a) => ({ ...(await running.postActivity(a)), endedAt: Date.now() })));
      const stuckResult = await stuckTurn;

      for (const r of answered) {
        assert.equal(r.status, 200, r.body);
        assert.ok(r.endedAt < stuckResult.endedAt, 'answered while the stuck turn was still waiting');
      }
      assert.match(answered[0]!.body, /gemt/, 'the form submission was stored and confirmed');
      assert.equal(running.connector.calls.length, 19, 'every message turn got its reply');
      assert.equal((await running.store.listMeasurements(running.contract.id)).length, 1);
      // …and the stuck turn ended at its bound instead of never.
      const stuckMs = stuckResult.endedAt - started;
      assert.ok(stuckMs >= 1_900 && stuckMs <= 2_000 + SLACK_MS, `the stuck turn ended after ${stuckMs} ms`);
      assert.equal(stuckResult.status, 200);
    });

    it('a member lookup that hangs (UPN allow-list) does not hold a card action past Teams’ 5 s: it is answered without the UPN', async function () {
      await running.close();
      running = await startRunningApp({ env: { OUTBOUND_TIMEOUT_SECONDS: '10', STAFF_USERS: 'dorte@erhvervshus.dk' } });
      running.connector.memberLookupFault = { kind: 'hang' };
      const started = Date.now();
      const res = await running.postActivity(
        teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb: 'openUpdateForm', data: { goalId: '4' }, fromId: '29:staff-dorte', fromAadObjectId: 'd4444444-4444-4444-8444-444444444444' }),
      );
      const tookMs = Date.now() - started;
      assert.equal(res.status, 200);
      assert.ok(tookMs < 5_000, `answered after ${tookMs} ms`);
      // Without her UPN she is matched by object id only, so she is (safely) treated as a reader.
      assert.match(JSON.parse(res.body).value, /^Beklager – kun medarbejdere/);
      assert.ok(running.logs.some((l) => l.msg === 'UPN lookup took too long; matching the user by object id only'));
    });
  });
});
