import assert from 'node:assert/strict';
import { DatabaseUrlError, describeDatabaseTarget, parseDatabaseUrl } from '../../store/database-url';

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
