import { accountKey } from '../account.js';
import { OffboardingKeyReusedError, OffboardingNotFoundError } from './errors.js';
import { executeCreated, executeNow, type OffboardingDependencies } from './execute-offboarding.js';
import { findAccounts } from './find-accounts.js';
import { offboardingNotice } from './notice.js';
import { type Offboarding, type OffboardingOrigin, schedulingInterrupted } from './offboarding.js';
import { actingAlone } from './person-claim.js';
import { oneTimeSchedule } from './schedule.js';

export interface OffboardingRequest {
  /** Deterministic (from the Idempotency-Key, or the employee id for the feed). */
  id: string;
  employeeId: string;
  /** Absent or not in the future: act now. */
  effectiveAt?: Date;
  reason: string;
  requestedBy: string;
  /** Who signed the request (an IAM ARN), or the run that asked. */
  caller: string;
  origin: OffboardingOrigin;
}

/**
 * Offboards now, or schedules the offboarding for its moment. The same request twice returns the
 * first offboarding (finishing it if a crash interrupted it), never a second one; another
 * request under the same id is refused (OffboardingKeyReusedError) and changes nothing.
 */
export async function requestOffboarding(
  request: OffboardingRequest,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const existing = await deps.store.get(request.id);
  if (existing) return resume(sameRequest(existing, request), request.caller, deps);
  const now = deps.clock.now();
  const future = request.effectiveAt !== undefined && request.effectiveAt > now;
  const offboarding: Offboarding = {
    id: request.id,
    employeeId: request.employeeId,
    status: 'scheduled',
    effectiveAt: future ? (request.effectiveAt as Date) : now,
    origin: request.origin,
    reason: request.reason,
    requestedBy: request.requestedBy,
    requestedAt: now,
    accounts: [],
    flagged: [],
    warnings: [],
    history: [{ at: now, what: 'requested', by: request.caller }],
  };
  const created = async (then: () => Promise<Offboarding>) =>
    (await deps.store.create(offboarding))
      ? then()
      : resume(
          sameRequest((await deps.store.get(request.id)) as Offboarding, request),
          request.caller,
          deps,
        );
  // Claimed before it is created: a request refused for a conflict leaves nothing behind.
  return actingAlone(request.employeeId, request.id, deps, () =>
    future
      ? created(() => schedule(offboarding, request.caller, 'scheduled', deps))
      : created(() => executeCreated(offboarding, request.caller, deps)),
  );
}

/** The offboarding an earlier request under this id created, if it was this request. */
function sameRequest(earlier: Offboarding, request: OffboardingRequest): Offboarding {
  if (
    earlier.employeeId !== request.employeeId ||
    earlier.reason !== request.reason ||
    earlier.requestedBy !== request.requestedBy
  )
    throw new OffboardingKeyReusedError();
  return earlier;
}

/**
 * Finds the accounts, records their access end now (so the triggers refuse from the exact
 * moment even if the schedule fires late), and creates or moves the one-time schedule.
 */
export async function schedule(
  offboarding: Offboarding,
  by: string,
  what: 'scheduled' | 'moved',
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const found = await findAccounts(offboarding.employeeId, deps.index, deps.sources);
  await Promise.all(
    found.linked.map((a) =>
      deps.accessEnds.recordOffboardingEnd(
        a.source,
        a.username,
        offboarding.id,
        offboarding.effectiveAt,
      ),
    ),
  );
  // Accounts an earlier scan found that are not the person's any more lose this access end.
  const dropped = offboarding.accounts.filter(
    (a) => !found.linked.some((l) => l.source === a.source && l.username === a.username),
  );
  await Promise.all(
    dropped.map((a) => deps.accessEnds.removeOffboardingEnd(a.source, a.username, offboarding.id)),
  );
  await deps.scheduler.upsert(
    oneTimeSchedule(offboarding.id, offboarding.effectiveAt, deps.timeZone),
  );
  const scheduled: Offboarding = {
    ...offboarding,
    status: 'scheduled',
    accounts: found.linked.map((a) => ({
      source: a.source,
      username: a.username,
      accountKey: accountKey(a),
    })),
    flagged: found.flagged,
    warnings: found.warnings,
    history: [
      ...offboarding.history,
      { at: deps.clock.now(), what, by, detail: offboarding.effectiveAt.toISOString() },
    ],
  };
  await deps.store.save(scheduled);
  deps.log.info(`offboarding ${what}`, {
    offboardingId: offboarding.id,
    accounts: scheduled.accounts.length,
    flagged: scheduled.flagged.length,
  });
  await deps.notifier.notify(offboardingNotice(scheduled));
  return scheduled;
}

/**
 * A request seen before: finish it if it is due and unfinished, finish scheduling it if that was
 * interrupted, else return it as it is.
 */
function resume(
  existing: Offboarding,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const due = existing.effectiveAt <= deps.clock.now();
  if (existing.status === 'partially_failed' || (existing.status === 'scheduled' && due)) {
    return executeNow(existing.id, by, deps);
  }
  if (schedulingInterrupted(existing)) {
    return schedule(existing, by, 'scheduled', deps);
  }
  return Promise.resolve(existing);
}

/** The offboarding, or a not-found error the API answers with 404. */
export async function getOffboarding(
  id: string,
  deps: Pick<OffboardingDependencies, 'store'>,
): Promise<Offboarding> {
  const offboarding = await deps.store.get(id);
  if (!offboarding) throw new OffboardingNotFoundError(id);
  return offboarding;
}
