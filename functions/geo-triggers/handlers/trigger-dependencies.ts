import type * as z from 'zod/mini';
import type { AssessDependencies } from '../../core/geo/assess-sign-in.js';
import { type ClientRoles, clientRole } from '../../core/geo/client-roles.js';
import type {
  CodeSender,
  SignInDecisionEntry,
  SignInGrants,
  SignInLog,
} from '../../core/geo/ports.js';
import type { Clock } from '../../core/shared/clock.js';
import { SignInRefusedError } from '../../core/shared/errors.js';
import type { EventLog } from '../../core/shared/event-log.js';
import { parseEvent } from '../trigger-events.js';

/** Everything the sign-in triggers are built from; each trigger takes only the part it uses. */
export interface TriggerDependencies extends AssessDependencies {
  signIns: SignInLog;
  grants: SignInGrants;
  clients: ClientRoles;
  codeSender?: CodeSender;
  clock: Clock;
  log: EventLog;
}

export type TriggerHandler = (raw: unknown) => Promise<unknown>;

/**
 * A trigger handler factory: parse the event (bad input never signs anyone in), build the
 * dependencies, decide. `decide` answers with the event to give back to Cognito.
 */
export function triggerHandler<S extends z.ZodMiniType, D extends Partial<TriggerDependencies>>(
  schema: S,
  decide: (event: z.infer<S>, deps: D, raw: unknown) => Promise<unknown>,
) {
  return (dependencies: () => Promise<D>): TriggerHandler =>
    async (raw) =>
      decide(parseEvent(schema, raw), await dependencies(), raw);
}

type EventFacts = { userPoolId: string; userName: string; callerContext: { clientId?: string } };
type Decision = Pick<SignInDecisionEntry, 'at' | 'outcome' | 'country' | 'rule' | 'reason'> & {
  ip?: string;
};

/** What recording a decision takes. */
export type Recorder = Pick<TriggerDependencies, 'signIns' | 'log'>;

/** Records a sign-in decision for the person's trail; the log gets the rule, never the person. */
export async function recordDecision(
  deps: Recorder,
  event: EventFacts,
  entry: Decision,
): Promise<void> {
  await deps.signIns.recordDecision({
    source: event.userPoolId,
    username: event.userName,
    at: entry.at,
    outcome: entry.outcome,
    country: entry.country,
    rule: entry.rule,
    reason: entry.reason,
    ip: entry.ip,
  });
  deps.log.info('sign-in decision', {
    outcome: entry.outcome,
    rule: entry.rule,
    country: entry.country,
  });
}

/** Records the refusal, then refuses with the one generic message Cognito passes to the client. */
export async function refuse(
  deps: Recorder,
  event: EventFacts,
  entry: Omit<Decision, 'outcome'>,
): Promise<never> {
  await recordDecision(deps, event, { ...entry, outcome: 'denied' });
  throw new SignInRefusedError();
}

/** The caller's app client, as the fence sees it. */
export function roleOf(deps: Pick<TriggerDependencies, 'clients'>, event: EventFacts) {
  return clientRole(event.callerContext.clientId, deps.clients);
}

export const WRONG_CLIENT = {
  rule: 'client',
  reason: 'not the gateway client nor a named unfenced one',
  country: null,
};

/** Cognito expects the event back with only `response` changed. */
export function withResponse(raw: unknown, response: object): unknown {
  return { ...(raw as object), response };
}
