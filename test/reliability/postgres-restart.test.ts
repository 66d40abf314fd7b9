import assert from 'node:assert/strict';
import { Client } from 'pg';
import { defaultContractPath } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';
import { FakeConnector } from '../helpers/fake-connector';
import { privatePostgresOrSkip, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres';
import { teamsMessage } from '../helpers/teams-activity';
import { startBotProcess, type BotProcess } from './bot-process';
import { startRunningApp } from '../helpers/running-app';
import { openDatabase } from '../../store/open-database';
import { confirmedRowId, planSubmissions, STAFF, submitInvoke, type PlannedSubmission } from './submission-storm';

const CONTRACT_ID = loadContract(defaultContractPath()).id;
const PLANNED = 160;
const CONCURRENCY = 12;
const STOPS: ReadonlyArray<'fast' | 'immediate'> = ['fast', 'immediate', 'fast', 'immediate'];

/**
 * Issue 14, item 3: a PostgreSQL restart or failover (`pg_ctl stop -m fast` / `-m immediate`) in
 * the middle of a storm of submissions must not crash the bot. A turn whose connection is lost
 * gets a Danish apology with a reference; once the server is back, the next turn works; no
 * acknowledged submission is lost or stored twice. The server is the test's own cluster.
 */
describe('PostgreSQL stopped and restarted during a storm of submissions (real process, private cluster)', function () {
  this.timeout(240_000);
  let pg: PrivatePostgres | undefined;
  let bot: BotProcess | undefined;
  let connector: FakeConnector;

  before(async function () {
    const bin = privatePostgresOrSkip(this);
    pg = await startPrivatePostgres(bin);
    connector = new FakeConnector();
    await connector.start();
  });
  after(async function () {
    await bot?.crash();
    await connector?.stop();
    await pg?.destroy();
  });

  it('no exit, apologies with a reference while it is down, the next turn reconnects, 0 lost, 0 duplicates', async function () {
    bot = await startBotProcess({ DATABASE_URL: pg!.url, STAFF_USERS: STAFF.fromAadObjectId });
    const plans = await planSubmissions([bot], connector.serviceUrl, PLANNED);
    const acknowledged = new Map<string, number>();
    let apologies = 0;
    let other = 0;
    const queue = [...plans];
    const failed: PlannedSubmission[] = [];
    const send = async (s: PlannedSubmission) => {
      const answer = await bot!.post(submitInvoke(connector.serviceUrl, s));
      const rowId = confirmedRowId(answer);
      if (rowId !== undefined) acknowledged.set(s.submissionId, rowId);
      else {
        // The invoke's error response (Teams shows its message on the card): HTTP and statusCode 500.
        const r = JSON.parse(answer.body) as { statusCode: number; type: string; value: { message?: string } };
        if (r.statusCode === 500 && r.type === 'application/vnd.microsoft.error' && /^Beklager.*\(Reference: \w+\)$/.test(r.value.message ?? '')) apologies++;
        else {
          other++;
          console.log(answer.status, answer.body.slice(0, 300));
        }
        failed.push(s);
      }
    };
    const storm = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
          await send(s);
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    for (const mode of STOPS) {
      await new Promise((r) => setTimeout(r, 400));
      await pg!.stop(mode);
      await new Promise((r) => setTimeout(r, 600));
      await pg!.start();
    }
    await storm;
    assert.equal(bot.child.exitCode, null, 'the bot is still running');
    assert.equal(other, 0, 'every answer was a confirmation or the apology');
    assert.ok(apologies > 0, 'some turns met the server down and apologised');

    // The next turns work: a question, and the submissions that failed, sent again.
    connector.reset();
    const question = await bot.post(teamsMessage({ text: 'status mål 4', serviceUrl: connector.serviceUrl, kind: 'personal' }));
    assert.equal(question.status, 200);
    for (const s of failed) {
      const answer = await bot.post(submitInvoke(connector.serviceUrl, s));
      const rowId = confirmedRowId(answer);
      assert.ok(rowId !== undefined, `after the restart a submission is confirmed: ${answer.body.slice(0, 300)}`);
      acknowledged.set(s.submissionId, rowId);
    }

    const client = new Client({ connectionString: pg!.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const rows = (await client.query<{ id: number; submission_id: string }>('SELECT id, submission_id FROM measurements WHERE contract_id = $1', [CONTRACT_ID])).rows;
      const bySubmission = new Map<string, number[]>();
      for (const r of rows) bySubmission.set(r.submission_id, [...(bySubmission.get(r.submission_id) ?? []), Number(r.id)]);
      for (const [submissionId, rowId] of acknowledged) assert.deepEqual(bySubmission.get(submissionId), [rowId], `submission ${submissionId} stored once as its confirmed row`);
      assert.equal(rows.length, PLANNED, 'every planned submission stored exactly once');
    } finally {
      await client.end();
    }
    const lost = bot.lines.filter((l) => l.event === 'postgres-connection-lost').length;
    console.log(`      ${STOPS.length} stops: ${acknowledged.size} confirmed, ${apologies} apologies, ${lost} lost connections logged`);
    await bot.stop();
    bot = undefined;
  });

  it('/readyz: 503 naming store while the server refuses writes (read-only, as a standby after a failover) or is down; 200 again after', async function () {
    const database = await openDatabase(pg!.url, { baseDir: process.cwd() });
    const running = await startRunningApp({ database });
    const admin = new Client({ connectionString: pg!.url });
    admin.on('error', () => undefined);
    const readyz = async () => (await (await fetch(`${running.baseUrl}/readyz`)).json()) as { failing: string[] };
    const setReadOnly = async (on: boolean) => {
      await admin.query(on ? 'ALTER SYSTEM SET default_transaction_read_only = on' : 'ALTER SYSTEM RESET default_transaction_read_only');
      await admin.query('SELECT pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 300));
    };
    try {
      await admin.connect();
      assert.deepEqual((await readyz()).failing, []);
      await setReadOnly(true);
      assert.deepEqual((await readyz()).failing, ['store'], 'reads work, writes do not: not ready');
      await setReadOnly(false);
      assert.deepEqual((await readyz()).failing, []);
      await admin.end();
      await pg!.stop('fast');
      assert.ok((await readyz()).failing.includes('store'));
      await pg!.start();
      assert.deepEqual((await readyz()).failing, [], 'the pool reconnects by itself');
    } finally {
      await admin.end().catch(() => undefined);
      await running.close();
      await database.close();
    }
  });
});
