/**
 * The reminders' part of the configuration (README: "Reminders"). Kept apart from readConfig so
 * its rules live in one place; readConfig merges the result. The schedule itself (dates, lead
 * times, owners) is data in the SCHEDULE_FILE, not environment.
 */
export interface ReminderConfig {
  /** The schedule file, relative to the repository or absolute; undefined = no reminders are sent. */
  scheduleFile: string | undefined;
  /** How often the scheduler looks for due reminders. */
  tickSeconds: number;
  /** A reminder missed (e.g. during downtime) by up to this much is still sent, marked "forsinket". */
  graceMinutes: number;
  /** Messages per second for the whole bot (Teams allows 30 per app per tenant). */
  ratePerSecond: number;
  /** Messages per second into one conversation (Teams allows 7). */
  conversationRatePerSecond: number;
}

export interface ReminderConfigResult {
  reminders: ReminderConfig;
  problems: string[];
}

interface IntegerRule {
  name: string;
  fallback: number;
  min: number;
  max: number;
  meaning: string;
}

const RULES = {
  tickSeconds: { name: 'REMINDER_TICK_SECONDS', fallback: 60, min: 5, max: 3600, meaning: 'sekunder mellem scheduler-runder' },
  graceMinutes: { name: 'REMINDER_GRACE_MINUTES', fallback: 360, min: 0, max: 10_080, meaning: 'minutter en forsinket påmindelse stadig sendes' },
  ratePerSecond: { name: 'REMINDER_RATE_PER_SECOND', fallback: 30, min: 1, max: 50, meaning: 'beskeder pr. sekund i alt (Teams: 30 pr. app pr. tenant)' },
  conversationRatePerSecond: { name: 'REMINDER_CONVERSATION_RATE_PER_SECOND', fallback: 7, min: 1, max: 7, meaning: 'beskeder pr. sekund i én samtale (Teams: højst 7)' },
} satisfies Record<string, IntegerRule>;

function integer(env: NodeJS.ProcessEnv, rule: IntegerRule, problems: string[]): number {
  const raw = env[rule.name]?.trim() ?? '';
  if (raw === '') return rule.fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < rule.min || n > rule.max) {
    problems.push(`${rule.name}: skal være et heltal ${rule.min}–${rule.max} (${rule.meaning}); fundet: ${JSON.stringify(env[rule.name])}`);
    return rule.fallback;
  }
  return n;
}

export function readReminderConfig(env: NodeJS.ProcessEnv): ReminderConfigResult {
  const problems: string[] = [];
  const file = env.SCHEDULE_FILE?.trim() ?? '';
  return {
    reminders: {
      scheduleFile: file === '' ? undefined : file,
      tickSeconds: integer(env, RULES.tickSeconds, problems),
      graceMinutes: integer(env, RULES.graceMinutes, problems),
      ratePerSecond: integer(env, RULES.ratePerSecond, problems),
      conversationRatePerSecond: integer(env, RULES.conversationRatePerSecond, problems),
    },
    problems,
  };
}
