import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../store/open-database';
import type { Database } from '../../core/ports/database';

const CONTRACT = 'kkr-syddanmark-sydjylland-2021';
const explanation = (goalId: string, submissionId: string) => ({ contractId: CONTRACT, goalId, text: `Forklaring ${submissionId}`, recordedBy: 'aad-1', recordedByName: 'Lene Holm', submissionId });

/** latestExplanations on SQLite is kept between reads on the greatest explanation id: it must follow every new row, from any connection. */
describe('latest explanations on SQLite, kept between reads', function () {
  let dir: string;
  let a: Database;
  let b: Database;

  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-explanations-'));
    const url = `sqlite:${path.join(dir, 'bot.sqlite')}`;
    a = await openDatabase(url, { baseDir: dir });
    b = await openDatabase(url, { baseDir: dir }); // another instance on the same file
  });

  afterEach(async function () {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const latest = async (d: Database) => (await d.reports.latestExplanations(CONTRACT)).map((e) => [e.goalId, e.submissionId, e.versions]);

  it('shows a new explanation at once, whether this instance or another one stored it', async function () {
    assert.deepEqual(await latest(a), []);
    await a.reports.appendExplanation(explanation('3', 'x1'));
    assert.deepEqual(await latest(a), [['3', 'x1', 1]]);
    assert.deepEqual(await latest(a), [['3', 'x1', 1]], 'read again, unchanged');
    await b.reports.appendExplanation(explanation('3', 'x2'));
    assert.deepEqual(await latest(a), [['3', 'x2', 2]], 'another connection\'s row');
    await b.reports.appendExplanation({ ...explanation('4', 'x3'), contractId: 'other-contract' });
    assert.deepEqual(await latest(a), [['3', 'x2', 2]], 'another contract\'s row changes nothing here');
    assert.deepEqual((await a.reports.latestExplanations('other-contract')).map((e) => e.submissionId), ['x3']);
  });

  it('hands out arrays a caller may change without changing the next answer', async function () {
    await a.reports.appendExplanation(explanation('3', 'x1'));
    const first = await a.reports.latestExplanations(CONTRACT);
    first.pop();
    assert.deepEqual(await latest(a), [['3', 'x1', 1]]);
    const [row] = await a.reports.latestExplanations(CONTRACT);
    assert.ok(Object.isFrozen(row), 'the rows themselves are shared, so frozen');
  });
});
