/**
 * `npm run package [-- --out FILE] [--env-file FILE | --no-env-file]`: builds the Teams app
 * package (build/maalbot-teams-app.zip by default) from the environment. A `.env` in the project
 * root is read first when it exists; variables already set in the environment win.
 * Exit code 0 with a summary, or 1 with every problem (each naming its variable and the fix).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { projectRoot } from '../goals/default-contract';
import { AppPackageError, buildAppPackage, DEFAULT_PACKAGE_FILE } from '../manifest/app-package';
import { PackageSettingsError } from '../manifest/package-settings';

interface Args {
  outFile: string;
  envFile: string | undefined;
}

function parseArgs(argv: readonly string[], root: string): Args {
  let outFile = path.join(root, DEFAULT_PACKAGE_FILE);
  let envFile: string | undefined = path.join(root, '.env');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} kræver en værdi`);
      return v;
    };
    if (arg === '--out') outFile = path.resolve(next());
    else if (arg === '--env-file') envFile = path.resolve(next());
    else if (arg === '--no-env-file') envFile = undefined;
    else throw new UsageError(`ukendt argument "${arg}"`);
  }
  return { outFile, envFile };
}

class UsageError extends Error {}

function environment(envFile: string | undefined): NodeJS.ProcessEnv {
  if (envFile === undefined || !existsSync(envFile)) return process.env;
  return { ...parseEnv(readFileSync(envFile, 'utf8')), ...process.env };
}

async function main(): Promise<number> {
  const root = projectRoot();
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), root);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`npm run package: ${err.message}\nBrug: npm run package -- [--out FILE] [--env-file FILE | --no-env-file]`);
    return 2;
  }
  try {
    const built = await buildAppPackage({ env: environment(args.envFile), outFile: args.outFile, root });
    const m = built.manifest;
    const bot = (m.bots as Array<{ botId: string }>)[0];
    const shown = path.relative(process.cwd(), built.outFile);
    console.log(`Skrev ${shown.startsWith('..') ? built.outFile : shown} (${built.bytes} bytes): manifest.json, color.png, outline.png`);
    console.log(`  Teams-app-id ${m.id}, version ${m.version}, bot ${bot?.botId}`);
    console.log(m.webApplicationInfo ? '  Aktivitetsfeed: slået til (GRAPH_CLIENT_ID)' : '  Aktivitetsfeed: slået fra (sæt GRAPH_CLIENT_ID for at slå den til)');
    const domains = m.validDomains as string[];
    if (domains.length > 0) console.log(`  Botten svarer på https://${domains[0]}/api/messages — samme adresse som Messaging endpoint i Azure Bot.`);
    console.log('Upload pakken i Teams (Apps → Administrer dine apps → Upload en app) eller i Teams Admin Center; se docs/deploy.md.');
    return 0;
  } catch (err) {
    if (err instanceof PackageSettingsError || err instanceof AppPackageError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('npm run package fejlede:', err);
    process.exitCode = 1;
  },
);
