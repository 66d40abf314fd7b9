import { createHash } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../core/ports/logger';

/** Where a turn's logger lives in `context.turnState`. */
export const TURN_LOGGER_KEY = Symbol('maalbot.turnLogger');

/**
 * A pino child logger for one turn: every line it writes carries the conversation (hashed: a
 * personal chat's id names who talks to the bot) and the activity id, so the lines of one turn
 * can be found together. Never the message text or a person's name: those stay out of the log.
 */
export function createTurnLogger(logger: Logger, activity: Partial<Activity>): Logger {
  return logger.child({
    conversation: hashId(activity.conversation?.id),
    activityId: activity.id ?? null,
    activityType: activity.type ?? null,
  });
}

/** The turn's logger set by MaalBot.run; one made from `base` if the turn failed before that. */
export function turnLoggerOf(context: TurnContext, base: Logger): Logger {
  const logger: unknown = context.turnState.get(TURN_LOGGER_KEY);
  return logger === undefined ? createTurnLogger(base, context.activity ?? {}) : (logger as Logger);
}

/** Hashes of the conversations seen lately (every turn logs its conversation's); bounded, cleared when full. */
const recentHashes = new Map<string, string>();
const MAX_RECENT_HASHES = 4_096;
/** Longer ids (not Teams') are hashed each time rather than kept. */
const MAX_REMEMBERED_ID = 512;

const sha256Prefix = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 16);

/** Stable across turns and restarts, so one conversation's lines can be found with `hashId(id)`. */
export function hashId(id: string | undefined): string | null {
  if (id === undefined || id === '') return null;
  if (id.length > MAX_REMEMBERED_ID) return sha256Prefix(id);
  let hash = recentHashes.get(id);
  if (hash === undefined) {
    hash = sha256Prefix(id);
    if (recentHashes.size >= MAX_RECENT_HASHES) recentHashes.clear();
    recentHashes.set(id, hash);
  }
  return hash;
}
