import type { AssessDependencies } from '../../core/geo/assess-sign-in.js';
import type { CodeSender, SignInDecisionEntry, SignInLog } from '../../core/geo/ports.js';
import type { SignInVerdict } from '../../core/geo/sign-in-steps.js';
import type { Clock } from '../../core/shared/clock.js';
import type { EventLog } from '../../core/shared/event-log.js';

/** What every sign-in trigger is built from; the composition root makes it from AWS. */
export interface TriggerDependencies extends AssessDependencies {
  signIns: SignInLog;
  codeSender?: CodeSender;
  clock: Clock;
  log: EventLog;
}

export type TriggerHandler = (raw: unknown) => Promise<unknown>;

/** Records a sign-in decision for the person's trail; the log gets the rule, never the person. */
export async function recordDecision(
  deps: TriggerDependencies,
  event: { userPoolId: string; userName: string },
  entry: Pick<SignInDecisionEntry, 'at' | 'outcome'> &
    Pick<SignInVerdict, 'country' | 'rule' | 'reason'> & { ip?: string },
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

/** Cognito expects the event back with only `response` changed. */
export function withResponse(raw: unknown, response: object): unknown {
  return { ...(raw as object), response };
}
