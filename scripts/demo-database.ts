/**
 * Where `npm run seed:demo` writes: its own SQLite file, never the bot's real database, so demo
 * rows cannot mix with real measurements (rows are append-only; there would be no clean way out).
 * DEMO_DATABASE_URL overrides it (any DATABASE_URL form, e.g. a PostgreSQL test database).
 */
export const DEFAULT_DEMO_DATABASE_URL = 'sqlite:data/demo.sqlite';

export function demoDatabaseUrl(env: NodeJS.ProcessEnv): string {
  const given = env.DEMO_DATABASE_URL?.trim() ?? '';
  return given === '' ? DEFAULT_DEMO_DATABASE_URL : given;
}
