// The ports of the console capability, implemented in functions/aws/ and, for unit tests, in memory.
import type { ConsoleRouteId } from './routes.js';

/** One call of the console API, with the staff member the authoriser verified. */
export interface ConsoleCallEntry {
  callId: string;
  at: Date;
  /** The staff member's username and immutable id in the staff pool. */
  actor: string;
  sub: string;
  route: ConsoleRouteId | 'unknown';
  /** The HTTP status the call was answered with: 403 for a refused attempt. */
  status: number;
  /** What the call was about: a run id, an offboarding id, an employee id or `pool/username`. */
  target?: string;
}

/** Every call of the console API, refused ones included. */
export interface ConsoleAudit {
  recordCall(entry: ConsoleCallEntry): Promise<void>;
  /** Calls of one day (YYYY-MM-DD), oldest first. */
  listCalls(day: string): Promise<ConsoleCallEntry[]>;
}
