/**
 * The slice of a logger the stores use. A pino logger fits it as is; tests can pass a recorder.
 * Kept this small so store/ does not depend on pino.
 */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Used when the caller passes no logger (tests, scripts). */
export const silentStoreLogger: StoreLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
