import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../goals/default-contract';

/** The package version, read once at startup (healthz, logs). */
export function appVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
