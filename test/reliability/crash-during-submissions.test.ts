import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultContractPath } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';
import { openDatabase } from '../../store/open-database';
import { FakeConnector } from '../helpers/fake-connector';
import { startBotProcess, type BotProcess, type Exit } from './bot-process';
import { assertAcknowledgedStoredOnce, assertRowsComplete } from './measurement-audit';
import { sqliteHealth } from './sqlite-health';
import { confirmedRowId, planSubmissions, runStorm, STAFF, submitInvoke, type PlannedSubmission, type SendResult, type Shot } from './submission-storm';

const CONTRACT_ID = loadContract(defaultContractPath()).id;
/** Forms opened (and so submissions planned); the kill comes after CRASH_AFTER confirmations. */
const PLANNED = 240;
const CRASH_AFTER = 80;
const CONCURRENCY = 24;

/**
 * The real bot process on a SQLite file, killed with SIGKILL in the middle of a storm of form
 * submissions (some of them sent twice at the same instant, as a Teams retry racing the original),
 * then started again on the same file.
 */
describe('crash during a storm of form submissions (SQLite, real process, SIGKILL)', function () {
  this.timeout(90_000);
  let dir: string;
  let connector: FakeConnector;
  const bots: BotProcess[] = [];

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-crash-forms-'));
    connector = new FakeConnector();
    await connector.start();
  });

  after(async function () {
    for (const bot of bots) await bot.crash();
    await connector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged submission is stored exactly once, none half-written; a replay completes the rest once; integrity_check ok', async function () {
    const file = path.join(dir, 'maalbot.sqlite');
    const env = { DATABASE_URL: `sqlite:${file}`, STAFF_USERS: STAFF.fromAadObjectId };
    const first = await startBotProcess(env);
    bots.push(first);

    const plans = await planSubmissions([first], connector.serviceUrl, PLANNED);
    // Every 6th submission is sent twice at once (a Teams retry racing the original).
    const shots: Shot[] = plans.map((submission, i) => (i % 6 === 0 ? [{ submission, via: 0 }, { submission, via: 0 }] : [{ submission, via: 0 }]));
    let crashed: Promise<Exit> | undefined;
    const results = await runStorm({
      bots: [first],
      serviceUrl: connector.serviceUrl,
      shots,
      concurrency: CONCURRENCY,
      stopWhen: (done) => {
        if (new Set(done.filter((r) => r.acknowledged).map((r) => r.submission.submissionId)).size < CRASH_AFTER) return false;
        crashed = first.crash(); // SIGKILL now, with the other sends in flight
        return true;
      },
    });
    assert.deepEqual(await crashed, { code: null, signal: 'SIGKILL' });
    const sent = new Map<string, PlannedSubmission>(results.map((r) => [r.submission.submissionId, r.submission]));
    const cutOff = results.filter((r) => !r.acknowledged);
    assert.ok(cutOff.length > 0, 'the kill cut sends off in flight');

    // The file exactly as the crash left it.
    assert.deepEqual(sqliteHealth(file), { integrity: 'ok', foreignKeyViolations: 0 });

    const second = await startBotProcess(env);
    bots.push(second);
    const database = await openDatabase(`sqlite:${file}`, { baseDir: dir });
    const store = database.measurements;
    try {
      const afterCrash = await store.listMeasurements(CONTRACT_ID);
      assertRowsComplete(afterCrash, sent);
      const tally = assertAcknowledgedStoredOnce(afterCrash, results);
      assert.ok(tally.acknowledged >= CRASH_AFTER, JSON.stringify(tally));

      // Teams shows no confirmation for the cut-off ones, so the user presses "Gem" again — on the
      // restarted bot. Acknowledged ones are pressed again too (a late Teams retry).
      const acknowledged = new Map(results.filter((r) => r.acknowledged).map((r) => [r.submission.submissionId, r.rowId!]));
      const storedBefore = new Map(afterCrash.map((r) => [r.submissionId!, r.id]));
      const replays = [...new Set(cutOff.map((r) => r.submission.submissionId))].filter((id) => !acknowledged.has(id));
      const lateRetries = [...acknowledged.keys()].slice(0, 20);
      const replayed: SendResult[] = [];
      for (const id of [...replays, ...lateRetries]) {
        const answer = await second.post(submitInvoke(connector.serviceUrl, sent.get(id)!));
        const rowId = confirmedRowId(answer);
        assert.ok(rowId !== undefined, `replay of ${id}: ${answer.status} ${answer.body.slice(0, 300)}`);
        // Stored before (acknowledged or not): the replay names that row and stores nothing.
        const earlier = storedBefore.get(id);
        if (earlier !== undefined) assert.equal(rowId, earlier, `replay of ${id} names another row`);
        replayed.push({ submission: sent.get(id)!, via: 0, acknowledged: true, rowId });
      }

      const final = await store.listMeasurements(CONTRACT_ID);
      assertRowsComplete(final, sent);
      assertAcknowledgedStoredOnce(final, [...results, ...replayed]);
      assert.equal(final.length, sent.size, 'every submission sent is stored, exactly once');
      assert.deepEqual(
        final.filter((r) => storedBefore.has(r.submissionId!)).map((r) => r.id),
        afterCrash.map((r) => r.id),
        'the replays added rows only for submissions not stored before',
      );

      if (process.env.RELIABILITY_REPORT) {
        console.log(
          `    [forms/SQLite] sends ${results.length} (${sent.size} submissions), acknowledged ${tally.acknowledged}, ` +
            `cut off ${tally.unacknowledged} (of which stored before the kill answered: ${tally.unacknowledgedButStored}), ` +
            `rows after crash ${afterCrash.length}, after replays ${final.length}, duplicates 0`,
        );
      }
    } finally {
      await database.close();
    }
    assert.deepEqual(await second.stop(), { code: 0, signal: null });
    assert.deepEqual(sqliteHealth(file), { integrity: 'ok', foreignKeyViolations: 0 });
  });
});
