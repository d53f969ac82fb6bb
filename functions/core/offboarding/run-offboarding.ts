import type { Account } from '../account.js';
import type { FeedKind } from '../hr/hr-record.js';
import type { RosterIndex } from '../reconcile/roster-index.js';
import type { RunMode, RunStatus } from '../reconcile/run-record.js';
import type { Finding } from '../reconcile/situation.js';
import type { OffboardingsSection } from '../shared/pending-offboardings.js';
import { AccountIndexBuilder } from './account-index-builder.js';
import type { OffboardingDependencies } from './execute-offboarding.js';
import { applyFeedSchedules, pendingOffboardings, planFeedSchedules } from './feed-schedules.js';
import type { Offboarding } from './offboarding.js';
import type { RunOffboarding, RunOffboardingSession } from './ports.js';

/** Only an applied run that the guard let through keeps the index and the schedules. */
export function keepsBookkeeping(status: RunStatus): boolean {
  return status === 'completed' || status === 'completed_with_errors';
}

/**
 * Reconciliation's side of offboarding. An applied run keeps the account index and creates,
 * moves and cancels the future leavers' schedules; a dry-run changes neither and reports the
 * schedule changes it would make (decision 0036: a dry-run's feed is not yet trusted, and the
 * index decides whose accounts an offboarding disables). A quarantined run changes neither.
 */
export function runOffboarding(deps: OffboardingDependencies): RunOffboarding {
  return { startRun: (roster, mode) => new Session(roster, mode, deps) };
}

class Session implements RunOffboardingSession {
  private readonly index: AccountIndexBuilder;
  /**
   * A dry-run changes no offboarding, so it reads them as it starts and its end waits for no
   * read (decision 0048). An applied run reads them at its end, to change what is stored then.
   */
  private readonly readAtStart: Promise<Offboarding[]> | undefined;

  constructor(
    private readonly roster: RosterIndex,
    mode: RunMode,
    private readonly deps: OffboardingDependencies,
  ) {
    this.index = new AccountIndexBuilder(roster);
    if (mode === 'dry-run') {
      this.readAtStart = deps.store.list();
      // A failure is `finish`'s to report, never an unhandled rejection.
      this.readAtStart.catch(() => undefined);
    }
  }

  observe(account: Account, finding: Finding): void {
    this.index.add(account, finding);
  }

  async finish(run: {
    runId: string;
    status: RunStatus;
    feedKind: FeedKind;
    findings: readonly Finding[];
  }): Promise<OffboardingsSection> {
    const complete = run.feedKind === 'roster';
    const applied = keepsBookkeeping(run.status);
    if (applied) {
      const sources = this.deps.sources.map((s) => s.directory.source);
      await this.deps.index.replace(this.index.snapshot(sources), complete);
    }
    const existing = await (this.readAtStart ?? this.deps.store.list());
    let feedSchedules = planFeedSchedules({
      findings: run.findings,
      existing,
      complete,
      listed: (employeeId) => this.roster.byEmployeeId.has(employeeId),
    });
    if (applied) {
      feedSchedules = await applyFeedSchedules(feedSchedules, run.runId, this.deps);
    }
    this.deps.log.info('feed schedules', {
      planned: feedSchedules.length,
      applied: feedSchedules.filter((c) => c.applied).length,
    });
    const pending = pendingOffboardings(
      feedSchedules.some((c) => c.applied) ? await this.deps.store.list() : existing,
    );
    return { pending, feedSchedules };
  }
}
