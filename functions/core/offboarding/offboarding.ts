import { createHash } from 'node:crypto';

/** Where an offboarding stands. `scheduled` waits for its moment; the other three are final. */
export const OFFBOARDING_STATUSES = ['done', 'scheduled', 'partially_failed', 'cancelled'] as const;
export type OffboardingStatus = (typeof OFFBOARDING_STATUSES)[number];

/** What happened to one linked account. */
export const ACCOUNT_OUTCOMES = ['disabled', 'already_disabled', 'failed'] as const;
export type AccountOutcome = (typeof ACCOUNT_OUTCOMES)[number];

/** Who asked: HR (the API or the CLI), or an applied reconciliation for a future leaver. */
export type OffboardingOrigin = 'hr' | 'feed';

/** A linked account: signed out and disabled when the offboarding runs. */
export interface OffboardingAccount {
  readonly source: string;
  readonly username: string;
  readonly accountKey: string;
  /** Unset until the offboarding has acted on the account. */
  readonly outcome?: AccountOutcome;
  /** Error name only, when the outcome is `failed`. */
  readonly error?: string;
}

/** An account that may be the person's but is not acted on: a person must review it. */
export interface FlaggedAccount {
  readonly source: string;
  readonly username: string;
  readonly reason: string;
}

/** One thing that happened to the offboarding, with who did it. */
export interface OffboardingEvent {
  readonly at: Date;
  readonly what: 'requested' | 'scheduled' | 'moved' | 'cancelled' | 'executed';
  /** The caller's identity (an IAM ARN), or `reconciliation run <id>`, or `schedule`. */
  readonly by: string;
  readonly detail?: string;
}

export interface Offboarding {
  readonly id: string;
  readonly employeeId: string;
  readonly status: OffboardingStatus;
  /** The moment access ends; acted on at once when it is not in the future. */
  readonly effectiveAt: Date;
  readonly origin: OffboardingOrigin;
  /** HR's reason; kept in the record and the audit, never logged. */
  readonly reason: string;
  /** The person or system HR names as the requester. */
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly accounts: readonly OffboardingAccount[];
  readonly flagged: readonly FlaggedAccount[];
  readonly warnings: readonly string[];
  readonly history: readonly OffboardingEvent[];
  readonly cancelReason?: string;
}

/** What the API and `--json` print. */
export interface OffboardingView {
  id: string;
  employeeId: string;
  status: OffboardingStatus;
  effectiveAt: string;
  accounts: { source: string; username: string; outcome: AccountOutcome | null }[];
  flagged: FlaggedAccount[];
  warnings: string[];
  origin: OffboardingOrigin;
  requestedBy: string;
  requestedAt: string;
  cancelReason?: string;
}

export function viewOf(offboarding: Offboarding): OffboardingView {
  return {
    id: offboarding.id,
    employeeId: offboarding.employeeId,
    status: offboarding.status,
    effectiveAt: offboarding.effectiveAt.toISOString(),
    accounts: offboarding.accounts.map((a) => ({
      source: a.source,
      username: a.username,
      outcome: a.outcome ?? null,
    })),
    flagged: [...offboarding.flagged],
    warnings: [...offboarding.warnings],
    origin: offboarding.origin,
    requestedBy: offboarding.requestedBy,
    requestedAt: offboarding.requestedAt.toISOString(),
    ...(offboarding.cancelReason ? { cancelReason: offboarding.cancelReason } : {}),
  };
}

const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

/**
 * An HR request's id follows from its Idempotency-Key, so a request retried after a crash finds
 * the offboarding it began instead of starting a second one.
 */
export function hrOffboardingId(idempotencyKey: string): string {
  return `ob-${digest('hr', idempotencyKey)}`;
}

/** A future leaver from the feed has one offboarding, keyed by the employee id. */
export function feedOffboardingId(employeeId: string): string {
  return `lv-${digest('feed', employeeId)}`;
}

/** An offboarding id (in a path): anything else names no offboarding. */
export const OFFBOARDING_ID = /^(ob|lv)-[0-9a-f]{24}$/;

/**
 * Created for a moment to come, but its scheduling (lookup, access ends, schedule) stopped before
 * it finished: no schedule exists to fire it, so the next request or run must finish it.
 */
export function schedulingInterrupted(offboarding: Offboarding): boolean {
  return offboarding.status === 'scheduled' && offboarding.history.at(-1)?.what === 'requested';
}

/**
 * The name of an offboarding's one-time schedule (letters, digits and `-` only, as Scheduler
 * wants), or of its nth retry: each retry has its own, so none is updated while Scheduler
 * deletes the one that has just fired.
 */
export function scheduleNameOf(offboardingId: string, retry?: number): string {
  return `offboarding-${offboardingId}${retry ? `-retry-${retry}` : ''}`;
}

/** The offboarding a schedule name belongs to, or undefined for any other name. */
export function offboardingIdOfSchedule(name: string): string | undefined {
  return /^offboarding-((?:ob|lv)-[0-9a-f]{24})(?:-retry-[1-9]\d*)?$/.exec(name)?.[1];
}
