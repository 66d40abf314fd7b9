/**
 * Which tenants may talk to the bot. A single-tenant app registration does not stop other
 * tenants' Teams from reaching the bot, so the bot filters itself — and fails closed: with
 * credentials set and no tenant configured, nobody gets in.
 */
export type TenantPolicy = { kind: 'any' } | { kind: 'only'; tenantIds: ReadonlySet<string> };

export function tenantAllowed(policy: TenantPolicy, tenantId: string | undefined): boolean {
  if (policy.kind === 'any') return true;
  return tenantId !== undefined && policy.tenantIds.has(tenantId.toLowerCase());
}
