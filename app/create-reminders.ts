import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/read-config';
import type { ContractData } from '../goals/contract-schema';
import type { MeasurementStore } from '../core/ports/measurement-store';
import type { ReminderStore } from '../core/ports/reminder-store';
import { ignoreConversationEvents, type ConversationEvents } from '../core/ports/conversation-events';
import type { ActivityFeedNotifier } from '../core/ports/activity-feed';
import { createConversationRegistry } from '../features/reminders/conversation-registry';
import { FanOut } from '../features/reminders/fan-out';
import { teamsConversationWindows } from '../features/reminders/rate-limiter';
import { ReminderScheduler } from '../features/reminders/reminder-scheduler';
import type { RemindersContext } from '../features/reminders/reminders-context';
import type { MeetingOccurrenceSource } from '../core/ports/meeting-occurrence-source';
import { RuleMeetingSource } from '../features/reminders/schedule/rule-meeting-source';
import type { Schedule } from '../core/schedule/schedule';
import type { MaalbotAdapter } from '../teams/maalbot-adapter';
import type { Clock } from '../core/time/clock';
import type { Logger } from '../core/ports/logger';
import { BotProactiveSender } from '../teams/bot-framework-proactive-sender';

export interface RemindersDeps {
  config: AppConfig;
  contract: ContractData;
  store: MeasurementStore;
  logger: Logger;
  clock: Clock;
  reminderStore?: ReminderStore;
  schedule?: Schedule;
  meetingSource?: MeetingOccurrenceSource;
  activityFeed?: ActivityFeedNotifier;
  instanceId?: string;
}

export interface RemindersWiring {
  conversations: ConversationEvents;
  /** For the reminder commands; undefined without a reminder store. */
  context: RemindersContext | undefined;
  /** Undefined without a reminder store or without a schedule. */
  scheduler: ReminderScheduler | undefined;
}

/** A name for this process in claims and leases: readable in logs, unique across restarts. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * The reminders' part of the app: the durable conversation registry, the context for the
 * commands, and the scheduler with its proactive sender and throttled fan-out.
 * The meeting comes from `meetingSource` when given (Microsoft Graph's calendar), else from the
 * schedule file's rule.
 */
export function createReminders(deps: RemindersDeps, adapter: MaalbotAdapter): RemindersWiring {
  const { config, reminderStore, schedule, clock } = deps;
  if (reminderStore === undefined) return { conversations: ignoreConversationEvents, context: undefined, scheduler: undefined };

  const meetingSource = deps.meetingSource ?? (schedule?.meeting !== undefined ? new RuleMeetingSource(schedule.meeting, schedule.timeZone) : undefined);
  const directorUserIds = config.graph?.directorUserIds ?? [];
  const activityFeed = deps.activityFeed !== undefined && directorUserIds.length > 0 ? { notifier: deps.activityFeed, directorUserIds } : undefined;
  const conversations = createConversationRegistry({ store: reminderStore, now: clock });
  const context: RemindersContext = { store: reminderStore, schedule, meetingSource, activityFeed: activityFeed !== undefined, now: clock };
  if (schedule === undefined) return { conversations, context, scheduler: undefined };

  const tickMs = config.reminders.tickSeconds * 1000;
  const scheduler = new ReminderScheduler({
    schedule,
    contract: deps.contract,
    measurements: deps.store,
    store: reminderStore,
    meetingSource,
    sender: new BotProactiveSender(adapter, config.credentials?.appId ?? '', clock),
    ...(activityFeed !== undefined ? { activityFeed } : {}),
    fanOut: new FanOut({
      globalPerSecond: config.reminders.ratePerSecond,
      conversationWindows: teamsConversationWindows(config.reminders.conversationRatePerSecond),
    }),
    now: clock,
    logger: deps.logger.child({ component: 'reminders' }),
    instanceId: deps.instanceId ?? defaultInstanceId(),
    options: {
      graceMs: config.reminders.graceMinutes * 60_000,
      // Three missed ticks (or a minute at least) before another instance takes over.
      leaseMs: Math.max(60_000, 3 * tickMs),
    },
  });
  return { conversations, context, scheduler };
}
