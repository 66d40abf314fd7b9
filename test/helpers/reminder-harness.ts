import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import type { ContractData } from '../../goals/contract-schema';
import type { ActivityFeedNotification, ActivityFeedNotifier } from '../../core/ports/activity-feed';
import { deliveryErrorForStatus } from '../../core/ports/delivery-error';
import { FanOut } from '../../features/reminders/fan-out';
import type { ProactiveSender } from '../../core/ports/proactive-sender';
import { ReminderScheduler, type ReminderSchedulerOptions, type TickReport } from '../../features/reminders/reminder-scheduler';
import type { Reply } from '../../core/reply';
import { parseLeadTime } from '../../core/schedule/lead-time';
import { RuleMeetingSource } from '../../features/reminders/schedule/rule-meeting-source';
import type { Schedule } from '../../core/schedule/schedule';
import type { MeetingOccurrenceSource } from '../../core/ports/meeting-occurrence-source';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import { openDatabase } from '../../store/open-database';
import type { ReminderStore, ConversationKind } from '../../core/ports/reminder-store';
import type { Logger } from '../../core/ports/logger';

export const CPH = 'Europe/Copenhagen';

/** A meeting every other Monday at 09:00 (16 and 30 March 2026, …), reminders 2 days and 1 hour before. */
export function testSchedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    file: 'test-schedule.yaml',
    timeZone: CPH,
    meeting: {
      title: 'Direktørmøde',
      anchorDate: '2026-03-16',
      time: '09:00',
      durationMinutes: 120,
      intervalDays: 14,
      skipDates: [],
      leadTimes: [parseLeadTime('2d')!, parseLeadTime('1h')!],
    },
    deadlines: { time: '09:00', leadDays: [14, 3], extra: [] },
    nudges: { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [] },
    ...overrides,
  };
}

/** Virtual time shared by the scheduler and its fan-out: it only moves when a test (or a rate-limit wait) moves it. */
export class VirtualClock {
  constructor(public ms: number) {}
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  now = (): Date => new Date(this.ms);
  sleep = async (ms: number): Promise<void> => {
    this.ms += ms;
  };
}

export interface SentMessage {
  conversationId: string;
  reply: Reply;
  at: string;
}

/** A ProactiveSender that records what it "sent"; `fail` decides a failure per conversation and attempt. */
export class FakeSender implements ProactiveSender {
  readonly sent: SentMessage[] = [];
  readonly attempts = new Map<string, number>();
  fail: (conversationId: string, attempt: number) => Error | undefined = () => undefined;
  constructor(private readonly clock: VirtualClock) {}

  async send(reference: Record<string, unknown>, reply: Reply): Promise<void> {
    const conversationId = String((reference.conversation as { id: string }).id);
    const n = (this.attempts.get(conversationId) ?? 0) + 1;
    this.attempts.set(conversationId, n);
    const err = this.fail(conversationId, n);
    if (err) throw err;
    this.sent.push({ conversationId, reply, at: this.clock.now().toISOString() });
  }

  to(conversationId: string): SentMessage[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }
}

export class FakeFeed implements ActivityFeedNotifier {
  readonly notified: ActivityFeedNotification[] = [];
  failStatus: ((userId: string) => number | undefined) | undefined;
  async notify(n: ActivityFeedNotification): Promise<void> {
    const status = this.failStatus?.(n.userId);
    if (status !== undefined) throw deliveryErrorForStatus(status, undefined, 'fake Graph');
    this.notified.push(n);
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}

export interface Harness {
  dir: string;
  clock: VirtualClock;
  contract: ContractData;
  store: ReminderStore;
  measurements: MeasurementStore;
  sender: FakeSender;
  feed: FakeFeed;
  logs: LogLine[];
  schedule: Schedule;
  scheduler(o?: { instanceId?: string; store?: ReminderStore; options?: Partial<ReminderSchedulerOptions>; feedUsers?: string[]; meetingSource?: MeetingOccurrenceSource }): ReminderScheduler;
  /** Records a conversation and (unless kind says otherwise) subscribes it at `at`. */
  subscribe(conversationId: string, at: string, o?: { kind?: ConversationKind; user?: string; subscribe?: boolean }): Promise<void>;
  /** Ticks every `stepMs` from `fromIso` to `toIso` inclusive. */
  tickEvery(s: ReminderScheduler, fromIso: string, toIso: string, stepMs: number): Promise<TickReport[]>;
  cleanup(): Promise<void>;
}

export async function createHarness(schedule: Schedule = testSchedule(), startIso = '2026-03-01T00:00:00Z'): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-scheduler-'));
  const file = path.join(dir, 'db.sqlite');
  const database = await openDatabase(`sqlite:${file}`, { baseDir: dir });
  const { measurements, reminders: store } = database;
  const clock = new VirtualClock(Date.parse(startIso));
  const contract = loadContract(defaultContractPath());
  const sender = new FakeSender(clock);
  const feed = new FakeFeed();
  const logs: LogLine[] = [];
  const logger: Logger = {
    child: () => logger,
    info: (obj: object, msg: string) => void logs.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg: string) => void logs.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => void logs.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
  return {
    dir,
    clock,
    contract,
    store,
    measurements,
    sender,
    feed,
    logs,
    schedule,
    scheduler(o = {}) {
      return new ReminderScheduler({
        schedule,
        contract,
        measurements,
        store: o.store ?? store,
        meetingSource: o.meetingSource ?? (schedule.meeting === undefined ? undefined : new RuleMeetingSource(schedule.meeting, schedule.timeZone)),
        sender,
        ...(o.feedUsers !== undefined ? { activityFeed: { notifier: feed, directorUserIds: o.feedUsers } } : {}),
        fanOut: new FanOut({ now: () => clock.ms, sleep: clock.sleep, random: () => 0.5 }),
        now: clock.now,
        logger,
        instanceId: o.instanceId ?? 'instance-a',
        ...(o.options !== undefined ? { options: o.options } : {}),
      });
    },
    async subscribe(conversationId, at, o = {}) {
      const kind = o.kind ?? 'channel';
      await store.upsertConversation({
        conversationId,
        kind,
        reference: { conversation: { id: conversationId, conversationType: kind }, serviceUrl: 'https://smba.example/', channelId: 'msteams', bot: { id: '28:bot' } },
        tenantId: 'tenant-1',
        teamId: kind === 'channel' ? '19:team@thread.tacv2' : null,
        userAadObjectId: o.user ?? null,
        seenAt: at,
      });
      if (o.subscribe !== false) await store.setSubscription(conversationId, 'subscribed', at, 'test');
    },
    async tickEvery(s, fromIso, toIso, stepMs) {
      const reports: TickReport[] = [];
      for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMs) {
        clock.ms = t;
        reports.push(await s.tick());
      }
      return reports;
    },
    async cleanup() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A failure the fake sender can throw. */
export const httpError = (status: number, retryAfterMs?: number) => deliveryErrorForStatus(status, retryAfterMs, `fake HTTP ${status}`);
