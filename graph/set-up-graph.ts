import type { AppConfig } from '../config/read-config';
import type { Logger } from '../core/ports/logger';
import type { Schedule } from '../core/schedule/schedule';
import type { ActivityFeedNotifier } from '../core/ports/activity-feed';
import { createGraphClient, DEFAULT_GRAPH_BASE_URL, type GraphClientDeps } from './create-graph-client';
import { GraphMeetingSource } from './graph-meeting-source';
import { GraphActivityFeedNotifier, botChatDeepLink } from './graph-activity-feed-notifier';
import { meetingSpecFromSchedule } from './meeting-spec-from-schedule';
import { createGraphGroupMembership } from './graph-group-membership';
import { policyGroupIds } from '../core/access/access-policy';
import type { GroupMembership } from '../core/ports/group-membership';

/** What the app gets from Graph; every part is undefined when its settings are missing. */
export interface GraphSetup {
  /** The organiser's real calendar (replaces the rule-based source for the meeting). */
  meetingSource: GraphMeetingSource | undefined;
  /** Activity-feed notifications; only when GRAPH_DIRECTOR_USER_IDS names someone to send them to. */
  activityFeed: ActivityFeedNotifier | undefined;
  /** Roles from Entra ID security groups (STAFF_GROUP_IDS, ADMIN_GROUP_IDS); only when some group is configured. */
  groupMembership: GroupMembership | undefined;
  /** Settles when the startup calendar sync is done or has failed (both are logged). Never rejects. */
  calendarSynced: Promise<void>;
}

export interface SetUpGraphInput {
  config: Pick<AppConfig, 'graph' | 'credentials' | 'timeZone'> & Partial<Pick<AppConfig, 'outboundTimeoutMs' | 'access'>>;
  /** The loaded schedule; its meeting rule is what the calendar series is made from. */
  schedule: Schedule | undefined;
  logger: Logger;
  now: () => Date;
  /** Tests: fake credential, recorded sleeps. */
  clientDeps?: GraphClientDeps;
}

/**
 * Builds the Graph-backed parts from the config, and says once at startup what is on and off.
 * The calendar series is created or updated in the background: a slow or failing Graph must not
 * keep the bot from answering. Errors are logged for the operator; the scheduler keeps asking
 * calendarView on its own ticks.
 */
export function setUpGraph(input: SetUpGraphInput): GraphSetup {
  const { config, schedule, logger, now } = input;
  const graph = config.graph;
  if (graph === undefined) {
    logger.info(
      { graph: 'off' },
      'Microsoft Graph is off (no GRAPH_TENANT_ID/GRAPH_CLIENT_ID/GRAPH_CLIENT_SECRET): meeting reminders follow the schedule file, no Outlook series, no activity-feed notifications. Everything else works.',
    );
    return { meetingSource: undefined, activityFeed: undefined, groupMembership: undefined, calendarSynced: Promise.resolve() };
  }

  const log = logger.child({ component: 'graph' });
  const baseUrl = graph.baseUrl ?? DEFAULT_GRAPH_BASE_URL;
  const client = createGraphClient(graph, {
    now,
    timeoutMs: config.outboundTimeoutMs,
    onRetry: (r) => log.warn({ attempt: r.attempt, status: r.status, waitMs: r.waitMs }, 'Graph: retrying after a throttled or failed request'),
    ...input.clientDeps,
  });

  let meetingSource: GraphMeetingSource | undefined;
  let calendarSynced = Promise.resolve();
  const meeting = schedule?.meeting;
  if (graph.meetingOrganizer !== undefined && meeting !== undefined && schedule !== undefined) {
    meetingSource = new GraphMeetingSource({ client, organizer: graph.meetingOrganizer, timeZone: schedule.timeZone, skipDates: meeting.skipDates, baseUrl, now, logger: log });
    const source = meetingSource;
    calendarSynced = (async () => {
      try {
        const result = await source.ensureRecurringMeeting(meetingSpecFromSchedule(meeting, schedule.timeZone));
        log.info({ action: result.action, eventId: result.eventId, cancelledDates: result.cancelledDates }, 'Graph: directors meeting series is in the organiser calendar');
      } catch (err) {
        log.error({ err }, 'Graph: could not create or update the directors meeting series; reminders use the calendar as it is');
      }
    })();
  } else if (graph.meetingOrganizer !== undefined) {
    log.warn({}, 'GRAPH_MEETING_ORGANIZER is set, but the schedule has no meeting (SCHEDULE_FILE → meeting): no calendar sync');
  }

  // A click on a notification opens the chat with the bot (the bot's app id, or the Graph app's when the bot runs locally).
  const activityFeed =
    graph.directorUserIds.length === 0 ? undefined : new GraphActivityFeedNotifier({ client, webUrl: botChatDeepLink(config.credentials?.appId ?? graph.clientId), now });

  const groups = config.access === undefined ? [] : policyGroupIds(config.access);
  const groupMembership = groups.length === 0 ? undefined : createGraphGroupMembership({ client, logger: log });

  log.info(
    {
      graph: 'on',
      groupRoles: groups.length === 0 ? 'off' : `${groups.length} groups`,
      calendar: meetingSource === undefined ? 'off' : 'on',
      activityFeed: activityFeed === undefined ? 'off' : `${graph.directorUserIds.length} recipients`,
      baseUrl,
    },
    `Microsoft Graph is on: calendar sync ${meetingSource === undefined ? 'off' : 'on'}, activity feed ${activityFeed === undefined ? 'off' : 'on'}`,
  );
  return { meetingSource, activityFeed, groupMembership, calendarSynced };
}
