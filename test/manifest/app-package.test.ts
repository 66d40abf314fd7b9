import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAppPackage } from '../../manifest/app-package';
import { PACKAGE_VARIABLES, PackageSettingsError, readPackageSettings } from '../../manifest/package-settings';
import { manifestSchemaErrors } from '../../manifest/validate-manifest';
import { projectRoot } from '../../goals/default-contract';
import { appVersion } from '../../app/app-version';
import { readZip } from '../helpers/read-zip';

const REFERENCE_SCHEMA = path.resolve(projectRoot(), '..', 'shared', 'schemas', 'teams-manifest', 'MicrosoftTeams.v1.24.schema.json');

const ENV: NodeJS.ProcessEnv = {
  TEAMS_APP_ID: '3F0C6A52-8D1E-4C7B-9A3E-2B6D5F4E1A90',
  MicrosoftAppId: '9b7e4d21-5c3a-4f8e-b1d2-6a0c9e8f7b54',
  DEVELOPER_WEBSITE_URL: 'https://www.example.dk',
  DEVELOPER_PRIVACY_URL: 'https://www.example.dk/privatliv',
  DEVELOPER_TERMS_URL: 'https://www.example.dk/vilkaar',
  APP_BASE_URL: 'https://maalbot.example.dk',
  GRAPH_CLIENT_ID: 'c4a1e2f3-0b9d-4e8c-a7f6-5d4c3b2a1e0f',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readPackageSettings(env, { version: '0.1.0' });
  } catch (err) {
    if (err instanceof PackageSettingsError) return err.problems;
    throw err;
  }
  assert.fail('expected a PackageSettingsError');
}

describe('npm run package: settings from the environment (manifest/package-settings.ts)', () => {
  it('reads ids (lower-cased), URLs, the bot host as valid domain, and the version default', () => {
    const v = readPackageSettings(ENV, { version: '0.1.0' });
    assert.equal(v.appId, '3f0c6a52-8d1e-4c7b-9a3e-2b6d5f4e1a90');
    assert.equal(v.botId, ENV.MicrosoftAppId);
    assert.equal(v.graphAppId, ENV.GRAPH_CLIENT_ID);
    assert.equal(v.version, '0.1.0');
    assert.deepEqual(v.validDomains, ['maalbot.example.dk']);
    assert.equal(v.developer.name, 'Erhvervshus Sydjylland');
    assert.equal(v.developer.privacyUrl, 'https://www.example.dk/privatliv');
  });

  it('lets TEAMS_APP_VERSION and DEVELOPER_NAME override; APP_BASE_URL and GRAPH_CLIENT_ID are optional', () => {
    const v = readPackageSettings({ ...ENV, TEAMS_APP_VERSION: '2.0.1', DEVELOPER_NAME: 'EHS', APP_BASE_URL: '', GRAPH_CLIENT_ID: ' ' }, { version: '0.1.0' });
    assert.equal(v.version, '2.0.1');
    assert.equal(v.developer.name, 'EHS');
    assert.deepEqual(v.validDomains, []);
    assert.equal(v.graphAppId, undefined);
  });

  it('reports every missing required variable at once, each with how to fix it', () => {
    const problems = problemsOf({});
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      ['TEAMS_APP_ID', 'MicrosoftAppId', 'DEVELOPER_WEBSITE_URL', 'DEVELOPER_PRIVACY_URL', 'DEVELOPER_TERMS_URL'],
    );
    for (const p of problems) assert.match(p, /: mangler — sæt den til /);
    assert.match(problems[0]!, /randomUUID/, 'says how to make an app id');
  });

  const malformed: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
    ['an app id that is not a GUID', { TEAMS_APP_ID: 'maalbot' }, /^TEAMS_APP_ID: "maalbot" er ikke et GUID/],
    ['a bot id that is not a GUID', { MicrosoftAppId: '1234' }, /^MicrosoftAppId: "1234" er ikke et GUID/],
    ['a Graph client id that is not a GUID', { GRAPH_CLIENT_ID: 'graph' }, /^GRAPH_CLIENT_ID: "graph" er ikke et GUID/],
    ['an http:// privacy URL', { DEVELOPER_PRIVACY_URL: 'http://www.example.dk/p' }, /^DEVELOPER_PRIVACY_URL: .* skal begynde med https:\/\//],
    ['a website that is not a URL', { DEVELOPER_WEBSITE_URL: 'example.dk' }, /^DEVELOPER_WEBSITE_URL: "example.dk" er ikke en URL/],
    ['a base URL without https', { APP_BASE_URL: 'http://localhost:3978' }, /^APP_BASE_URL: .* skal begynde med https:\/\//],
    ['a version that is not x.y.z', { TEAMS_APP_VERSION: '1.2' }, /^TEAMS_APP_VERSION: "1.2" er ikke en version/],
    ['a developer name over 32 characters', { DEVELOPER_NAME: 'Erhvervshus Sydjylland og KKR Syddanmark' }, /^DEVELOPER_NAME: .* længere end 32 tegn/],
  ];
  for (const [name, override, expected] of malformed) {
    it(`refuses ${name}, naming the variable`, () => {
      const problems = problemsOf({ ...ENV, ...override });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, expected);
      assert.match(problems[0]!, / — sæt den til /);
      // The advice reads as a sentence: "sæt den til en version som 1.2.0 … (valgfri; …)", never "sæt den til valgfri".
      assert.doesNotMatch(problems[0]!, /sæt den til valgfri/);
    });
  }

  it('documents every variable it reads', () => {
    assert.deepEqual(Object.keys(PACKAGE_VARIABLES).sort(), [...Object.keys(ENV), 'TEAMS_APP_VERSION', 'DEVELOPER_NAME'].sort());
  });
});

describe('npm run package: the zip (manifest/app-package.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes manifest.json and both icons at the root of the zip; read back, the manifest is valid and filled in', async () => {
    const outFile = path.join(dir, 'nested', 'maalbot-teams-app.zip');
    const built = await buildAppPackage({ env: ENV, outFile });
    assert.equal(built.bytes, readFileSync(outFile).length);

    const entries = readZip(readFileSync(outFile));
    assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(entries[0]!.data.toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(manifestSchemaErrors(manifest, REFERENCE_SCHEMA), []);
    assert.equal(manifest.id, '3f0c6a52-8d1e-4c7b-9a3e-2b6d5f4e1a90');
    assert.equal(manifest.version, appVersion());
    assert.equal((manifest.bots as Array<{ botId: string }>)[0]!.botId, ENV.MicrosoftAppId);
    assert.deepEqual(manifest.webApplicationInfo, { id: ENV.GRAPH_CLIENT_ID });
    assert.deepEqual(manifest.validDomains, ['maalbot.example.dk']);
    assert.ok(entries[1]!.data.equals(readFileSync(path.join(projectRoot(), 'manifest', 'color.png'))));
    assert.ok(entries[2]!.data.equals(readFileSync(path.join(projectRoot(), 'manifest', 'outline.png'))));
  });

  it('writes nothing when a setting is missing', async () => {
    const outFile = path.join(dir, 'x.zip');
    await assert.rejects(buildAppPackage({ env: { ...ENV, TEAMS_APP_ID: '' }, outFile }), PackageSettingsError);
    assert.equal(existsSync(outFile), false);
  });
});

describe('npm run package: the script (scripts/package-teams-app.ts)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-package-script-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The process environment without any package variable a developer may have set. */
  const cleanEnv = (): NodeJS.ProcessEnv => {
    const env = { ...process.env };
    for (const name of Object.keys(PACKAGE_VARIABLES)) delete env[name];
    return env;
  };
  const run = (env: NodeJS.ProcessEnv, args: string[]) =>
    spawnSync(process.execPath, ['-r', 'tsx/cjs', 'scripts/package-teams-app.ts', ...args], { cwd: projectRoot(), env, encoding: 'utf8' });

  it('exits 0 and writes the zip when the environment is complete', () => {
    const outFile = path.join(dir, 'ok.zip');
    const result = run({ ...cleanEnv(), ...ENV }, ['--no-env-file', '--out', outFile]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /manifest\.json, color\.png, outline\.png/);
    assert.match(result.stdout, /https:\/\/maalbot\.example\.dk\/api\/messages/);
    assert.deepEqual(readZip(readFileSync(outFile)).map((e) => e.name), ['manifest.json', 'color.png', 'outline.png']);
  });

  it('exits 1 naming each missing variable, and writes nothing', () => {
    const outFile = path.join(dir, 'missing.zip');
    const result = run(cleanEnv(), ['--no-env-file', '--out', outFile]);
    assert.equal(result.status, 1);
    for (const name of ['TEAMS_APP_ID', 'MicrosoftAppId', 'DEVELOPER_WEBSITE_URL', 'DEVELOPER_PRIVACY_URL', 'DEVELOPER_TERMS_URL']) {
      assert.match(result.stderr, new RegExp(`- ${name}: mangler`));
    }
    assert.equal(existsSync(outFile), false);
  });

  it('reads a .env file, with the real environment taking precedence', () => {
    const envFile = path.join(dir, 'test.env');
    const lines = Object.entries(ENV).map(([k, v]) => `${k}=${v}`);
    writeFileSync(envFile, `${lines.join('\n')}\nTEAMS_APP_VERSION=3.0.0\n`);
    const outFile = path.join(dir, 'envfile.zip');
    const result = run({ ...cleanEnv(), TEAMS_APP_VERSION: '3.1.0' }, ['--env-file', envFile, '--out', outFile]);
    assert.equal(result.status, 0, result.stderr);
    const manifest = JSON.parse(readZip(readFileSync(outFile))[0]!.data.toString('utf8')) as { version: string };
    assert.equal(manifest.version, '3.1.0');
  });
});
