import { z } from 'zod';
import { readTenantPolicy } from './read-tenant-policy';
import type { TenantPolicy } from '../core/access/tenant-policy';
import { DEFAULT_CONTRACTS_FOLDER } from '../goals/default-contract';
import { OperatorError } from '../goals/operator-error';
import { readGraphConfig, type GraphConfig } from './read-graph-config';
import { policyGroupIds } from '../core/access/access-policy';
import { readAccessPolicy } from './read-access-policy';
import { readReminderConfig, type ReminderConfig } from './read-reminder-config';
import { readFileLinkConfig, type FileLinkConfig } from './read-file-link-config';
import type { AccessPolicy } from '../core/access/access-policy';

/**
 * All configuration comes from the environment through this one pure function.
 * Every variable has a default that works for a local run, or fails with a message that
 * names it and says how to fix it. The README's table and .env.example list the same variables.
 */

export class ConfigError extends OperatorError {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: string[]) {
    super(`Målbot kan ikke starte: konfigurationen er ugyldig.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const envSchema = z.object({
  MAALBOT_MODE: z.preprocess(
    emptyToUndefined,
    z.enum(['local', 'production'], { message: 'skal være "local" eller "production"' }).default('local'),
  ),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'skal være et portnummer' }).int('skal være et heltal').min(0).max(65535, 'skal være 0–65535').default(3978),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], { message: 'skal være SingleTenant, MultiTenant eller UserAssignedMSI' }).default('SingleTenant'),
  ),
  MicrosoftAppTenantId: optionalString,
  DATABASE_URL: optionalString,
  // A folder of contract files (one per contract year), or a single file.
  CONTRACT_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_CONTRACTS_FOLDER)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'skal være fatal, error, warn, info, debug, trace eller silent' }).default('info'),
  ),
  MAX_BODY_BYTES: z.preprocess(emptyToUndefined, z.coerce.number({ message: 'skal være et antal bytes' }).int().min(1024, 'mindst 1024').default(262_144)),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    emptyToUndefined,
    z.string().regex(/InstrumentationKey=[0-9a-f-]{36}/i, 'er ikke en Application Insights-forbindelsesstreng (InstrumentationKey=…;IngestionEndpoint=…) – kopiér den fra Application Insights-ressourcens oversigt').optional(),
  ),
  OUTBOUND_TIMEOUT_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'skal være et antal sekunder' }).int('skal være et helt antal sekunder').min(1, 'mindst 1').max(120, 'højst 120').default(15),
  ),
  TIME_ZONE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((tz) => isKnownTimeZone(tz), 'er ikke en kendt IANA-tidszone (fx Europe/Copenhagen)')
      .default('Europe/Copenhagen'),
  ),
});

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('da-DK', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface BotCredentials {
  appId: string;
  appPassword: string | undefined;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  tenantId: string | undefined;
}

export interface AppConfig {
  mode: 'local' | 'production';
  port: number;
  host: string;
  /** Undefined in local mode without credentials: authentication is then OFF (see platform notes). */
  credentials: BotCredentials | undefined;
  databaseUrl: string | undefined;
  /** CONTRACT_FILE: a folder of contract files (every contract year) or one file. */
  contractFile: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  /** Longest wait for one call to the Bot Connector (retries included) or one Graph attempt (OUTBOUND_TIMEOUT_SECONDS). */
  outboundTimeoutMs: number;
  timeZone: string;
  /** Tenants allowed to reach the bot (ALLOWED_TENANT_IDS); see config/read-tenant-policy.ts. */
  tenantPolicy: TenantPolicy;
  /** Microsoft Graph (calendar sync, activity feed); undefined = off. See config/read-graph-config.ts. */
  graph: GraphConfig | undefined;
  /** Who may record measurements (STAFF_USERS) and administer (ADMIN_USERS); see config/read-access-policy.ts. */
  access: AccessPolicy;
  /** Reminders: the schedule file and delivery rates; see config/read-reminder-config.ts. */
  reminders: ReminderConfig;
  /** Download links for the report and the export (APP_BASE_URL, FILE_LINK_SECRET, FILE_LINK_MINUTES); see config/read-file-link-config.ts. */
  files: FileLinkConfig;
  /** Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING); undefined = no telemetry, nothing loaded. */
  telemetry: { connectionString: string } | undefined;
}

const HOW_TO_FIX: Record<string, string> = {
  MicrosoftAppId: 'sæt den til Azure Bot-registreringens app-id (se docs/deploy.md), eller kør med MAALBOT_MODE=local',
  MicrosoftAppPassword: 'sæt klienthemmeligheden fra Entra-app-registreringen',
  MicrosoftAppTenantId: 'sæt tenant-id for en SingleTenant- eller UserAssignedMSI-bot',
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // The readers below check their own variables from env directly: report their problems too, so
    // one start names every problem rather than one per attempt.
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (fundet: ${JSON.stringify(env[String(i.path[0])] ?? '')})`);
    for (const more of [readGraphConfig(env).problems, readAccessPolicy(env).problems, readReminderConfig(env).problems]) problems.push(...more);
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  const problems: string[] = [];

  let credentials: BotCredentials | undefined;
  if (e.MicrosoftAppId !== undefined) {
    credentials = { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId };
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && e.MicrosoftAppPassword === undefined) {
      problems.push(`MicrosoftAppPassword: mangler, når MicrosoftAppId er sat — ${HOW_TO_FIX.MicrosoftAppPassword}`);
    }
    if (e.MicrosoftAppType !== 'MultiTenant' && e.MicrosoftAppTenantId === undefined) {
      problems.push(`MicrosoftAppTenantId: mangler for MicrosoftAppType=${e.MicrosoftAppType} — ${HOW_TO_FIX.MicrosoftAppTenantId}`);
    }
  } else if (e.MicrosoftAppPassword !== undefined) {
    problems.push(`MicrosoftAppId: mangler, men MicrosoftAppPassword er sat — ${HOW_TO_FIX.MicrosoftAppId}`);
  }
  if (e.MAALBOT_MODE === 'production' && credentials === undefined) {
    problems.push(`MicrosoftAppId: produktionstilstand kræver bot-legitimation (uden den er autentificering slået fra) — ${HOW_TO_FIX.MicrosoftAppId}`);
  }
  const graph = readGraphConfig(env);
  problems.push(...graph.problems);
  const tenants = readTenantPolicy(env, credentials);
  problems.push(...tenants.problems);
  const access = readAccessPolicy(env);
  problems.push(...access.problems);
  if (graph.graph === undefined && policyGroupIds(access.policy).length > 0) {
    problems.push('STAFF_GROUP_IDS/ADMIN_GROUP_IDS: gruppemedlemskab slås op i Microsoft Graph, som er slået fra — sæt GRAPH_TENANT_ID, GRAPH_CLIENT_ID og GRAPH_CLIENT_SECRET (tilladelserne User.Read.All og GroupMember.Read.All), eller brug STAFF_USERS/ADMIN_USERS');
  }
  const reminders = readReminderConfig(env);
  problems.push(...reminders.problems);
  const files = readFileLinkConfig(env, e.MAALBOT_MODE);
  problems.push(...files.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode: e.MAALBOT_MODE,
    port: e.PORT,
    host: e.HOST,
    credentials,
    databaseUrl: e.DATABASE_URL,
    contractFile: e.CONTRACT_FILE,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    outboundTimeoutMs: e.OUTBOUND_TIMEOUT_SECONDS * 1000,
    timeZone: e.TIME_ZONE,
    tenantPolicy: tenants.policy,
    graph: graph.graph,
    access: access.policy,
    reminders: reminders.reminders,
    files: files.files,
    telemetry: e.APPLICATIONINSIGHTS_CONNECTION_STRING === undefined ? undefined : { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
  };
}
