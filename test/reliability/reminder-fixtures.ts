import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TurnContext, type Activity } from 'botbuilder';
import type { ReminderStore } from '../../core/ports/reminder-store';
import type { FakeConnector } from '../helpers/fake-connector';
import { teamsMessage } from '../helpers/teams-activity';

/**
 * A reminder that is due when the bot starts, and many channels subscribed to it: what a
 * crash-during-fan-out test needs, with real time (main.ts has no virtual clock).
 */

const TIME_ZONE = 'Europe/Copenhagen';

/** Channel ids the fixtures subscribe: 19:reliability-<i>@thread.tacv2. */
export function channelId(i: number): string {
  return `19:reliability-${i}@thread.tacv2`;
}

/**
 * Stores `count` channels with their conversation references — made by botbuilder's own
 * TurnContext.getConversationReference from a Teams channel message, as the bot does on every
 * message — and subscribes them as of `subscribedAt` (before the reminder was due, so they get it).
 */
export async function seedSubscribedChannels(store: ReminderStore, count: number, serviceUrl: string, subscribedAt: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = channelId(i);
    const activity = teamsMessage({ text: 'abonnér på påmindelser', serviceUrl, kind: 'channel', mention: true });
    (activity.conversation as Record<string, unknown>).id = id;
    const reference = { ...TurnContext.getConversationReference(activity as Partial<Activity>) } as Record<string, unknown>;
    await store.upsertConversation({
      conversationId: id,
      kind: 'channel',
      reference,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      teamId: `19:team-${i}@thread.tacv2`,
      userAadObjectId: null,
      seenAt: subscribedAt.toISOString(),
    });
    await store.setSubscription(id, 'subscribed', subscribedAt.toISOString(), `29:reliability-user-${i}`);
    ids.push(id);
  }
  return ids;
}

/** Local date and "HH:MM" of an instant in Copenhagen. */
function localParts(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export interface DueMeeting {
  file: string;
  meetingStart: Date;
  /** When its one-hour reminder was due: about 20 minutes before `now`. */
  reminderDueAt: Date;
}

/**
 * A schedule file whose meeting starts 40–41 minutes after `now` (on a whole minute), with a
 * one-hour reminder — due ~20 minutes ago: well within the grace window, so the scheduler's
 * first tick at startup sends it (marked "forsinket"), and the meeting has not begun.
 */
export function writeDueMeetingSchedule(dir: string, now: Date): DueMeeting {
  const meetingStart = new Date(Math.ceil((now.getTime() + 40 * 60_000) / 60_000) * 60_000);
  const local = localParts(meetingStart);
  const file = path.join(dir, 'schedule.yaml');
  writeFileSync(
    file,
    [
      `timeZone: ${TIME_ZONE}`,
      'meeting:',
      `  anchorDate: ${local.date}`,
      `  time: '${local.time}'`,
      '  durationMinutes: 60',
      '  intervalDays: 14',
      "  leadTimes: ['1h']",
      '',
    ].join('\n'),
  );
  return { file, meetingStart, reminderDueAt: new Date(meetingStart.getTime() - 3_600_000) };
}

/** How many messages each channel got (only reminders go to these channels: nobody writes there). */
export function postsPerChannel(connector: FakeConnector, ids: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const call of connector.calls) {
    if (call.method === 'POST') counts.set(call.conversationId, (counts.get(call.conversationId) ?? 0) + 1);
  }
  return ids.map((id) => counts.get(id) ?? 0);
}

/** Polls `check` until it returns true or `timeoutMs` passes (then throws with `describe()`). */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
