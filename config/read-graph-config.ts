/**
 * The optional Microsoft Graph part of the configuration (README: "Microsoft Graph (optional)").
 * Kept apart from readConfig so the Graph rules live in one place; readConfig merges the result.
 * Graph is off unless GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET are all set.
 */

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** User id or UPN whose calendar holds the directors' meeting; undefined = no calendar sync. */
  meetingOrganizer: string | undefined;
  /** Entra object ids that get Teams activity-feed notifications; empty = no feed notifications. */
  directorUserIds: string[];
  /** Only for tests (loopback) and sovereign clouds; undefined = https://graph.microsoft.com/. */
  baseUrl: string | undefined;
}

export interface GraphConfigResult {
  graph: GraphConfig | undefined;
  problems: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A tenant may be given by its verified domain (contoso.onmicrosoft.com) as well as by its GUID.
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const UPN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const CREDENTIAL_VARIABLES = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const;

const HOW_TO_FIX: Record<(typeof CREDENTIAL_VARIABLES)[number], string> = {
  GRAPH_TENANT_ID: 'sæt den til tenant-id (GUID eller domæne) for Entra-app-registreringen, der har Graph-tilladelserne',
  GRAPH_CLIENT_ID: 'sæt den til app-registreringens "Application (client) ID"',
  GRAPH_CLIENT_SECRET: 'sæt en klienthemmelighed fra app-registreringen (Certificates & secrets)',
};

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readGraphConfig(env: NodeJS.ProcessEnv): GraphConfigResult {
  const problems: string[] = [];
  const tenantId = value(env, 'GRAPH_TENANT_ID');
  const clientId = value(env, 'GRAPH_CLIENT_ID');
  const clientSecret = value(env, 'GRAPH_CLIENT_SECRET');
  const meetingOrganizer = value(env, 'GRAPH_MEETING_ORGANIZER');
  const directorList = value(env, 'GRAPH_DIRECTOR_USER_IDS');
  const baseUrl = value(env, 'GRAPH_BASE_URL');

  const given = { GRAPH_TENANT_ID: tenantId, GRAPH_CLIENT_ID: clientId, GRAPH_CLIENT_SECRET: clientSecret };
  const present = CREDENTIAL_VARIABLES.filter((name) => given[name] !== undefined);
  if (present.length === 0) {
    // Graph is off. Settings that only make sense with Graph are a sign of a half-done setup.
    const orphans = [
      ['GRAPH_MEETING_ORGANIZER', meetingOrganizer],
      ['GRAPH_DIRECTOR_USER_IDS', directorList],
      ['GRAPH_BASE_URL', baseUrl],
    ].filter(([, v]) => v !== undefined);
    for (const [name] of orphans) {
      problems.push(`${name}: er sat, men Microsoft Graph er slået fra — sæt også GRAPH_TENANT_ID, GRAPH_CLIENT_ID og GRAPH_CLIENT_SECRET, eller fjern ${name}`);
    }
    return { graph: undefined, problems };
  }
  for (const name of CREDENTIAL_VARIABLES) {
    if (given[name] === undefined) {
      problems.push(`${name}: mangler — Graph kræver alle tre af GRAPH_TENANT_ID, GRAPH_CLIENT_ID og GRAPH_CLIENT_SECRET (${present.join(', ')} er sat); ${HOW_TO_FIX[name]}`);
    }
  }
  if (tenantId !== undefined && !GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    problems.push(`GRAPH_TENANT_ID: skal være et GUID eller et domæne som contoso.onmicrosoft.com (fundet: ${JSON.stringify(tenantId)})`);
  }
  if (clientId !== undefined && !GUID.test(clientId)) {
    problems.push(`GRAPH_CLIENT_ID: skal være et GUID (fundet: ${JSON.stringify(clientId)})`);
  }
  if (meetingOrganizer !== undefined && !GUID.test(meetingOrganizer) && !UPN.test(meetingOrganizer)) {
    problems.push(`GRAPH_MEETING_ORGANIZER: skal være brugerens objekt-id (GUID) eller UPN som direktoer@erhvervshus.dk (fundet: ${JSON.stringify(meetingOrganizer)})`);
  }

  const directorUserIds: string[] = [];
  if (directorList !== undefined) {
    for (const entry of directorList.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      if (!GUID.test(entry)) {
        problems.push(`GRAPH_DIRECTOR_USER_IDS: "${entry}" er ikke et Entra-objekt-id (GUID); angiv en kommasepareret liste af objekt-id'er`);
      } else if (!directorUserIds.includes(entry.toLowerCase())) {
        directorUserIds.push(entry.toLowerCase());
      }
    }
  }

  if (baseUrl !== undefined) {
    const problem = baseUrlProblem(baseUrl);
    if (problem !== undefined) problems.push(`GRAPH_BASE_URL: ${problem} (fundet: ${JSON.stringify(baseUrl)})`);
  }

  if (problems.length > 0 || tenantId === undefined || clientId === undefined || clientSecret === undefined) {
    return { graph: undefined, problems };
  }
  return {
    graph: { tenantId, clientId, clientSecret, meetingOrganizer, directorUserIds, baseUrl: baseUrl === undefined ? undefined : normalizeBaseUrl(baseUrl) },
    problems,
  };
}

function baseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'er ikke en URL';
  }
  // Over plain http the Graph client attaches no token (good for a loopback fake); anywhere
  // else http would be a misconfiguration that silently fails, so refuse it.
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'skal bruge https (http kun til 127.0.0.1/localhost i tests)';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'skal være en https-URL';
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return 'skal være roden uden version, fx https://graph.microsoft.us/ (klienten tilføjer selv /v1.0)';
  return undefined;
}

function normalizeBaseUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.protocol}//${url.host}/`;
}
