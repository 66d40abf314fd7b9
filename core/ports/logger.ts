/**
 * The one logger port: what the bot, stores, scheduler and Graph code write log lines through.
 * app/create-logger.ts's pino logger fits it as is; tests can pass a recorder. Kept this small so
 * nothing but app/create-logger.ts depends on pino.
 */
export interface Logger {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
  /** A logger whose every line also carries `bindings` (e.g. a component or a turn's ids). */
  child(bindings: Record<string, unknown>): Logger;
}
