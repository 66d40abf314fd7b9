import { readFileSync } from 'node:fs';
import type restify from 'restify';
import { createEchoApp } from './echo-app';
import { readConfig } from '../config/read-config';

/**
 * A reference bot under benchmark, in its own process so the load generator does not share its
 * event loop: argv[2] = "echo" (plain echo) or "card-echo" with argv[3] a JSON file holding the
 * reply to send (the one Målbot sent). Målbot itself is started as `node dist/app/main.js`
 * (bench/run.ts). Reports its port over IPC.
 */
async function main(): Promise<void> {
  const which = process.argv[2];
  const config = readConfig({ LOG_LEVEL: 'silent', PORT: '0' });
  const reply = which === 'card-echo' ? (JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as { text?: string; attachments?: unknown[] }) : undefined;
  if (which !== 'echo' && which !== 'card-echo') throw new Error(`unknown bot ${which}`);
  const server: restify.Server = createEchoApp(config.maxBodyBytes, reply);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (msg: unknown) => {
    if (msg === 'exit') process.exit(0); // a normal exit, so --cpu-prof can write its profile
  });
  process.send?.({ port: server.address().port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
