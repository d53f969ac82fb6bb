import type { Finding } from '../reconcile/situation.js';
import type { OffboardingsSection } from '../shared/pending-offboardings.js';
import { cancelOffboarding, moveOffboarding } from './change-offboarding.js';
import type { OffboardingDependencies } from './execute-offboarding.js';
import { feedOffboardingId, type Offboarding, schedulingInterrupted } from './offboarding.js';
import { schedule } from './request-offboarding.js';

export type FeedScheduleChange = OffboardingsSection['feedSchedules'][number];

export interface FeedSchedulePlanInput {
  findings: readonly Finding[];
  /** Every offboarding there is; only the feed's own scheduled ones are moved or cancelled. */
  existing: readonly Offboarding[];
  /** True when the feed is a full roster: a person it does not list is no longer a leaver. */
  complete: boolean;
  /** Whether the feed lists this employee at all. */
  listed: (employeeId: string) => boolean;
}

/**
 * One schedule per future leaver, keyed by employee id: create it, move it when the last day
 * changed, cancel it when the person is no longer a future leaver. Plans only; changes nothing.
 */
export function planFeedSchedules(input: FeedSchedulePlanInput): FeedScheduleChange[] {
  const desired = new Map<string, string>();
  for (const f of input.findings) {
    if (f.situation === 'future_leaver' && f.employeeId && f.accessEndsAt)
      desired.set(f.employeeId, f.accessEndsAt);
  }
  const byId = new Map(input.existing.map((o) => [o.id, o]));
  const changes: FeedScheduleChange[] = [];
  for (const [employeeId, effectiveAt] of desired) {
    const offboardingId = feedOffboardingId(employeeId);
    const current = byId.get(offboardingId);
    if (current?.status !== 'scheduled' || schedulingInterrupted(current)) {
      changes.push({ employeeId, offboardingId, change: 'create', effectiveAt, applied: false });
    } else if (current.effectiveAt.toISOString() !== effectiveAt) {
      changes.push({
        employeeId,
        offboardingId,
        change: 'move',
        effectiveAt,
        previousEffectiveAt: current.effectiveAt.toISOString(),
        applied: false,
      });
    }
  }
  for (const o of input.existing) {
    if (o.origin !== 'feed' || o.status !== 'scheduled' || desired.has(o.employeeId)) continue;
    if (input.complete || input.listed(o.employeeId)) {
      changes.push({
        employeeId: o.employeeId,
        offboardingId: o.id,
        change: 'cancel',
        effectiveAt: o.effectiveAt.toISOString(),
        applied: false,
      });
    }
  }
  return changes;
}

/** Makes the planned changes; one that fails is logged and left for the next run. */
export async function applyFeedSchedules(
  changes: readonly FeedScheduleChange[],
  runId: string,
  deps: OffboardingDependencies,
): Promise<FeedScheduleChange[]> {
  const by = `reconciliation run ${runId}`;
  const applied: FeedScheduleChange[] = [];
  for (const change of changes) {
    try {
      await applyOne(change, by, deps);
      applied.push({ ...change, applied: true });
    } catch (error) {
      deps.log.warn('feed schedule change failed', {
        offboardingId: change.offboardingId,
        change: change.change,
        error: (error as Error).name,
      });
      applied.push(change);
    }
  }
  return applied;
}

async function applyOne(
  change: FeedScheduleChange,
  by: string,
  deps: OffboardingDependencies,
): Promise<void> {
  const effectiveAt = new Date(change.effectiveAt);
  if (change.change === 'cancel') {
    await cancelOffboarding(
      change.offboardingId,
      'no longer a future leaver in the HR feed',
      by,
      deps,
    );
  } else if (change.change === 'move') {
    await moveOffboarding(change.offboardingId, effectiveAt, by, deps);
  } else {
    const now = deps.clock.now();
    // A new one, or one that ran or was cancelled before (the person left, came back, leaves again).
    const offboarding: Offboarding = {
      id: change.offboardingId,
      employeeId: change.employeeId,
      status: 'scheduled',
      effectiveAt,
      origin: 'feed',
      reason: 'future leaver in the HR feed',
      requestedBy: by,
      requestedAt: now,
      accounts: [],
      flagged: [],
      warnings: [],
      history: [{ at: now, what: 'requested', by }],
    };
    await deps.store.save(offboarding);
    await schedule(offboarding, by, 'scheduled', deps);
  }
}

/** The report's list of offboardings still waiting for their moment. */
export function pendingOffboardings(all: readonly Offboarding[]): OffboardingsSection['pending'] {
  return all
    .filter((o) => o.status === 'scheduled')
    .map((o) => ({
      id: o.id,
      employeeId: o.employeeId,
      effectiveAt: o.effectiveAt.toISOString(),
      origin: o.origin,
    }));
}
