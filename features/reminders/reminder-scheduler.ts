import type { ContractData } from '../../goals/contract-schema';
import { contractStatusRows } from '../status/status-rows';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { ConversationRecord, DeliveryRecord, NewDelivery, ReminderStore } from '../../core/ports/reminder-store';
import type { Logger } from '../../core/ports/logger';
import type { Measurement } from '../../core/measurement';
import type { Reply } from '../../core/reply';
import type { MeetingOccurrenceSource } from '../../core/ports/meeting-occurrence-source';
import type { Schedule } from '../../core/schedule/schedule';
import { localDate } from '../../core/time/zoned-time';
import type { ActivityFeedNotifier } from '../../core/ports/activity-feed';
import { conversationTargetId, feedTargetId } from './conversation-key';
import type { FanOut, FanOutJob, FanOutOutcome } from './fan-out';
import type { ProactiveSender } from '../../core/ports/proactive-sender';
import { reminderFeedNotification, reminderReply } from './reminder-messages';
import { byDueTime, dueDeadlineAndNudgeOccurrences, dueMeetingOccurrences, type ReminderOccurrence } from './reminder-occurrences';

export interface ReminderSchedulerOptions {
  /** A reminder missed by up to this much (downtime) is still sent, marked "forsinket". Default 6 h. */
  graceMs: number;
  /** Sent more than this after its time, a reminder carries the "forsinket" note. Default 10 min. */
  lateAfterMs: number;
  /** How long the scheduler lease lasts without renewal (failover time). Default 3 min. */
  leaseMs: number;
  /** How far back a tick looks for missed occurrences to record as skipped. Default 35 days. */
  maxLookbackMs: number;
  /** A claim this old that never finished is marked "uncertain" (its instance died). Default 15 min. */
  staleClaimMs: number;
  /** Attempts per delivery over all ticks; after them a transient failure is final. Default 15. */
  maxTotalAttempts: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: ReminderSchedulerOptions = {
  graceMs: 6 * 3_600_000,
  lateAfterMs: 10 * 60_000,
  leaseMs: 3 * 60_000,
  maxLookbackMs: 35 * 24 * 3_600_000,
  staleClaimMs: 15 * 60_000,
  maxTotalAttempts: 15,
};

export interface ReminderSchedulerDeps {
  schedule: Schedule;
  contract: ContractData;
  measurements: MeasurementStore;
  store: ReminderStore;
  /** The rule-based source, or Graph's calendar; undefined when no meeting is scheduled. */
  meetingSource: MeetingOccurrenceSource | undefined;
  sender: ProactiveSender;
  /** Teams activity feed (Microsoft Graph) for the directors, in addition to conversations. */
  activityFeed?: { notifier: ActivityFeedNotifier; directorUserIds: readonly string[] };
  fanOut: FanOut;
  now: () => Date;
  logger: Logger;
  /** Names this process in claims and the lease. */
  instanceId: string;
  options?: Partial<ReminderSchedulerOptions>;
}

export interface TickReport {
  /** False when another instance holds the lease (this one did nothing). */
  leader: boolean;
  occurrences: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Another instance had already claimed it (a split brain the claim resolved). */
  notClaimed: number;
  deactivated: number;
  uncertain: number;
  /** Not started because the lease was lost mid-run; the next leader sends them. */
  aborted: number;
  /** Transient failures left for a later tick (within the grace window). */
  retryLater: number;
  /** The meeting source (e.g. Graph) failed: meeting reminders wait for the next tick. */
  meetingSourceFailed: boolean;
}

type Target =
  | { kind: 'conversation'; id: string; conversation: ConversationRecord }
  | { kind: 'feed'; id: string; userId: string }
  | { kind: 'unreachable'; id: string };

type SendableTarget = Exclude<Target, { kind: 'unreachable' }>;

/** What a tick reads once and every occurrence uses. */
interface TickData {
  measurements: readonly Measurement[];
  today: string;
  subscribed: readonly ConversationRecord[];
}

/** What the steps of one occurrence share. */
interface OccurrenceRun {
  occ: ReminderOccurrence;
  /** Sent more than `lateAfterMs` after its time: carries the "forsinket" note. */
  late: boolean;
  /** The deliveries already recorded for this occurrence, by target id. */
  recorded: ReadonlyMap<string, DeliveryRecord>;
  log: { event: 'reminder'; ruleId: string; occurrenceKey: string };
  report: TickReport;
}

const LEASE = 'reminder-scheduler';
/**
 * Ticks look this far beyond the grace window, so a delivery still waiting to retry when its grace
 * runs out is closed as "skipped" rather than left open.
 */
const SWEEP_MS = 3_600_000;

function emptyReport(leader: boolean): TickReport {
  return { leader, occurrences: 0, sent: 0, failed: 0, skipped: 0, notClaimed: 0, deactivated: 0, uncertain: 0, aborted: 0, retryLater: 0, meetingSourceFailed: false };
}

/**
 * Sends the reminders the schedule calls for, each (rule, occurrence, target) at most once.
 *
 * A tick: take the lease (one instance schedules; the others stand by and take over when it
 * lapses) → mark claims that never finished as "uncertain" → find occurrences due since the last
 * completed tick (the durable mark) or within the grace window → for each target not yet recorded
 * (or waiting to retry): too late → record "skipped"; else claim (one atomic insert-or-take-over-
 * a-retry on the delivery key) right before sending, send through the throttled fan-out, record
 * "sent" / "retry" / "failed" → advance the mark.
 *
 * The crash window: a process that dies after a claim and before recording the result leaves the
 * delivery "claimed" — it may or may not have reached Teams, and it is never sent again (at most
 * once). At most the fan-out's in-flight attempts (≤ 32) are exposed at any moment; after
 * `staleClaimMs` they are marked "uncertain" and logged.
 */
export class ReminderScheduler {
  private readonly options: ReminderSchedulerOptions;
  /** Feed recipients Graph answered 403/404 for (the app is not installed for them); until restart. */
  private readonly disabledFeedUsers = new Set<string>();
  private aborting = false;

  constructor(private readonly deps: ReminderSchedulerDeps) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
  }

  get instanceId(): string {
    return this.deps.instanceId;
  }

  /** One scheduler round; safe to call from every instance at any interval. */
  async tick(): Promise<TickReport> {
    const now = this.deps.now();
    if (!(await this.renewLease(now))) return emptyReport(false);
    return this.runDue(now);
  }

  /**
   * On shutdown, before waiting for a tick in progress: the fan-out starts no more sends (those
   * are not claimed, so the next leader sends them) and only the in-flight ones finish.
   */
  abort(): void {
    this.aborting = true;
  }

  /** Gives up the lease so another instance takes over at once (on shutdown). */
  async stop(): Promise<void> {
    await this.deps.store.releaseLease(LEASE, this.deps.instanceId);
  }

  private async renewLease(now: Date = this.deps.now()): Promise<boolean> {
    return this.deps.store.acquireLease(LEASE, this.deps.instanceId, now.toISOString(), new Date(now.getTime() + this.options.leaseMs).toISOString());
  }

  /**
   * The work of a tick without the lease. Public for tests of the split-brain case: even two
   * instances running this at once send each delivery once, because the claim decides.
   */
  async runDue(now: Date): Promise<TickReport> {
    const { store, schedule, contract, logger } = this.deps;
    const report = emptyReport(true);

    const stale = await store.markStaleClaimsUncertain(new Date(now.getTime() - this.options.staleClaimMs).toISOString(), now.toISOString());
    for (const d of stale) {
      logger.warn(
        { event: 'reminder', ruleId: d.ruleId, occurrenceKey: d.occurrenceKey, targetId: d.targetId, claimedBy: d.instanceId, claimedAt: d.claimedAt },
        'reminder delivery uncertain: its instance stopped between claim and confirmation (the crash window); it is not sent again',
      );
    }
    report.uncertain = stale.length;

    const mark = await store.getSchedulerMark();
    const graceStart = now.getTime() - this.options.graceMs;
    const from = new Date(Math.max(now.getTime() - this.options.maxLookbackMs, Math.min(mark === undefined ? graceStart : Date.parse(mark), graceStart - SWEEP_MS)));
    const today = localDate(now, schedule.timeZone);
    const measurements = (await contractStatusRows(this.deps.measurements, contract, today)).rows;
    const input = { schedule, contract, meetingSource: this.deps.meetingSource, measurements, today };
    // A failing meeting source (Graph down) must not hold up deadlines and nudges; its reminders
    // are taken up again by the next tick, because the mark then stays where it was.
    let meetings: ReminderOccurrence[] = [];
    try {
      meetings = await dueMeetingOccurrences(input, from, now);
    } catch (err) {
      report.meetingSourceFailed = true;
      logger.error({ event: 'reminder', err }, 'could not read the meeting occurrences; meeting reminders wait for the next tick');
    }
    const occurrences = [...meetings, ...dueDeadlineAndNudgeOccurrences(input, from, now)].sort(byDueTime);
    report.occurrences = occurrences.length;

    const subscribed = await store.listSubscribedConversations();
    for (const occ of occurrences) {
      if (this.aborting) break;
      await this.process(occ, now, { measurements, today, subscribed }, report);
    }

    // After an abort the mark stays, so whoever schedules next looks at these occurrences again.
    if (!report.meetingSourceFailed && !this.aborting) await store.advanceSchedulerMark(now.toISOString());
    if (report.sent + report.failed + report.skipped + report.deactivated + report.uncertain + report.aborted + report.retryLater > 0) {
      const { leader: _leader, ...counts } = report;
      logger.info({ event: 'reminder-tick', ...counts }, 'reminders processed');
    }
    return report;
  }

  private async targetsFor(occ: ReminderOccurrence, subscribed: readonly ConversationRecord[]): Promise<Target[]> {
    const feed = this.deps.activityFeed;
    const feedTarget = (userId: string): Target[] =>
      feed !== undefined && !this.disabledFeedUsers.has(userId.toLowerCase()) ? [{ kind: 'feed', id: feedTargetId(userId), userId }] : [];

    if (occ.kind === 'nudge') {
      const targets: Target[] = [];
      for (const userId of occ.userIds) {
        const personal = await this.deps.store.findPersonalConversation(userId);
        const own: Target[] = [];
        if (personal !== undefined && personal.subscription !== 'unsubscribed') {
          own.push({ kind: 'conversation', id: conversationTargetId(personal.conversationId), conversation: personal });
        }
        own.push(...feedTarget(userId));
        // Opted out in their chat and no feed: respect it silently. Never reachable: record it once a week.
        if (own.length === 0 && personal === undefined) own.push({ kind: 'unreachable', id: `user:${userId.toLowerCase()}` });
        targets.push(...own);
      }
      return targets;
    }

    // Meetings and deadlines: conversations that subscribed before the reminder was due, and the directors' feeds.
    const dueIso = occ.dueAt.toISOString();
    return [
      ...subscribed
        .filter((c) => c.subscriptionChangedAt === null || c.subscriptionChangedAt <= dueIso)
        .map((c): Target => ({ kind: 'conversation', id: conversationTargetId(c.conversationId), conversation: c })),
      ...(feed?.directorUserIds ?? []).flatMap(feedTarget),
    ];
  }

  /**
   * One occurrence: choose the targets still to do, skip them all when it is too late, record the
   * unreachable ones as skipped, send to the rest through the fan-out, record each outcome.
   */
  private async process(occ: ReminderOccurrence, now: Date, data: TickData, report: TickReport): Promise<void> {
    const recorded = new Map<string, DeliveryRecord>((await this.deps.store.listDeliveries({ ruleId: occ.ruleId, occurrenceKey: occ.occurrenceKey })).map((d) => [d.targetId, d]));
    const targets = await this.pendingTargets(occ, data.subscribed, recorded);
    if (targets.length === 0) return;
    const lateness = now.getTime() - occ.dueAt.getTime();
    const run: OccurrenceRun = {
      occ,
      late: lateness > this.options.lateAfterMs,
      recorded,
      log: { event: 'reminder', ruleId: occ.ruleId, occurrenceKey: occ.occurrenceKey },
      report,
    };

    if (now.getTime() >= occ.expiresAt.getTime() || lateness > this.options.graceMs) {
      const why = now.getTime() >= occ.expiresAt.getTime() ? 'expired: its event had begun before it could be sent' : 'expired: later than the grace window';
      await this.recordExpired(run, targets, why);
      return;
    }
    const sendable = await this.recordUnreachable(run, targets);
    if (sendable.length === 0) return;
    await this.dispatch(run, sendable, data);
  }

  /**
   * Choosing targets: those with a finished record are done; only new ones and those waiting to
   * retry remain. (Every tick revisits the grace window, so this keeps a finished fan-out from
   * costing anything.)
   */
  private async pendingTargets(occ: ReminderOccurrence, subscribed: readonly ConversationRecord[], recorded: ReadonlyMap<string, DeliveryRecord>): Promise<Target[]> {
    return (await this.targetsFor(occ, subscribed)).filter((t) => {
      const r = recorded.get(t.id);
      return r === undefined || r.status === 'retry';
    });
  }

  /** The delivery key and claim data of one target; `at` is read when it is built. */
  private delivery(run: OccurrenceRun, t: Target): NewDelivery {
    return {
      ruleId: run.occ.ruleId,
      occurrenceKey: run.occ.occurrenceKey,
      targetId: t.id,
      dueAt: run.occ.dueAt.toISOString(),
      instanceId: this.deps.instanceId,
      at: this.deps.now().toISOString(),
      late: run.late,
    };
  }

  /** Recording skipped (too late): every remaining target of the occurrence, once. */
  private async recordExpired(run: OccurrenceRun, targets: readonly Target[], why: string): Promise<void> {
    let skipped = 0;
    for (const t of targets) if (await this.deps.store.recordSkipped(this.delivery(run, t), why)) skipped++;
    if (skipped > 0) this.deps.logger.warn({ ...run.log, skipped, dueAt: run.occ.dueAt.toISOString() }, `reminder skipped for ${skipped} target(s): ${why}`);
    run.report.skipped += skipped;
  }

  /** Recording skipped (unreachable KPI owners); returns the targets that can be sent to. */
  private async recordUnreachable(run: OccurrenceRun, targets: readonly Target[]): Promise<SendableTarget[]> {
    const sendable: SendableTarget[] = [];
    for (const t of targets) {
      if (t.kind !== 'unreachable') sendable.push(t);
      else if (await this.deps.store.recordSkipped(this.delivery(run, t), 'unreachable: no personal chat with the bot and no activity feed')) {
        run.report.skipped++;
        this.deps.logger.warn({ ...run.log, targetId: t.id }, 'a KPI owner cannot be reached: they have no personal chat with Målbot (and no activity feed is configured)');
      }
    }
    return sendable;
  }

  /** Dispatching: one claimed, throttled job per target through the fan-out, holding the lease meanwhile. */
  private async dispatch(run: OccurrenceRun, sendable: readonly SendableTarget[], data: TickData): Promise<void> {
    const { occ } = run;
    // Built once per occurrence, on first use: every target gets the same card.
    let reply: Reply | undefined;
    const messageContext = { contract: this.deps.contract, schedule: this.deps.schedule, measurements: data.measurements, today: data.today, late: run.late };
    const jobs: FanOutJob[] = sendable.map((t) => ({
      rateKey: t.kind === 'conversation' ? t.conversation.conversationId : t.id,
      claim: () => this.deps.store.claimDelivery(this.delivery(run, t)),
      attempt:
        t.kind === 'conversation'
          ? () => this.deps.sender.send(t.conversation.reference, (reply ??= reminderReply(occ, messageContext)))
          : () => this.deps.activityFeed!.notifier.notify(reminderFeedNotification(occ, t.userId, messageContext)),
      // The Graph client retries 429/5xx itself; retrying here as well would multiply the attempts.
      ...(t.kind === 'feed' ? { maxAttempts: 1 } : {}),
    }));

    await this.deps.fanOut.run(jobs, {
      shouldStop: () => this.aborting,
      heartbeat: {
        everyMs: this.options.leaseMs / 3,
        beat: async () => {
          const held = await this.renewLease();
          if (!held) this.deps.logger.warn(run.log, 'lost the reminder scheduler lease during a fan-out; the next leader sends the rest');
          return held;
        },
      },
      // Each result is recorded the moment it is known, not after the whole fan-out: a crash then
      // leaves "claimed" (the crash window) only the deliveries in flight, as documented.
      onOutcome: (i, outcome) => this.recordOutcome(run, sendable[i]!, outcome),
    });
  }

  /** Recording the outcome of one target's delivery: sent, retry later, failed (and deactivated when gone). */
  private async recordOutcome(run: OccurrenceRun, t: SendableTarget, outcome: FanOutOutcome): Promise<void> {
    const { store, logger } = this.deps;
    const { report, log } = run;
    const at = this.deps.now().toISOString();
    const before = run.recorded.get(t.id)?.attempts ?? 0;
    try {
      if (outcome.status === 'sent') {
        report.sent++;
        await store.finishDelivery(this.delivery(run, t), { status: 'sent', at, attempts: before + outcome.attempts, detail: null });
      } else if (outcome.status === 'not-claimed') {
        report.notClaimed++;
      } else if (outcome.status === 'aborted') {
        report.aborted++;
      } else {
        const error = outcome.error;
        if (outcome.attempts === 0) {
          report.failed++;
          logger.error({ ...log, targetId: t.id, err: error }, 'could not claim a reminder delivery; nothing was sent');
          return;
        }
        const attempts = before + outcome.attempts;
        if (error.kind === 'transient' && attempts < this.options.maxTotalAttempts) {
          // Teams calls these safe to retry; a later tick within the grace window claims it again.
          report.retryLater++;
          await store.finishDelivery(this.delivery(run, t), { status: 'retry', at, attempts, detail: error.message.slice(0, 500) });
          logger.warn({ ...log, targetId: t.id, statusCode: error.statusCode, attempts }, 'reminder not delivered yet (transient failure); the next tick tries again');
          return;
        }
        report.failed++;
        await store.finishDelivery(this.delivery(run, t), { status: 'failed', at, attempts, detail: error.message.slice(0, 500) });
        if (error.kind === 'permanent') {
          await this.deactivate(t, error.statusCode, at);
          report.deactivated++;
          logger.warn({ ...log, targetId: t.id, statusCode: error.statusCode }, 'reminder target is gone (403/404): deactivated');
        } else {
          logger.error({ ...log, targetId: t.id, statusCode: error.statusCode, attempts: outcome.attempts, kind: error.kind }, `reminder could not be delivered: ${error.message}`);
        }
      }
    } catch (err) {
      logger.error({ ...log, targetId: t.id, err }, 'could not record a reminder delivery result');
    }
  }

  private async deactivate(t: SendableTarget, statusCode: number | undefined, at: string): Promise<void> {
    if (t.kind === 'feed') {
      this.disabledFeedUsers.add(t.userId.toLowerCase());
      return;
    }
    await this.deps.store.deactivateConversation(t.conversation.conversationId, statusCode === 404 ? 'not-found' : 'forbidden', at);
  }
}
