import { type Account, accountKey } from '../account.js';
import { actionId } from '../reconcile/action-id.js';
import type { ActionIntent, ActionJournal, Completion, Notifier } from '../reconcile/ports.js';
import type { Clock } from '../shared/clock.js';
import { errorName } from '../shared/errors.js';
import type { EventLog } from '../shared/event-log.js';
import { OffboardingNotFoundError } from './errors.js';
import { findAccounts } from './find-accounts.js';
import { offboardingNotice } from './notice.js';
import type { AccountOutcome, Offboarding, OffboardingAccount } from './offboarding.js';
import { actingAlone } from './person-claim.js';
import type {
  AccountIndex,
  OffboardedAccounts,
  OffboardingAccessEnds,
  OffboardingScheduler,
  OffboardingSource,
  OffboardingStore,
} from './ports.js';
import { oneTimeSchedule } from './schedule.js';

/** Everything an offboarding needs from the world; the composition roots build it from AWS. */
export interface OffboardingDependencies {
  store: OffboardingStore;
  index: AccountIndex;
  sources: readonly OffboardingSource[];
  accessEnds: OffboardingAccessEnds;
  offboarded: OffboardedAccounts;
  /** The reconciliation's journal: intent, then outcome with its audit entry, once per action. */
  journal: ActionJournal;
  scheduler: OffboardingScheduler;
  notifier: Notifier;
  clock: Clock;
  log: EventLog;
  /** The deployment's time zone: date-only moments end with that day there. */
  timeZone: string;
}

/** Scheduler invokes within the minute after `at()`; earlier than this means a stale schedule. */
const EARLY_TOLERANCE_MS = 60_000;

/**
 * Performs an offboarding: finds the person's accounts, records their access end first (so the
 * sign-in triggers refuse from that moment), then signs out and disables each account, audited
 * once each through the action journal. Safe to repeat: a retry finishes what failed. One
 * offboarding acts on a person at a time.
 */
export async function executeOffboarding(
  id: string,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const before = await dueOffboarding(id, deps);
  if (!before.due) return before.offboarding;
  return actingAlone(before.offboarding.employeeId, id, deps, async () => {
    // Read again under the claim: a cancel may have landed between the first read and the claim.
    const current = await dueOffboarding(id, deps);
    return current.due ? act(current.offboarding, by, deps) : current.offboarding;
  });
}

/** The offboarding, and whether it is due to act: not final, and its moment has come. */
async function dueOffboarding(
  id: string,
  deps: OffboardingDependencies,
): Promise<{ offboarding: Offboarding; due: boolean }> {
  const offboarding = await deps.store.get(id);
  if (!offboarding) throw new OffboardingNotFoundError(id);
  if (offboarding.status === 'done' || offboarding.status === 'cancelled') {
    deps.log.info('offboarding already final', { offboardingId: id, status: offboarding.status });
    return { offboarding, due: false };
  }
  if (offboarding.effectiveAt.getTime() > deps.clock.now().getTime() + EARLY_TOLERANCE_MS) {
    deps.log.warn('offboarding not due yet; a stale schedule?', { offboardingId: id });
    return { offboarding, due: false };
  }
  return { offboarding, due: true };
}

/** Records the access end, then signs out and disables each linked account, and saves the outcome. */
async function act(
  offboarding: Offboarding,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  const id = offboarding.id;
  const found = await findAccounts(offboarding.employeeId, deps.index, deps.sources);
  const directories = new Map(deps.sources.map((s) => [s.directory.source, s.directory]));
  const earlier = new Map(offboarding.accounts.map((a) => [`${a.source}/${a.username}`, a]));
  const previousOf = (account: Account) => {
    const previous = earlier.get(`${account.source}/${account.username}`);
    earlier.delete(`${account.source}/${account.username}`);
    return previous;
  };
  // The access ends and the intents at once: neither changes an account, and every access end
  // is recorded before the first account is signed out.
  const [, begun] = await Promise.all([
    Promise.all(
      found.linked.map((a) =>
        deps.accessEnds.recordOffboardingEnd(a.source, a.username, id, offboarding.effectiveAt),
      ),
    ),
    Promise.all(
      found.linked.map((account) => beginDisable(offboarding, account, previousOf(account), deps)),
    ),
  ]);
  // Every account at once: the exposure lasts until the slowest pool answers, not their sum.
  const disabled: Disabled[] = await Promise.all(
    begun.map((b) => ('intent' in b ? disableBegun(b, directories, deps) : b)),
  );
  // The outcomes and audit entries of all of them together: one round trip, not one each.
  const completed = disabled.flatMap((d) => (d.completion ? [d.completion] : []));
  await deps.journal.completeActions(completed);
  await Promise.all(
    completed.map(({ intent, at }) =>
      deps.offboarded.markOffboarded(intent.source, intent.accountKey, id, at),
    ),
  );
  const acted = disabled.map((d) => d.account);
  // Accounts an earlier attempt acted on that are gone now keep what happened to them.
  const accounts = [...acted, ...[...earlier.values()].filter((a) => a.outcome)];
  const failed = accounts.filter((a) => a.outcome === 'failed').length;
  const executed: Offboarding = {
    ...offboarding,
    status: failed > 0 ? 'partially_failed' : 'done',
    accounts,
    flagged: found.flagged,
    warnings: found.warnings,
    history: [
      ...offboarding.history,
      {
        at: deps.clock.now(),
        what: 'executed',
        by,
        detail: `${accounts.length - failed} account(s) disabled, ${failed} failed, ${found.flagged.length} flagged`,
      },
    ],
  };
  await deps.store.save(executed);
  deps.log.info('offboarding executed', {
    offboardingId: id,
    status: executed.status,
    accounts: accounts.length,
    failed,
    flagged: found.flagged.length,
  });
  await deps.notifier.notify(offboardingNotice(executed));
  return executed;
}

type Disabled = { account: OffboardingAccount; completion?: Completion };

type Begun =
  | { account: OffboardingAccount }
  | { account: OffboardingAccount; intent: ActionIntent; target: Account };

/** Begins the disable of one account (its intent), unless it needs none. Changes no account. */
async function beginDisable(
  offboarding: Offboarding,
  account: Account,
  previous: OffboardingAccount | undefined,
  deps: OffboardingDependencies,
): Promise<Begun> {
  const key = accountKey(account);
  const intent: ActionIntent = {
    actionId: actionId(
      'disable',
      account.source,
      key,
      `offboarding:${offboarding.id}:${offboarding.effectiveAt.toISOString()}`,
    ),
    runId: offboarding.id,
    kind: 'disable',
    source: account.source,
    username: account.username,
    accountKey: key,
    reason: `offboarding ${offboarding.id} of ${offboarding.employeeId}: ${offboarding.reason}`,
    at: deps.clock.now(),
  };
  const base = { source: account.source, username: account.username, accountKey: key };
  const outcome: AccountOutcome = account.enabled ? 'disabled' : 'already_disabled';
  if (!account.enabled) {
    // Warden (a run or another offboarding) signed it out and disabled it, and it is still
    // disabled: nothing is left to do, and nothing new to audit.
    const disabledWith = await deps.offboarded.disablingAction(account.source, key);
    if (disabledWith && disabledWith !== intent.actionId) return { account: { ...base, outcome } };
  }
  if ((await deps.journal.beginAction(intent)) === 'done') {
    // An earlier attempt disabled it and may have stopped before marking it: marked again.
    await deps.offboarded.markOffboarded(account.source, key, offboarding.id, intent.at);
    return {
      account: {
        ...base,
        outcome: previous?.outcome === 'failed' ? outcome : (previous?.outcome ?? outcome),
      },
    };
  }
  return { account: { ...base, outcome }, intent, target: account };
}

/** Signs a begun account out everywhere, then disables it; its completion is recorded later. */
async function disableBegun(
  { account, intent, target }: Extract<Begun, { intent: ActionIntent }>,
  directories: ReadonlyMap<string, { disable(account: Account): Promise<void> }>,
  deps: OffboardingDependencies,
): Promise<Disabled> {
  try {
    // Sign out everywhere, then disable, as reconciliation does: both are safe to repeat.
    await (directories.get(target.source) as { disable(a: Account): Promise<void> }).disable(
      target,
    );
  } catch (error) {
    await deps.journal.completeAction(intent, {
      ok: false,
      error: errorName(error),
      at: deps.clock.now(),
    });
    return { account: { ...account, outcome: 'failed', error: errorName(error) } };
  }
  // Recorded by the caller, with the other accounts' outcomes.
  return { account, completion: { intent, at: deps.clock.now() } };
}

/** How long after its first attempt a partially failed offboarding is tried again; it doubles. */
const FIRST_RETRY_MS = 2 * 60_000;
/** Attempts in all (about 4 h of retries); after the last, the executor fails to the dead-letter alarm. */
export const MAX_ATTEMPTS = 8;

/** How many times the offboarding has acted. */
function attemptsOf(offboarding: Offboarding): number {
  return offboarding.history.filter((h) => h.what === 'executed').length;
}

/** A partially failed offboarding that will be tried again by a schedule. */
export function hasRetryLeft(offboarding: Offboarding): boolean {
  return offboarding.status === 'partially_failed' && attemptsOf(offboarding) < MAX_ATTEMPTS;
}

/**
 * Offboards now, for a request that did not come through a schedule: if some accounts fail, a
 * one-time schedule tries again shortly, so the remaining accounts are finished without anyone
 * asking again.
 */
export async function executeNow(
  id: string,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  return retryIfPartial(await executeOffboarding(id, by, deps), deps);
}

/** Runs the offboarding a schedule fired for; a partial failure is tried again in turn. */
export async function executeScheduled(
  id: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  return retryIfPartial(await executeOffboarding(id, 'schedule', deps), deps);
}

/**
 * `executeNow` for an offboarding the caller has just created or moved to now, while it already
 * acts alone on the person: neither read back nor claimed a second time.
 */
export async function executeCreated(
  offboarding: Offboarding,
  by: string,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  return retryIfPartial(await act(offboarding, by, deps), deps);
}

/** Schedules the next attempt of a partially failed offboarding: 2 min, 4 min, ... after. */
async function retryIfPartial(
  executed: Offboarding,
  deps: OffboardingDependencies,
): Promise<Offboarding> {
  if (executed.status !== 'partially_failed') return executed;
  const attempts = attemptsOf(executed);
  if (!hasRetryLeft(executed)) {
    deps.log.warn('offboarding partially failed; no retry left', {
      offboardingId: executed.id,
      attempts,
    });
    return executed;
  }
  const retryAt = new Date(deps.clock.now().getTime() + FIRST_RETRY_MS * 2 ** (attempts - 1));
  await deps.scheduler.upsert(oneTimeSchedule(executed.id, retryAt, deps.timeZone, attempts));
  deps.log.warn('offboarding partially failed; retry scheduled', { offboardingId: executed.id });
  return executed;
}
