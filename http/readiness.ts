import type restify from 'restify';
import type { ContractData } from '../goals/contract-schema';
import type { DatabaseHealth } from '../core/ports/database';
import type { Logger } from '../core/ports/logger';

/** One thing that must hold before the instance takes traffic; `name` is what /readyz reports. */
export interface ReadinessCheck {
  name: string;
  /** Resolves true when ready; false or a rejection means not ready (the reason goes to the log only). */
  ready(): Promise<boolean>;
}

/** A check that hangs (a database that does not answer) counts as not ready after this long. */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

/**
 * store: a round trip to the database answers and a write would go through and be durable (a
 * rolled-back write probe; for SQLite also the same file on disk and free space — see the stores'
 * probeWrite). migrations: every migration this build knows has
 * been applied (a database migrated further by a newer instance during a rolling upgrade still
 * counts as ready: migrations only ever add). contract: the contract is loaded and has goals.
 */
export function defaultReadinessChecks(database: DatabaseHealth, contract: ContractData): ReadinessCheck[] {
  return [
    { name: 'store', ready: async () => (await database.ping(), await database.probeWrite(), true) },
    { name: 'migrations', ready: () => database.migrationsCurrent() },
    { name: 'contract', ready: async () => contract.goals.length > 0 },
  ];
}

/** The names of the checks that fail, in order; [] = ready. Failures are logged with their reason. */
export async function failingReadinessChecks(checks: readonly ReadinessCheck[], logger: Logger, timeoutMs = READINESS_CHECK_TIMEOUT_MS): Promise<string[]> {
  const results = await Promise.all(
    checks.map(async (check) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<boolean>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        const ready = await Promise.race([check.ready(), timeout]);
        if (!ready) logger.warn({ event: 'not-ready', check: check.name }, 'readiness check failed');
        return ready;
      } catch (err) {
        logger.warn({ event: 'not-ready', check: check.name, err }, 'readiness check failed');
        return false;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return checks.filter((_, i) => !results[i]).map((c) => c.name);
}

/** GET /readyz: 200 `{ status: "ready", failing: [] }` or 503 `{ status: "not ready", failing: [names] }`. */
export function readinessRoute(checks: readonly ReadinessCheck[], logger: Logger) {
  return async (_req: restify.Request, res: restify.Response): Promise<void> => {
    const failing = await failingReadinessChecks(checks, logger);
    res.json(failing.length === 0 ? 200 : 503, { status: failing.length === 0 ? 'ready' : 'not ready', failing });
  };
}
