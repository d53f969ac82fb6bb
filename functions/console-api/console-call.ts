import type { StaffMember } from '../core/console/staff.js';
import type { ApiAnswer } from '../core/shared/api-answer.js';
import type { ConsoleEvent } from './api-event.js';

/** One authorised call, as a route's handler sees it. */
export interface ConsoleCall {
  staff: StaffMember;
  event: ConsoleEvent;
  /** Path parameters, as API Gateway matched them. */
  parameters: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The parsed JSON body (a marker when it is not JSON; `validate` reports it). */
  body: unknown;
}

/** A route's answer, and what the call was about, for the audit record. */
export interface RouteResult {
  answer: ApiAnswer;
  target?: string;
}

export type RouteHandler<D> = (call: ConsoleCall, deps: D) => Promise<RouteResult>;
