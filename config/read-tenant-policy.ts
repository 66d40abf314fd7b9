import type { TenantPolicy } from '../core/access/tenant-policy';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ALLOWED_TENANT_IDS (comma-separated Entra tenant ids) decides who may talk to the bot.
 * Unset: any tenant in local mode without credentials; with credentials, the bot's own
 * MicrosoftAppTenantId — and if there is none either, nobody (fail closed, warned at startup).
 */
export function readTenantPolicy(
  env: NodeJS.ProcessEnv,
  credentials: { tenantId: string | undefined } | undefined,
): { policy: TenantPolicy; problems: string[] } {
  const raw = env.ALLOWED_TENANT_IDS?.trim();
  if (raw === undefined || raw === '') {
    if (credentials === undefined) return { policy: { kind: 'any' }, problems: [] };
    const own = credentials.tenantId;
    return { policy: { kind: 'only', tenantIds: new Set(own === undefined ? [] : [own.toLowerCase()]) }, problems: [] };
  }
  const ids = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = ids.filter((id) => !GUID.test(id));
  if (bad.length > 0) {
    return {
      policy: { kind: 'only', tenantIds: new Set() },
      problems: [`ALLOWED_TENANT_IDS: ${bad.map((b) => JSON.stringify(b)).join(', ')} er ikke et tenant-id (GUID); angiv kommaseparerede GUID'er, fx 72f988bf-86f1-41af-91ab-2d7cd011db47`],
    };
  }
  return { policy: { kind: 'only', tenantIds: new Set(ids.map((id) => id.toLowerCase())) }, problems: [] };
}
