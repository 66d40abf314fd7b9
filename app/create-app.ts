import type { AppConfig } from '../config/read-config';
import type { ContractBook } from '../goals/contract-book';
import type { MeasurementStore } from '../core/ports/measurement-store';
import type { DatabaseHealth } from '../core/ports/database';
import { createAnswerContexts, createQuestionAnswerer } from '../features/ask/answer-question';
import { createAdapter, type AuthEndpoints } from '../teams/create-adapter';
import type { MaalbotAdapter } from '../teams/maalbot-adapter';
import { createHttpServer, type HttpServer } from '../http/create-http-server';
import { defaultReadinessChecks } from '../http/readiness';
import { teamsActivityProcessor } from '../teams/teams-activity-processor';
import { MaalBot } from '../teams/maalbot';
import type { Clock } from '../core/time/clock';
import { todayInZone } from '../core/time/today';
import type { Logger } from '../core/ports/logger';
import { appVersion } from './app-version';
import { createCardActionRouter } from '../core/card-action-router';
import { createCardActionHandlers } from './card-action-handlers';
import { policyGroupIds, policyNamesUpns } from '../core/access/access-policy';
import type { MeasurementFormDeps } from '../features/measurements/form/measurement-form-deps';
import { createUpnLookup } from '../teams/upn-lookup';
import type { GroupMembership } from '../core/ports/group-membership';
import type { Telemetry } from '../core/ports/telemetry';
import { randomUUID } from 'node:crypto';
import type { ReminderStore } from '../core/ports/reminder-store';
import type { Schedule } from '../core/schedule/schedule';
import type { MeetingOccurrenceSource } from '../core/ports/meeting-occurrence-source';
import type { ActivityFeedNotifier } from '../core/ports/activity-feed';
import type { ReminderScheduler } from '../features/reminders/reminder-scheduler';
import { createReminders, defaultInstanceId } from './create-reminders';
import { welcomeOnInstall } from '../features/ask/welcome-answer';
import type { TurnInfo } from '../core/turn-info';
import type { ReportStore } from '../core/ports/report-store';
import type { FileUploader } from '../core/ports/file-consent';
import { createFileRequests } from '../features/report/file-requests';
import { createFileUploader } from '../teams/upload-file';
import type { ConversationMemory } from '../core/ports/conversation-memory';

export interface AppDeps {
  config: AppConfig;
  /** Every loaded contract year; each turn uses the one in force on its day (or the one a question names). */
  contracts: ContractBook;
  store: MeasurementStore;
  /** Readiness (/readyz) and /healthz ask it; usually the Database the stores come from. */
  database: DatabaseHealth;
  logger: Logger;
  clock: Clock;
  /** Tests only (a loopback OpenID/JWKS server): see teams/create-adapter.ts. */
  authEndpoints?: AuthEndpoints;
  /** Reminders: conversation references and deliveries. Without it conversations are not recorded and the reminder commands say reminders are off. */
  reminderStore?: ReminderStore;
  /** The loaded schedule file (SCHEDULE_FILE); without it nothing is scheduled (the commands still answer). */
  schedule?: Schedule;
  /** Seam for Microsoft Graph: the organiser's real calendar (calendarView) instead of the schedule's rule. */
  meetingSource?: MeetingOccurrenceSource;
  /** Seam for Microsoft Graph: activity-feed notifications to config.graph.directorUserIds, besides conversations. */
  activityFeed?: ActivityFeedNotifier;
  /** Seam for Microsoft Graph: roles from STAFF_GROUP_IDS / ADMIN_GROUP_IDS (transitive group membership). */
  groupMembership?: GroupMembership;
  /** Traces and metrics (telemetry/azure-monitor-telemetry.ts when configured); default none. */
  telemetry?: Telemetry;
  /** Names this process in delivery claims and the scheduler lease; default host-pid-random. */
  instanceId?: string;
  /** The KKR report's explanations and file offers. Without it "afrapportering" and the export say they are off. */
  reportStore?: ReportStore;
  /** The upload after a file consent; default a PUT with fetch (teams/upload-file.ts). */
  fileUploader?: FileUploader;
  /** Follow-up context per conversation and user (usually the Database's topics); without it follow-ups ask which goal. */
  conversationMemory?: ConversationMemory;
}

export interface App {
  /** The HTTP server (restify today; `http/` owns that choice). */
  server: HttpServer['server'];
  adapter: MaalbotAdapter;
  bot: MaalBot;
  /** The reminder scheduler (app/main.ts runs its loop); undefined without a reminder store or a schedule. */
  reminders: ReminderScheduler | undefined;
  /**
   * Graceful stop: refuse new requests (503), wait for the turns in flight, close the server.
   * Resolves false when `timeoutMs` cut some turn short.
   */
  stop(timeoutMs: number): Promise<boolean>;
}

/**
 * Builds the whole app from its dependencies without listening, so tests can build it with
 * fakes and listen on port 0; app/main.ts reads the config and listens.
 */
export function createApp(deps: AppDeps): App {
  const { config, contracts, store, logger, clock } = deps;
  const version = appVersion();
  const adapter = createAdapter(config.credentials, logger, deps.authEndpoints, { outboundTimeoutMs: config.outboundTimeoutMs });
  const today = todayInZone(clock, config.timeZone); // Intl once a day, not on every turn
  // Read per use, like today(): at a year boundary the next contract takes over without a restart.
  const contractInForce = () => contracts.inForce(today());
  const instanceIdOfApp = deps.instanceId ?? defaultInstanceId();
  const reminders = createReminders(
    {
      ...deps,
      instanceId: instanceIdOfApp,
      get contract() {
        return contractInForce();
      },
    },
    adapter,
  );
  const newSubmissionId = randomUUID;
  const files =
    deps.reportStore === undefined
      ? undefined
      : createFileRequests({
          book: contracts,
          measurements: store,
          reports: deps.reportStore,
          access: config.access,
          now: clock,
          timeZone: config.timeZone,
          links: config.files,
          upload: deps.fileUploader ?? createFileUploader(config.outboundTimeoutMs),
          logger,
        });
  const questionDeps = { contracts, store, today, access: config.access, timeZone: config.timeZone, reminders: reminders.context, newSubmissionId, files, explanations: deps.reportStore, memory: deps.conversationMemory, now: clock };
  // One context factory for questions and buttons: they share the reply cache and the staff seen.
  const answerContexts = createAnswerContexts(questionDeps);
  const answerQuestion = createQuestionAnswerer(questionDeps, answerContexts);
  const forms: MeasurementFormDeps = {
    get contract() {
      return contractInForce();
    },
    contracts,
    store,
    today,
    timeZone: config.timeZone,
    access: config.access,
    newSubmissionId,
  };
  const cardActions = createCardActionRouter(createCardActionHandlers({
      forms,
      answerContexts,
      files,
      explanations: deps.reportStore === undefined ? undefined : { ...forms, contracts, get contract() { return contractInForce(); }, explanations: deps.reportStore, now: clock },
    }));
  // Only UPN allow-list entries need a member lookup; object ids arrive with every activity.
  const lookupUpn = policyNamesUpns(config.access) ? createUpnLookup(logger) : undefined;
  // The welcome is remembered in the reminder store (never twice, not again within a day); without one, none is sent.
  const welcomeStore = deps.reminderStore;
  const welcome = welcomeStore === undefined ? undefined : (turn: TurnInfo) => welcomeOnInstall(turn, { store: welcomeStore, now: clock, instanceId: instanceIdOfApp });
  // Group roles: the configured groups the user is in, asked once per user for a while (graph/graph-group-membership.ts).
  const groupIds = policyGroupIds(config.access);
  const membership = deps.groupMembership;
  const memberGroups = membership === undefined || groupIds.length === 0 ? undefined : (userObjectId: string) => membership(userObjectId, groupIds);
  const bot = new MaalBot({ answerQuestion, cardActions, conversations: reminders.conversations, logger, lookupUpn, memberGroups, welcome, telemetry: deps.telemetry, fileConsent: files?.answerConsent });

  const http = createHttpServer({
    maxBodyBytes: config.maxBodyBytes,
    tenantPolicy: config.tenantPolicy,
    activities: teamsActivityProcessor(adapter, (context) => bot.run(context)),
    health: () => {
      const contract = contractInForce();
      return { status: 'ok', version, store: deps.database.kind, contract: { id: contract.id, goals: contract.goals.length } };
    },
    readinessChecks: defaultReadinessChecks(deps.database, contractInForce()),
    logger,
    files: files?.download,
  });

  return { server: http.server, adapter, bot, reminders: reminders.scheduler, stop: (timeoutMs) => http.stop(timeoutMs) };
}
