import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The 2021 contract, relative to the project root (runtime data lives in the repo). */
export const DEFAULT_CONTRACT_FILE = 'goals/contracts/resultatkontrakt-2021-sydjylland.yaml';

/** Every contract year the bot knows: one file per year in this folder (goals/load-contracts.ts). */
export const DEFAULT_CONTRACTS_FOLDER = 'goals/contracts';

/**
 * The folder holding package.json, found by walking up from `start`. Walking (rather than a fixed
 * '..') makes it work both from the TS sources (goals/) and from compiled code (dist/goals/).
 */
export function projectRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Fandt ingen package.json i ${start} eller mapperne over den`);
    dir = parent;
  }
}

/** Absolute path of the default contract file. */
export function defaultContractPath(root: string = projectRoot()): string {
  return path.join(root, DEFAULT_CONTRACT_FILE);
}
