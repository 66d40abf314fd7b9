import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads `.env` from the project root into process.env when the file exists — the same way for
 * `npm start`, `npm run chat`, `import`, `export`, `report`, `backup`, `seed:demo` and `package` — with Node's own
 * parser (process.loadEnvFile, no dependency). A variable already set in the environment wins over
 * the file, so a host's settings (App Service, systemd) are never overridden by a stray file.
 * Returns the file read, or undefined.
 */
export function loadDotEnv(root: string, file: string = path.join(root, '.env')): string | undefined {
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
