import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../config/read-config';
import { PACKAGE_VARIABLES } from '../../manifest/package-settings';
import { projectRoot } from '../../goals/default-contract';

/**
 * "Every variable is documented": the variables readConfig actually reads (found by handing it an
 * environment that records every name looked up) and the ones `npm run package` reads must each
 * have a row in a README table and a line in .env.example.
 */
function variablesReadByConfig(): string[] {
  const seen = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      if (typeof name === 'string') seen.add(name);
      return undefined;
    },
    has(_target, name) {
      if (typeof name === 'string') seen.add(name);
      return false;
    },
  });
  readConfig(env);
  return [...seen].filter((n) => /^[A-Za-z][A-Za-z0-9_]*$/.test(n) && !['then', 'toJSON', 'constructor'].includes(n));
}

const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
const envExample = readFileSync(path.join(projectRoot(), '.env.example'), 'utf8');

/** Names in the first cell of README table rows: "| `NAME` |" or "| `A`, `B` |". */
const readmeTableNames = new Set(
  readme
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`([A-Za-z][A-Za-z0-9_]*)`/g)].map((m) => m[1]!)),
);
const envExampleNames = new Set([...envExample.matchAll(/^#?\s*([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!));

describe('configuration variables are documented (README tables and .env.example)', () => {
  const configVariables = variablesReadByConfig();

  it('finds the variables readConfig reads', () => {
    for (const known of ['MAALBOT_MODE', 'PORT', 'MicrosoftAppId', 'DATABASE_URL', 'LOG_LEVEL']) assert.ok(configVariables.includes(known), known);
  });

  it('every variable the bot reads has a README row and a .env.example line', () => {
    assert.deepEqual(configVariables.filter((n) => !readmeTableNames.has(n)), [], 'missing from the README configuration table');
    assert.deepEqual(configVariables.filter((n) => !envExampleNames.has(n)), [], 'missing from .env.example');
  });

  it('every variable `npm run package` reads has a README row and a .env.example line', () => {
    const names = Object.keys(PACKAGE_VARIABLES);
    assert.deepEqual(names.filter((n) => !readmeTableNames.has(n)), [], 'missing from the README packaging table');
    assert.deepEqual(names.filter((n) => !envExampleNames.has(n)), [], 'missing from .env.example');
  });
});
