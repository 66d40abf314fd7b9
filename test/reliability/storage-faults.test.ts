import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeConnector } from '../helpers/fake-connector';
import { startBotProcess, type BotProcess } from './bot-process';
import { confirmedRowId, planSubmissions, STAFF, submitInvoke } from './submission-storm';

/**
 * Issue 14, item 4: readiness must cover writes, and a SQLite file deleted or replaced under the
 * running bot must never lead to a confirmation of a save a restart would lose. Real processes on
 * real files; disk full and read-only file systems on a tmpfs of the test's own (needs root to
 * mount: skipped with a message otherwise, mandatory on CI).
 */
describe('storage faults: readiness covers writes, no confirmation that is not durable (SQLite, real process)', function () {
  this.timeout(120_000);
  let dir: string;
  let connector: FakeConnector;
  const bots: BotProcess[] = [];
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-faults-'));
    connector = new FakeConnector();
    await connector.start();
  });
  after(async () => {
    for (const bot of bots) await bot.crash();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(file: string): Promise<BotProcess> {
    const bot = await startBotProcess({ DATABASE_URL: `sqlite:${file}`, STAFF_USERS: STAFF.fromAadObjectId });
    bots.push(bot);
    return bot;
  }
  const readyz = async (bot: BotProcess) => {
    const res = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    return { status: res.status, body: (await res.json()) as { status: string; failing: string[] } };
  };

  for (const fault of ['deleted', 'replaced by a copy'] as const) {
    it(`a file ${fault} under the running bot: /readyz 503 naming store, the next save is refused in Danish, never confirmed`, async () => {
      const file = path.join(dir, `${fault.split(' ')[0]}.sqlite`);
      const bot = await start(file);
      const [first, second] = await planSubmissions([bot], connector.serviceUrl, 2);
      assert.equal((await readyz(bot)).status, 200);
      assert.ok(confirmedRowId(await bot.post(submitInvoke(connector.serviceUrl, first!))) !== undefined, 'saved before the fault');

      if (fault === 'deleted') unlinkSync(file);
      else {
        copyFileSync(file, `${file}.copy`);
        renameSync(`${file}.copy`, file); // same content, new inode: a restore copied over the file
      }
      const ready = await readyz(bot);
      assert.equal(ready.status, 503);
      assert.deepEqual(ready.body, { status: 'not ready', failing: ['store'] });

      const answer = await bot.post(submitInvoke(connector.serviceUrl, second!));
      assert.equal(confirmedRowId(answer), undefined, 'no confirmation of a save that is not durable');
      const r = JSON.parse(answer.body) as { statusCode: number; value: unknown };
      assert.equal(r.statusCode, 200);
      assert.match(String(r.value), /^Målingen er IKKE gemt: .*\(Reference: \w+\)$/);
      // The log line is written before the answer, but read from the child's stdout a moment later.
      for (let i = 0; i < 50 && !bot.lines.some((l) => l.event === 'store-file-changed'); i++) await new Promise((r) => setTimeout(r, 20));
      const logged = bot.lines.find((l) => l.event === 'store-file-changed');
      assert.ok(logged, 'the operator gets an error line');
      assert.equal(logged.level, 50);
      assert.equal(bot.child.exitCode, null);
    });
  }

  describe('on a file system of its own (tmpfs)', function () {
    let mountPoint: string;
    before(function () {
      if (process.getuid?.() !== 0) {
        if (process.env.CI === 'true') throw new Error('the disk-full and read-only tests mount a tmpfs and need root — mandatory on CI');
        console.warn('      not root: skipping the disk-full and read-only file-system tests (they mount a tmpfs)');
        this.skip();
      }
      mountPoint = path.join(dir, 'mnt');
      mkdirSync(mountPoint);
    });
    const mount = (options: string) => execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint]);
    const umount = () => execFileSync('umount', ['-l', mountPoint]);

    it('disk full: /readyz 503 naming store; ready again once there is room', async () => {
      mount('size=8m');
      try {
        const bot = await start(path.join(mountPoint, 'full.sqlite'));
        assert.equal((await readyz(bot)).status, 200);
        const filler = path.join(mountPoint, 'filler');
        try {
          execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
        } catch {
          // dd stops with ENOSPC: that is the point
        }
        assert.deepEqual((await readyz(bot)).body, { status: 'not ready', failing: ['store'] });
        unlinkSync(filler);
        assert.equal((await readyz(bot)).status, 200);
        await bot.stop();
      } finally {
        umount();
      }
    });

    it('a read-only data directory at startup: one plain sentence, exit 1, no stack trace', async () => {
      mount('size=1m');
      try {
        execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
        await assert.rejects(start(path.join(mountPoint, 'data', 'maalbot.sqlite')), (err: Error) => {
          const stderr = err.message.split('\n').slice(1).join('\n').trim();
          assert.match(stderr, /^Databasen .*maalbot\.sqlite kan ikke bruges: .+\. Ret rettighederne/);
          assert.equal(stderr.split('\n').length, 1, stderr);
          assert.doesNotMatch(stderr, /\n\s+at |Error:/);
          return true;
        });
      } finally {
        umount();
      }
    });

    it('a database file on a read-only file system at startup: refused with one sentence, never ready', async () => {
      mount('size=8m');
      try {
        const file = path.join(mountPoint, 'ro.sqlite');
        const bot = await start(file);
        await bot.stop();
        execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
        let started: BotProcess | undefined;
        try {
          started = await start(file);
        } catch (err) {
          assert.match((err as Error).message, /Databasen .* kan ikke bruges: /);
          assert.doesNotMatch((err as Error).message, /\n\s+at /);
        }
        if (started !== undefined) assert.deepEqual((await readyz(started)).body, { status: 'not ready', failing: ['store'] });
        await started?.stop();
      } finally {
        umount();
      }
    });
  });

});
