import { createWriteStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import yazl from 'yazl';
import { appVersion } from '../app/app-version';
import { projectRoot } from '../goals/default-contract';
import { readPackageSettings } from './package-settings';
import { buildTeamsManifest, COLOR_ICON_FILE, OUTLINE_ICON_FILE, type TeamsManifest } from './teams-manifest';
import { manifestSchemaErrors } from './validate-manifest';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './draw-icons';

/** Where `npm run package` writes the package unless told otherwise. */
export const DEFAULT_PACKAGE_FILE = path.join('build', 'maalbot-teams-app.zip');

/** The manifest or an icon would be refused by Teams; `problems` say what and where. */
export class AppPackageError extends Error {
  readonly code = 'APP_PACKAGE_INVALID';
  constructor(summary: string, readonly problems: readonly string[]) {
    super(`${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

export interface BuiltAppPackage {
  outFile: string;
  manifest: TeamsManifest;
  bytes: number;
}

/**
 * Fills the manifest from `env` (manifest/package-settings.ts), validates it against the v1.24
 * schema, checks the icons and writes the zip Teams takes: manifest.json and both icons at its
 * root. Throws PackageSettingsError / AppPackageError with every problem at once.
 */
export async function buildAppPackage(options: { env: NodeJS.ProcessEnv; outFile: string; root?: string }): Promise<BuiltAppPackage> {
  const root = options.root ?? projectRoot();
  const manifest = buildTeamsManifest(readPackageSettings(options.env, { version: appVersion() }));
  const schemaErrors = manifestSchemaErrors(manifest);
  if (schemaErrors.length > 0) throw new AppPackageError('manifest.json er ikke gyldigt mod Teams-skemaet v1.24:', schemaErrors);

  const colorIcon = readFileSync(path.join(root, 'manifest', COLOR_ICON_FILE));
  const outlineIcon = readFileSync(path.join(root, 'manifest', OUTLINE_ICON_FILE));
  const iconProblems = [
    ...iconSizeProblems(COLOR_ICON_FILE, colorIcon, COLOR_ICON_SIZE),
    ...iconSizeProblems(OUTLINE_ICON_FILE, outlineIcon, OUTLINE_ICON_SIZE),
  ];
  if (iconProblems.length > 0) throw new AppPackageError('Ikonerne passer ikke til Teams (tegn dem igen med `npm run icons`):', iconProblems);

  const bytes = await writeZip(options.outFile, [
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')],
    [COLOR_ICON_FILE, colorIcon],
    [OUTLINE_ICON_FILE, outlineIcon],
  ]);
  return { outFile: options.outFile, manifest, bytes };
}

function iconSizeProblems(file: string, png: Buffer, size: number): string[] {
  try {
    const { width, height } = PNG.sync.read(png);
    return width === size && height === size ? [] : [`manifest/${file} er ${width}×${height}; Teams kræver ${size}×${size}`];
  } catch {
    return [`manifest/${file} er ikke en læsbar PNG`];
  }
}

/** Entries at the zip's root, in order; resolves with the file's size once it is on disk. */
async function writeZip(outFile: string, entries: ReadonlyArray<readonly [name: string, data: Buffer]>): Promise<number> {
  mkdirSync(path.dirname(outFile), { recursive: true });
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(outFile);
    zip.outputStream.on('error', reject);
    out.on('error', reject);
    out.on('close', () => resolve());
    zip.outputStream.pipe(out);
  });
  return statSync(outFile).size;
}
