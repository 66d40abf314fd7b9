import crypto from 'node:crypto';
import { Client, type PoolConfig } from 'pg';

/**
 * The PostgreSQL the store tests use: a local server with trust auth, database `test`.
 * TEST_DATABASE_URL overrides it (e.g. another port on a developer machine).
 * Each run works in its own schema, so parallel runs and leftover tables never meet.
 */
const CANDIDATE_URLS = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

const where = (() => {
  const u = new URL(CANDIDATE_URLS[0]!);
  return `${u.hostname}:${u.port || '5432'}`;
})();

export const POSTGRES_SKIP_MESSAGE = `PostgreSQL not reachable at ${where} — skipping PostgreSQL store tests; set up a server to run them`;

let reachable: Promise<string | undefined> | undefined;

async function tryConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  // A refused connection can also surface as an 'error' event; without a listener it would throw.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The first candidate URL that answers (postgres, then root), cached for the run. */
function reachableUrl(): Promise<string | undefined> {
  reachable ??= (async () => {
    for (const url of CANDIDATE_URLS) if (await tryConnect(url)) return url;
    return undefined;
  })();
  return reachable;
}

/** True when a test server answers within 2 s. */
export async function postgresAvailable(): Promise<boolean> {
  return (await reachableUrl()) !== undefined;
}

export interface TempSchema {
  /** maalbot_test_<random>, already created. */
  schema: string;
  connectionString: string;
  /** Pass to a pool or client so every connection works in the schema. */
  poolConfig: Pick<PoolConfig, 'options'>;
  /** DROP SCHEMA … CASCADE. Safe to call twice. */
  drop(): Promise<void>;
}

async function admin<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty schema; the caller drops it (see withTempSchema). */
export async function createTempSchema(): Promise<TempSchema> {
  const url = await reachableUrl();
  if (url === undefined) throw new Error(POSTGRES_SKIP_MESSAGE);
  // Lower-case hex only, so the name needs no quoting anywhere.
  const schema = `maalbot_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
  let dropped = false;
  return {
    schema,
    connectionString: url,
    // TimeZone as a Danish server would have it: dates must not shift at midnight.
    poolConfig: { options: `-c search_path=${schema} -c TimeZone=Europe/Copenhagen` },
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

/** Runs `fn` in a fresh schema and drops the schema afterwards, also when `fn` throws. */
export async function withTempSchema<T>(fn: (s: TempSchema) => Promise<T>): Promise<T> {
  const s = await createTempSchema();
  try {
    return await fn(s);
  } finally {
    await s.drop();
  }
}

/**
 * For a mocha `before` (a `function`, not an arrow, so `this` is the context):
 * skip the suite when no server answers — but fail on CI, where a server is always provided.
 */
export async function requirePostgresOrSkip(ctx: Mocha.Context): Promise<void> {
  if (await postgresAvailable()) return;
  if (process.env.CI) {
    throw new Error(`${POSTGRES_SKIP_MESSAGE.split(' — ')[0]} and CI is set: the CI job must provide a server`);
  }
  console.warn(`\n  ${POSTGRES_SKIP_MESSAGE}\n`);
  ctx.skip();
}
