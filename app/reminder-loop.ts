import type { ReminderScheduler } from '../features/reminders/reminder-scheduler';
import type { Telemetry } from '../core/ports/telemetry';
import type { Logger } from '../core/ports/logger';

export interface ReminderLoop {
  /** Stops ticking, lets a tick in progress finish its in-flight sends only, and hands the lease on. */
  stop(): Promise<void>;
}

/**
 * Runs the scheduler every `intervalMs` (first tick at once). Ticks never overlap: the next is
 * planned when the previous has finished. A failing tick is logged and the loop goes on.
 */
export function startReminderLoop(scheduler: ReminderScheduler, options: { intervalMs: number; logger: Logger; telemetry?: Telemetry }): ReminderLoop {
  const { intervalMs, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async (): Promise<void> => {
    try {
      const report = await scheduler.tick();
      options.telemetry?.reminderTick({ sent: report.sent, failed: report.failed, skipped: report.skipped, deactivated: report.deactivated, retryLater: report.retryLater });
    } catch (err) {
      logger.error({ err, event: 'reminder-tick' }, 'reminder tick failed; trying again at the next tick');
    }
  };
  const schedule = (delayMs: number): void => {
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        if (!stopped) schedule(intervalMs);
      });
    }, delayMs);
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      scheduler.abort();
      await running;
      await scheduler.stop().catch((err: unknown) => logger.error({ err }, 'could not release the reminder lease'));
    },
  };
}
