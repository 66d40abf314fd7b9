import type { Logger } from '../core/ports/logger';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * What happens on SIGTERM/SIGINT, as an ordered list of named steps (app/main.ts adds them:
 * stop taking requests and finish the turns in flight → stop the scheduler → close the store).
 * Every step runs once, in order; a failing step is logged and the later ones still run, so the
 * store is closed even if draining timed out.
 */
export class GracefulShutdown {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<number> | undefined;

  constructor(private readonly logger: Logger) {}

  /** Appends a step; steps run in the order they were added. */
  add(name: string, run: () => Promise<unknown>): this {
    this.steps.push({ name, run });
    return this;
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** Runs the steps (only the first call does; later calls get the same promise). Resolves with the exit code. */
  run(reason: string): Promise<number> {
    this.running ??= this.runSteps(reason);
    return this.running;
  }

  private async runSteps(reason: string): Promise<number> {
    this.logger.info({ event: 'shutdown', reason, steps: this.steps.map((s) => s.name) }, 'stopping');
    let failed = 0;
    for (const step of this.steps) {
      const started = Date.now();
      try {
        await step.run();
        this.logger.info({ event: 'shutdown-step', step: step.name, durationMs: Date.now() - started }, `stopped: ${step.name}`);
      } catch (err) {
        failed++;
        this.logger.error({ event: 'shutdown-step', step: step.name, err }, `shutdown step failed: ${step.name}`);
      }
    }
    this.logger.info({ event: 'shutdown', reason, failedSteps: failed }, failed === 0 ? 'stopped cleanly' : 'stopped with errors');
    return failed === 0 ? 0 : 1;
  }
}

/**
 * SIGTERM (orchestrators, App Service) and SIGINT (Ctrl+C) run the shutdown, then exit with its
 * code. A second signal while stopping exits at once with 1 — the operator insists.
 */
export function exitOnSignals(shutdown: GracefulShutdown, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.started) {
      logger.warn({ event: 'shutdown', signal }, 'second signal while stopping: exiting now');
      exit(1);
      return;
    }
    shutdown.run(signal).then(exit, () => exit(1));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
