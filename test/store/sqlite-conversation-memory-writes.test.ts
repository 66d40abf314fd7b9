import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { openDatabase } from '../../store/open-database';
import type { Database } from '../../core/ports/database';

const T0 = new Date('2021-10-15T10:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const LIFETIME_S = 30 * 60;
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The SQLite topic store skips a flush whose rows would all be no-ops (the same topic asked again
 * within a minute): counted from outside with a third connection's data_version, which moves on
 * every commit by another connection.
 */
describe('conversation topics on SQLite: unchanged topics commit nothing', function () {
  let dir: string;
  let a: Database;
  let b: Database;
  let observer: BetterSqlite.Database;
  const commits = () => observer.prepare('PRAGMA data_version').pluck().get() as number;

  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-topics-'));
    const url = `sqlite:${path.join(dir, 'bot.sqlite')}`;
    a = await openDatabase(url, { baseDir: dir });
    b = await openDatabase(url, { baseDir: dir }); // a second instance on the same file
    observer = new BetterSqlite(path.join(dir, 'bot.sqlite'), { readonly: true });
  });

  afterEach(async function () {
    observer.close();
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a topic once, again when it changes or its expiry is over a minute behind, and not in between', async function () {
    const remember = async (goalId: string, s: number, fact?: string) => {
      await a.topics.remember('c1', 'anna', { goalId, ...(fact === undefined ? {} : { fact }) }, at(s), at(s + LIFETIME_S));
      await settle();
    };
    await remember('4', 0);
    const first = commits();
    await remember('4', 10);
    await remember('4', 50);
    assert.equal(commits(), first, 'the same topic within a minute: no commit');
    await remember('4', 50, 'target');
    assert.notEqual(commits(), first, 'another fact is written');
    assert.deepEqual(await b.topics.recall('c1', 'anna', at(51)), { goalId: '4', fact: 'target' });
    const second = commits();
    await remember('4', 100, 'target');
    assert.equal(commits(), second, 'its expiry is 50 s behind: still nothing to write');
    await remember('4', 111, 'target');
    assert.notEqual(commits(), second, 'over a minute behind: the expiry moves on');
    assert.deepEqual(await b.topics.recall('c1', 'anna', at(50 + LIFETIME_S + 5)), { goalId: '4', fact: 'target' }, 'the row kept the later expiry');
  });

  it('writes again after another instance changed the row, so its topic does not win by mistake', async function () {
    await a.topics.remember('c1', 'anna', { goalId: '4' }, at(0), at(LIFETIME_S));
    await settle();
    await b.topics.remember('c1', 'anna', { goalId: '3' }, at(5), at(5 + LIFETIME_S));
    await settle();
    assert.deepEqual(await a.topics.recall('c1', 'anna', at(6)), { goalId: '3' });
    // Within the minute, the topic this instance wrote last: the row no longer holds it, so it is written.
    await a.topics.remember('c1', 'anna', { goalId: '4' }, at(10), at(10 + LIFETIME_S));
    await settle();
    assert.deepEqual(await b.topics.recall('c1', 'anna', at(11)), { goalId: '4' });
  });

  it('knows no expiry it did not write: a row another instance left with the same topic is refreshed when due', async function () {
    await b.topics.remember('c1', 'anna', { goalId: '4' }, at(0), at(LIFETIME_S));
    await settle();
    // The same topic 30 s later: the upsert leaves b's row (expiry 30 s behind) as it is.
    await a.topics.remember('c1', 'anna', { goalId: '4' }, at(30), at(30 + LIFETIME_S));
    await settle();
    // 70 s after b's write: the row's expiry is 70 s behind, so it must move on although a's own would be 40 s behind.
    await a.topics.remember('c1', 'anna', { goalId: '4' }, at(70), at(70 + LIFETIME_S));
    await settle();
    assert.deepEqual(await b.topics.recall('c1', 'anna', at(LIFETIME_S + 20)), { goalId: '4' }, 'the expiry moved on to 70 s + lifetime');
  });
});
