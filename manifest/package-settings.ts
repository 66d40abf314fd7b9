import type { ManifestValues } from './teams-manifest';

/**
 * What `npm run package` reads from the environment to fill in the manifest. One pure function,
 * like config/read-config.ts: every problem is collected and reported at once, each naming its
 * variable and how to fix it.
 */

export class PackageSettingsError extends Error {
  readonly code = 'PACKAGE_SETTINGS_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Teams-app-pakken kan ikke bygges:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageSettingsError';
  }
}

/** The variables, for the README and the script's help text. */
export const PACKAGE_VARIABLES = {
  TEAMS_APP_ID: 'Teams-appens id: et GUID, du laver ÉN gang og beholder for alle versioner, fx `node -e "console.log(crypto.randomUUID())"`',
  MicrosoftAppId: 'Azure Bot-ressourcens Microsoft App ID (Azure-portalen → din Azure Bot → Configuration; for en managed identity dens client id)',
  TEAMS_APP_VERSION: 'en version som 1.2.0, højere end den sidst uploadede pakke (valgfri; standard: versionen i package.json)',
  DEVELOPER_NAME: 'et navn på højst 32 tegn (valgfri; standard "Erhvervshus Sydjylland")',
  DEVELOPER_WEBSITE_URL: 'en https://-adresse på udgiverens hjemmeside',
  DEVELOPER_PRIVACY_URL: 'en https://-adresse på privatlivspolitikken',
  DEVELOPER_TERMS_URL: 'en https://-adresse på brugsbetingelserne',
  APP_BASE_URL: 'den https://-adresse botten kører på, fx https://maalbot.azurewebsites.net (valgfri; værtsnavnet kommer i validDomains)',
  GRAPH_CLIENT_ID: 'Entra-appens (client) id til Microsoft Graph (valgfri; slår aktivitetsfeed-notifikationer til: webApplicationInfo + activities)',
} as const;

export type PackageVariable = keyof typeof PACKAGE_VARIABLES;

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;
const DEFAULT_DEVELOPER_NAME = 'Erhvervshus Sydjylland';

export function readPackageSettings(env: NodeJS.ProcessEnv, defaults: { version: string }): ManifestValues {
  const problems: string[] = [];
  const value = (name: PackageVariable): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const problem = (name: PackageVariable, what: string) => problems.push(`${name}: ${what} — sæt den til ${PACKAGE_VARIABLES[name]}`);

  const guid = (name: PackageVariable, required: boolean): string | undefined => {
    const v = value(name);
    if (v === undefined) {
      if (required) problem(name, 'mangler');
      return undefined;
    }
    if (!GUID.test(v)) {
      problem(name, `"${v}" er ikke et GUID (8-4-4-4-12 hexcifre)`);
      return undefined;
    }
    return v.toLowerCase();
  };
  const httpsUrl = (name: PackageVariable, required: boolean): URL | undefined => {
    const v = value(name);
    if (v === undefined) {
      if (required) problem(name, 'mangler');
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      problem(name, `"${v}" er ikke en URL`);
      return undefined;
    }
    if (url.protocol !== 'https:') {
      problem(name, `"${v}" skal begynde med https:// (Teams godtager kun https)`);
      return undefined;
    }
    if (v.length > 2048) {
      problem(name, 'er længere end 2048 tegn');
      return undefined;
    }
    return url;
  };

  const appId = guid('TEAMS_APP_ID', true);
  const botId = guid('MicrosoftAppId', true);
  const graphAppId = guid('GRAPH_CLIENT_ID', false);

  const version = value('TEAMS_APP_VERSION') ?? defaults.version;
  if (!SEMVER.test(version)) problem('TEAMS_APP_VERSION', `"${version}" er ikke en version som 1.2.0`);

  const developerName = value('DEVELOPER_NAME') ?? DEFAULT_DEVELOPER_NAME;
  if (developerName.length > 32) problem('DEVELOPER_NAME', `"${developerName}" er længere end 32 tegn`);

  const websiteUrl = httpsUrl('DEVELOPER_WEBSITE_URL', true);
  const privacyUrl = httpsUrl('DEVELOPER_PRIVACY_URL', true);
  const termsOfUseUrl = httpsUrl('DEVELOPER_TERMS_URL', true);
  const baseUrl = httpsUrl('APP_BASE_URL', false);

  if (problems.length > 0 || appId === undefined || botId === undefined || !websiteUrl || !privacyUrl || !termsOfUseUrl) {
    throw new PackageSettingsError(problems);
  }
  return {
    appId,
    version,
    botId,
    developer: { name: developerName, websiteUrl: websiteUrl.href, privacyUrl: privacyUrl.href, termsOfUseUrl: termsOfUseUrl.href },
    validDomains: baseUrl ? [baseUrl.host] : [],
    graphAppId,
  };
}
