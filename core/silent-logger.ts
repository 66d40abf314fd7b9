import type { Logger } from './ports/logger';

/** Used when the caller passes no logger (tests, scripts): writes nothing. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
