import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../config/read-config';
import { loadContracts } from '../goals/load-contracts';
import { projectRoot } from '../goals/default-contract';
import { OperatorError } from '../goals/operator-error';
import { openDatabase } from '../store/open-database';
import { createApp } from './create-app';
import { createLogger } from './create-logger';
import { systemClock } from '../core/time/clock';
import { exitOnSignals, GracefulShutdown } from './graceful-shutdown';
import { loadSchedule } from '../config/load-schedule';
import { startReminderLoop } from './reminder-loop';
import { setUpGraph } from '../graph/set-up-graph';
import { localDate } from '../core/time/zoned-time';
import { loadDotEnv } from '../config/load-dot-env';
import { NO_TELEMETRY } from '../core/ports/telemetry';
import { startAzureMonitorTelemetry } from '../telemetry/azure-monitor-telemetry';
import { appVersion } from './app-version';

/** How long a stop waits for turns in flight (invokes must answer within 5 s; replies rarely take longer). */
const DRAIN_TIMEOUT_MS = 10_000;

/** Entry point: read config, open the store, build the app, listen. Nothing else. */
async function main(): Promise<void> {
  const root = projectRoot();
  loadDotEnv(root);
  const config = readConfig(process.env);
  const logger = createLogger(config.logLevel);
  const contracts = loadContracts(path.resolve(root, config.contractFile));
  const contract = contracts.inForce(localDate(systemClock(), config.timeZone));
  const database = await openDatabase(config.databaseUrl, { baseDir: root, logger });
  const { measurements: store, reminders: reminderStore } = database;
  const schedule = config.reminders.scheduleFile === undefined ? undefined : loadSchedule(path.resolve(root, config.reminders.scheduleFile), contract, { defaultTimeZone: config.timeZone });
  if (schedule === undefined) logger.info({}, 'No schedule (SCHEDULE_FILE is not set): no reminders will be sent; the reminder commands still answer.');
  // Optional Azure Monitor: the OpenTelemetry packages load only when a connection string is set.
  const telemetry = config.telemetry === undefined ? NO_TELEMETRY : await startAzureMonitorTelemetry({ connectionString: config.telemetry.connectionString, serviceName: 'maalbot', version: appVersion() });
  logger.info({ telemetry: config.telemetry === undefined ? 'off' : 'azure-monitor' }, config.telemetry === undefined ? 'Telemetry is off (no APPLICATIONINSIGHTS_CONNECTION_STRING)' : 'Telemetry: traces and metrics go to Azure Monitor');
  // Optional Microsoft Graph: logs once whether it is on; syncs the Outlook series in the background.
  const graph = setUpGraph({ config, schedule, logger, now: systemClock });
  const app = createApp({ config, contracts, store, database, logger, clock: systemClock, reminderStore, reportStore: database.reports, schedule, meetingSource: graph.meetingSource, activityFeed: graph.activityFeed, conversationMemory: database.topics, groupMembership: graph.groupMembership, telemetry });

  if (config.credentials === undefined) {
    logger.warn(
      { mode: config.mode },
      'LOCAL MODE: no MicrosoftAppId, so Bot Framework authentication is OFF — every request to /api/messages is accepted. Never expose this to the internet.',
    );
  }

  if (config.files.publicUrl !== undefined && config.files.secretGenerated) {
    logger.warn({}, 'FILE_LINK_SECRET is not set: download links are signed with a key of this process only (they stop working at a restart and on other instances).');
  }

  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  const port = (app.server.address() as AddressInfo).port; // the real one when PORT=0
  logger.info(
    { port, host: config.host, store: database.kind, contract: contract.id, mode: config.mode },
    `Målbot lytter på http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/api/messages`,
  );

  // SIGTERM/SIGINT: the steps run in this order. Anything started above that must stop before the
  // store closes (the reminder scheduler) adds its step before 'close the store'.
  const shutdown = new GracefulShutdown(logger);
  shutdown.add('stop taking requests and finish the turns in flight', async () => {
    if (!(await app.stop(DRAIN_TIMEOUT_MS))) throw new Error(`turns still running after ${DRAIN_TIMEOUT_MS} ms were cut short`);
  });
  const reminderLoop = app.reminders === undefined ? undefined : startReminderLoop(app.reminders, { intervalMs: config.reminders.tickSeconds * 1000, logger, telemetry });
  if (reminderLoop !== undefined) {
    logger.info({ scheduleFile: schedule?.file, tickSeconds: config.reminders.tickSeconds, instance: app.reminders?.instanceId }, 'reminder scheduler started');
    shutdown.add('stop the reminder scheduler', () => reminderLoop.stop());
  }
  shutdown.add('close the store', () => database.close());
  shutdown.add('send the last telemetry', () => telemetry.flush());
  exitOnSignals(shutdown, logger);
}

main().catch((err: unknown) => {
  // Config, data-file and DATABASE_URL errors are written for an operator: print them plainly, no stack.
  if (err instanceof OperatorError) {
    console.error(err.message);
  } else {
    console.error('Målbot kunne ikke starte:', err);
  }
  process.exit(1);
});
