import { OffboardingConflictError } from './errors.js';
import { executeCreated, type OffboardingDependencies } from './execute-offboarding.js';
import { offboardingNotice } from './notice.js';
import { type Offboarding, scheduleNameOf } from './offboarding.js';
import { actingAlone } from './person-claim.js';
import { getOffboarding, schedule } from './request-offboarding.js';

async function scheduledOffboarding(
  id: string,
  change: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const offboarding = await getOffboarding(id, deps);
  if (offboarding.status !== 'scheduled') {
    throw new OffboardingConflictError(
      `offboarding ${id} is ${offboarding.status}; only a scheduled offboarding can be ${change}`,
    );
  }
  return offboarding;
}

/**
 * Moves a scheduled offboarding; a moment that is not in the future offboards now. Either holds
 * the person's claim and reads the offboarding again under it, so a move never lands while the
 * offboarding acts (a conflict: retry shortly) and never reschedules one that has already run.
 */
export async function moveOffboarding(
  id: string,
  effectiveAt: Date,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const { employeeId } = await scheduledOffboarding(id, 'moved', deps);
  const now = deps.clock.now();
  if (effectiveAt <= now) {
    return actingAlone(employeeId, id, deps, async () => {
      // Read again under the claim: a cancel may have landed between the first read and the claim.
      const current = await scheduledOffboarding(id, 'moved', deps);
      const moved: Offboarding = {
        ...current,
        effectiveAt: now,
        history: [...current.history, { at: now, what: 'moved', by, detail: 'now' }],
      };
      await deps.store.save(moved);
      await deps.scheduler.remove(scheduleNameOf(id));
      return executeCreated(moved, by, deps);
    });
  }
  return actingAlone(employeeId, `${id}:move`, deps, async () => {
    const current = await scheduledOffboarding(id, 'moved', deps);
    return schedule({ ...current, effectiveAt }, by, 'moved', deps);
  });
}

/**
 * Cancels a scheduled offboarding (a rehire, a mistake): its schedule and the access ends it
 * recorded go; one that has already run cannot be cancelled. It holds the person's claim, so it
 * never lands while the offboarding acts (that is a conflict: retry shortly), and the executor,
 * which reads the offboarding again under the claim, never acts on a cancelled one.
 */
export async function cancelOffboarding(
  id: string,
  reason: string,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const { employeeId } = await scheduledOffboarding(id, 'cancelled', deps);
  return actingAlone(employeeId, `${id}:cancel`, deps, () => cancel(id, reason, by, deps));
}

async function cancel(
  id: string,
  reason: string,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const offboarding = await scheduledOffboarding(id, 'cancelled', deps);
  await deps.scheduler.remove(scheduleNameOf(id));
  await Promise.all(
    offboarding.accounts.map((a) => deps.accessEnds.removeOffboardingEnd(a.source, a.username, id)),
  );
  const cancelled: Offboarding = {
    ...offboarding,
    status: 'cancelled',
    cancelReason: reason,
    history: [...offboarding.history, { at: deps.clock.now(), what: 'cancelled', by }],
  };
  await deps.store.save(cancelled);
  deps.log.info('offboarding cancelled', { offboardingId: id });
  await deps.notifier.notify(offboardingNotice(cancelled));
  return cancelled;
}
