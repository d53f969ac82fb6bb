import { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { EventLog } from '../core/shared/event-log.js';

/** The core's event log as Powertools' structured JSON logs. */
export function powertoolsLog(logger: Logger): EventLog {
  return {
    info: (message, detail = {}) => logger.info(message, detail as LogAttributes),
    warn: (message, detail = {}) => logger.warn(message, detail as LogAttributes),
  };
}

/** An event log of its own, for a function that has no other use for a logger. */
export function serviceLog(serviceName: string): EventLog {
  return powertoolsLog(new Logger({ serviceName }));
}
