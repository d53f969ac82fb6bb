import { OffboardingConflictError } from './errors.js';
import type { OffboardingDependencies } from './execute-offboarding.js';

/**
 * How long an offboarding may act on a person before another may take over: longer than the API
 * (29 s) and the executor (2 min) may run, so only an invocation that died loses its claim.
 */
const CLAIM_MS = 5 * 60_000;

/**
 * Runs `act` while this offboarding alone acts on the person: requests that arrive together for
 * one person would otherwise each sign out, disable and audit the same accounts. Another
 * offboarding holding the person is a conflict (the API answers 409; Scheduler retries).
 */
export async function actingAlone<T>(
  employeeId: string,
  offboardingId: string,
  deps: Pick<OffboardingDependencies, 'store' | 'clock'>,
  act: () => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + CLAIM_MS);
  const holder = await deps.store.claimPerson(employeeId, offboardingId, now, until);
  if (holder !== offboardingId) {
    throw new OffboardingConflictError(
      `offboarding ${holder} of the same person is in progress; retry shortly`,
    );
  }
  try {
    return await act();
  } finally {
    await deps.store.releasePerson(employeeId, offboardingId);
  }
}
