import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type restify from 'restify';
import { createEchoApp } from './echo-app';
import { createApp } from '../app/create-app';
import { readConfig } from '../config/read-config';
import { createLogger } from '../app/create-logger';
import { loadContracts } from '../goals/load-contracts';
import { projectRoot } from '../goals/default-contract';
import { openDatabase } from '../store/open-database';
import { seedDemo } from '../store/seed-demo-data';
import { systemClock } from '../core/time/clock';

/**
 * A bot under benchmark, in its own process so the load generator does not share its event loop.
 * argv[2] = "echo" | "maalbot". Reports its port over IPC and answers "memory" requests.
 */
async function main(): Promise<void> {
  const which = process.argv[2];
  const config = readConfig({ LOG_LEVEL: 'silent', PORT: '0' });
  let server: restify.Server;
  if (which === 'echo') {
    server = createEchoApp(config.maxBodyBytes);
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-bench-'));
    const database = await openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`, { baseDir: dir });
    const store = database.measurements;
    const contracts = loadContracts(path.resolve(projectRoot(), config.contractFile));
  const contract = contracts.inForce(new Date().toISOString().slice(0, 10)); // the demo rows' contract
    await seedDemo(store, contract.id);
    // As in production (app/main.ts): the follow-up context is kept for every question about a goal.
    server = createApp({ config, contracts, store, database, logger: createLogger('silent'), clock: systemClock, conversationMemory: database.topics }).server;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (msg: unknown) => {
    if (msg === 'exit') process.exit(0); // a normal exit, so --cpu-prof can write its profile
    if (msg === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ memory: process.memoryUsage() });
    }
  });
  process.send?.({ port: server.address().port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
