import type restify from 'restify';

/**
 * Counts the HTTP requests being answered, so a shutdown can wait for the turns in flight.
 * A turn on /api/messages runs inside its request (replies go out to the Bot Connector before the
 * 200), so "request answered" means "turn finished". Once draining, new requests — e.g. on a
 * kept-alive connection — get 503 with `Connection: close`, and the Bot Connector retries them
 * against another instance or after the restart.
 */
export class InFlightRequests {
  private active = 0;
  private draining = false;
  private idle: Array<() => void> = [];

  /** For `server.pre(...)`: runs before routing, for every request. */
  readonly handler = (req: restify.Request, res: restify.Response, next: restify.Next): void => {
    if (this.draining) {
      res.setHeader('connection', 'close');
      res.json(503, { status: 'stopping' });
      next(false);
      return;
    }
    this.active++;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      this.active--;
      if (this.active === 0) this.wakeIdle();
    };
    // 'close' also covers a client that hangs up before the answer is written.
    res.once('finish', finished);
    res.once('close', finished);
    req.once('aborted', finished);
    next();
  };

  get count(): number {
    return this.active;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Refuse new requests from now on; resolves true when all in flight have been answered, false on timeout. */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idle = this.idle.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idle.push(wake);
    });
  }

  private wakeIdle(): void {
    const waiters = this.idle;
    this.idle = [];
    for (const wake of waiters) wake();
  }
}
