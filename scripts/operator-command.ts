import path from 'node:path';
import { loadDotEnv } from '../config/load-dot-env';
import { readConfig, type AppConfig } from '../config/read-config';
import type { ContractBook } from '../goals/contract-book';
import { projectRoot } from '../goals/default-contract';
import { loadContracts } from '../goals/load-contracts';
import { OperatorError } from '../goals/operator-error';
import type { Database } from '../core/ports/database';
import { openDatabase } from '../store/open-database';

/**
 * What the operator commands (`npm run import`, `export`, `report`, `backup`, `seed:demo`) share:
 * the exit code, a plain sentence for an operator's mistake, `.env`, and the database and contracts
 * the bot itself would use.
 */

/** Runs a command's main: its return value is the exit code; an OperatorError is printed as the sentence it is (no stack), exit 2. */
export function runOperatorCommand(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof OperatorError ? err.message : err);
      process.exitCode = 2;
    },
  );
}

/** A file the user named, relative to where they typed the command (npm runs scripts in the project root; INIT_CWD is where the user was). */
export function whereTyped(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** The configuration as the bot reads it, `.env` included (the environment wins over the file). */
export function operatorConfig(): { config: AppConfig; root: string } {
  const root = projectRoot();
  loadDotEnv(root);
  return { config: readConfig(process.env), root };
}

export interface OperatorContext {
  config: AppConfig;
  root: string;
  book: ContractBook;
  database: Database;
}

/** Runs `fn` with the contracts CONTRACT_FILE names and the database DATABASE_URL names, closed afterwards. */
export async function withProjectDatabase(fn: (ctx: OperatorContext) => Promise<number>): Promise<number> {
  const { config, root } = operatorConfig();
  const book = loadContracts(path.resolve(root, config.contractFile));
  const database = await openDatabase(config.databaseUrl, { baseDir: root });
  try {
    return await fn({ config, root, book, database });
  } finally {
    await database.close();
  }
}
