import pino from 'pino';
import type { AppConfig } from '../config/read-config';
import type { Logger } from '../core/ports/logger';

/** JSON lines on stdout; no message text or personal data at info level (see README). */
export function createLogger(level: AppConfig['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'maalbot' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
