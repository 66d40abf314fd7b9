import { BOT_COMMANDS } from './bot-commands';
import { ACTIVITY_TYPES_MANIFEST } from '../graph/activity-types-manifest';

/** File names of the icons inside the app package (and in manifest/). */
export const COLOR_ICON_FILE = 'color.png';
export const OUTLINE_ICON_FILE = 'outline.png';
/** The accent colour behind the icons in Teams; also the colour icon's background. */
export const ACCENT_COLOR = '#1B5E7A';
export const MANIFEST_VERSION = '1.24';

/** What differs between installations; everything else is fixed below. */
export interface ManifestValues {
  /** The Teams app id (a GUID you generate once and keep for every version). */
  appId: string;
  /** Semver; raise it for every upload that changes the package. */
  version: string;
  /** The Azure Bot's Microsoft App Id (or the managed identity's client id). */
  botId: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  /** Host names the app may open (the bot's own host). Empty: none declared. */
  validDomains: readonly string[];
  /** The Entra app that calls Microsoft Graph; enables the activity feed. Undefined: no feed. */
  graphAppId: string | undefined;
}

export type TeamsManifest = Record<string, unknown> & { manifestVersion: typeof MANIFEST_VERSION; id: string; version: string };

const FULL_DESCRIPTION = [
  'Målbot kender resultatkontrakten mellem KKR Syddanmark og Erhvervshus Sydjylland: de nummererede mål, deres måltal, baselines, målemetoder og afrapporteringskrav.',
  'Spørg i en kanal, et gruppechat eller en personlig chat, fx "status mål 4", "hvordan går det med kendskab?", "oversigt", "frister" eller "næste møde".',
  'Svarene kommer som kort med mål, baseline, seneste måling og en ærlig status. Medarbejdere kan indberette nye målinger direkte fra kortene, og Målbot kan minde direktørerne om koordinationsmøder og frister.',
].join(' ');

/**
 * The Teams app manifest (schema v1.24) as data: Danish name and descriptions, the bot in team,
 * group chat and personal scope with its command list, and — when a Graph app is configured —
 * webApplicationInfo plus the activity-feed types. Validated against Microsoft's schema by
 * manifest/validate-manifest.ts before packaging.
 */
export function buildTeamsManifest(values: ManifestValues): TeamsManifest {
  const manifest: TeamsManifest = {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: values.version,
    id: values.appId,
    localizationInfo: { defaultLanguageTag: 'da-dk' },
    developer: { ...values.developer },
    name: { short: 'Målbot', full: 'Målbot – resultatkontrakten for Erhvervshus Sydjylland' },
    description: {
      short: 'Status, målinger og frister i resultatkontrakten med KKR Syddanmark',
      full: FULL_DESCRIPTION,
    },
    icons: { color: COLOR_ICON_FILE, outline: OUTLINE_ICON_FILE },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: values.botId,
        scopes: ['team', 'groupChat', 'personal'],
        isNotificationOnly: false,
        // The KKR report and the export are sent as files in personal chats (file consent cards).
        supportsFiles: true,
        supportsCalling: false,
        supportsVideo: false,
        commandLists: [
          {
            scopes: ['team', 'groupChat', 'personal'],
            commands: BOT_COMMANDS.map((c) => ({ title: c.title, description: c.description })),
          },
        ],
      },
    ],
    // identity: the bot sees who asks (role checks); messageTeamMembers: reminders in personal chats.
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [...values.validDomains],
  };
  if (values.graphAppId !== undefined) {
    manifest.webApplicationInfo = { id: values.graphAppId };
    // Declared by the Graph notifier's side (graph/activity-types-manifest.ts), with its template parameters.
    manifest.activities = { activityTypes: ACTIVITY_TYPES_MANIFEST.activityTypes.map((a) => ({ ...a })) };
  }
  return manifest;
}
