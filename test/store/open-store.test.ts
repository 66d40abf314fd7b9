import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DatabaseUrlError,
  KNOWN_MIGRATION_VERSIONS,
  describeDatabaseTarget,
  openStore,
  parseDatabaseUrl,
} from '../../store/open-store';
import type { Logger } from '../../core/ports/logger';
import { newMeasurement } from './store-contract';

const BASE = '/srv/maalbot';

describe('parseDatabaseUrl', function () {
  const cases: Array<[string | undefined, ReturnType<typeof parseDatabaseUrl>]> = [
    [undefined, { kind: 'sqlite', file: '/srv/maalbot/data/maalbot.sqlite' }],
    ['', { kind: 'sqlite', file: '/srv/maalbot/data/maalbot.sqlite' }],
    ['   ', { kind: 'sqlite', file: '/srv/maalbot/data/maalbot.sqlite' }],
    ['sqlite:data/other.sqlite', { kind: 'sqlite', file: '/srv/maalbot/data/other.sqlite' }],
    ['sqlite:./x.db', { kind: 'sqlite', file: '/srv/maalbot/x.db' }],
    ['sqlite://./data/x.db', { kind: 'sqlite', file: '/srv/maalbot/data/x.db' }],
    ['sqlite:///var/lib/maalbot/m.sqlite', { kind: 'sqlite', file: '/var/lib/maalbot/m.sqlite' }],
    ['sqlite:/var/lib/maalbot/m.sqlite', { kind: 'sqlite', file: '/var/lib/maalbot/m.sqlite' }],
    ['sqlite:../shared/målbot.sqlite', { kind: 'sqlite', file: '/srv/shared/målbot.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', file: ':memory:' }],
    ['sqlite://:memory:', { kind: 'sqlite', file: ':memory:' }],
    ['postgres://bot:hemmelig@db.internal:5432/maalbot', { kind: 'postgres', url: 'postgres://bot:hemmelig@db.internal:5432/maalbot' }],
    ['postgresql://db.internal/maalbot?sslmode=require', { kind: 'postgres', url: 'postgresql://db.internal/maalbot?sslmode=require' }],
    [' postgres://localhost/test ', { kind: 'postgres', url: 'postgres://localhost/test' }],
  ];
  for (const [url, expected] of cases) {
    it(`reads ${JSON.stringify(url)}`, function () {
      assert.deepEqual(parseDatabaseUrl(url, BASE), expected);
    });
  }

  const bad = [
    'mysql://root:hemmelig@localhost/maalbot',
    'data/maalbot.sqlite',
    'sqlite:',
    'sqlite://',
    'postgres:bot:hemmelig@host/db',
    'postgres://:hemmelig@/db',
    'http://hemmelig@example.com',
  ];
  for (const url of bad) {
    it(`refuses ${JSON.stringify(url)} naming DATABASE_URL and the accepted forms, without the password`, function () {
      assert.throws(
        () => parseDatabaseUrl(url, BASE),
        (err: unknown) => {
          assert.ok(err instanceof DatabaseUrlError);
          assert.equal(err.code, 'DATABASE_URL_INVALID');
          assert.match(err.message, /^DATABASE_URL /);
          assert.match(err.message, /sqlite:PATH/);
          assert.match(err.message, /postgres:\/\//);
          assert.doesNotMatch(err.message, /hemmelig/);
          return true;
        },
      );
    });
  }

  it('describes a PostgreSQL target for logs without user or password', function () {
    const target = parseDatabaseUrl('postgres://bot:hemmelig@db.internal:5433/maalbot', BASE);
    assert.equal(describeDatabaseTarget(target), 'postgres://db.internal:5433/maalbot');
  });
});

describe('openStore', function () {
  let dir: string;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maalbot-open-'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the default SQLite file under the base dir, migrated, and logs it', async function () {
    const lines: Array<{ obj: object; msg: string }> = [];
    const logger: Logger = {
      child: () => logger,
      info: (obj, msg) => lines.push({ obj, msg }),
      warn: (obj, msg) => lines.push({ obj, msg }),
      error: (obj, msg) => lines.push({ obj, msg }),
    };
    const store = await openStore(undefined, { baseDir: dir, logger });
    try {
      assert.equal(store.kind, 'sqlite');
      assert.deepEqual(await store.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
      await store.appendMeasurement(newMeasurement());
      assert.ok(fs.existsSync(path.join(dir, 'data', 'maalbot.sqlite')));
      assert.deepEqual(
        lines.map((l) => l.msg),
        [...KNOWN_MIGRATION_VERSIONS.map(() => 'applied migration'), 'store opened'],
      );
    } finally {
      await store.close();
    }
  });

  it('opens sqlite::memory: for tests', async function () {
    const store = await openStore('sqlite::memory:', { baseDir: dir });
    try {
      assert.equal(store.kind, 'sqlite');
      assert.equal((await store.listMeasurements('x')).length, 0);
    } finally {
      await store.close();
    }
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('rejects an unsupported DATABASE_URL before touching anything', async function () {
    await assert.rejects(openStore('mongodb://x', { baseDir: dir }), DatabaseUrlError);
  });

  it('reports a PostgreSQL server that does not answer, with the pg error', async function () {
    await assert.rejects(
      openStore('postgres://nobody@127.0.0.1:1/none', { baseDir: dir }),
      (err: unknown) => err instanceof Error && /ECONNREFUSED/.test(String((err as { code?: string }).code ?? err.message)),
    );
  });
});
