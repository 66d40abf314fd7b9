import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app/create-app';
import { readConfig } from '../config/read-config';
import { createLogger } from '../app/create-logger';
import { loadContracts } from '../goals/load-contracts';
import { projectRoot } from '../goals/default-contract';
import { openDatabase } from '../store/open-database';
import { seedDemo } from '../store/seed-demo-data';
import { systemClock } from '../core/time/clock';

/**
 * Målbot for the submit scenario (bench/submit-scenario.ts), in its own process: a fresh SQLite file
 * with the demo rows, and the submitters (argv[2], comma-separated object ids) as STAFF_USERS.
 * Reports its port over IPC; answers "rows" with the number of stored measurements and "cpu" with its CPU time.
 */
async function main(): Promise<void> {
  const config = readConfig({ LOG_LEVEL: 'silent', PORT: '0', STAFF_USERS: process.argv[2] ?? '' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-bench-submit-'));
  const database = await openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`, { baseDir: dir });
  const store = database.measurements;
  const contracts = loadContracts(path.resolve(projectRoot(), config.contractFile));
  const contract = contracts.inForce(new Date().toISOString().slice(0, 10)); // the demo rows' contract
  await seedDemo(store, contract.id);
  const { server } = createApp({ config, contracts, store, database, logger: createLogger('silent'), clock: systemClock });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (msg: unknown) => {
    if (msg === 'exit') process.exit(0);
    if (msg === 'rows') void store.listMeasurements(contract.id).then((rows) => process.send?.({ rows: rows.length }));
    if (msg === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.send?.({ port: server.address().port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
