import type { Account } from '../account.js';
import type { HrFeed, HrRecord } from '../hr/hr-record.js';
import type { QuotaUsage } from '../shared/cognito-quotas.js';
import { WardenError } from '../shared/errors.js';
import type { CheckpointStore, ListingCursor } from './ports.js';
import type { ReviewMark } from './review-quarantine.js';
import type { ActionCounts, ActionOutcomeKind, RunRecord } from './run-record.js';
import type { Finding } from './situation.js';

/** What a run carried out in steps knows between them. */
export interface SteppedRunState {
  /** The run as planned so far (status `planned` until the plan step sets it). */
  run: RunRecord;
  dryRun: boolean;
  /** An admin's approval of a quarantined run: the changes it lets through. */
  approval?: { runId: string; actionIds: string[]; mark?: ReviewMark };
  /** Sources by quota group (account and Region): groups list in parallel, a group's sources in turn. */
  groups: string[][];
  /** Cognito usage of the steps so far, besides the listing's own (kept per source). */
  usage: QuotaUsage;
  /** How far applying has got: the next planned disable, and the counts so far. */
  apply?: { next: number; batches: number; actions: ActionCounts };
}

/** Where one source's listing stands; saved after every batch of pages. */
export interface ListingProgress {
  source: string;
  /** Starts at 0; a listing that restarts (an expired token) begins a new generation. */
  generation: number;
  cursor: ListingCursor;
  /** Parts of accounts written in this generation, and the accounts in them. */
  parts: number;
  accounts: number;
  /** When the cursor was saved (ISO): an old cursor is not trusted. */
  savedAt: string;
  done: boolean;
  restarts: number;
  usage: QuotaUsage;
}

const PLAN_PART_SIZE = 50_000;

/** One run's checkpoints, by name, in a CheckpointStore. Dates are revived on the way back. */
export class RunCheckpoints {
  constructor(
    private readonly store: CheckpointStore,
    readonly runId: string,
  ) {}

  async saveState(state: SteppedRunState): Promise<void> {
    await this.store.put(this.runId, 'state', [state]);
  }

  async loadState(): Promise<SteppedRunState> {
    const [state] = (await this.required('state')) as SteppedRunState[];
    const run = (state as SteppedRunState).run;
    return {
      ...(state as SteppedRunState),
      run: {
        ...run,
        startedAt: new Date(run.startedAt),
        ...(run.finishedAt ? { finishedAt: new Date(run.finishedAt) } : {}),
      },
    };
  }

  async saveFeed(feed: HrFeed): Promise<void> {
    const { records, ...about } = feed;
    await this.store.put(this.runId, 'feed', [about, ...records]);
  }

  async loadFeed(): Promise<HrFeed> {
    const [about, ...records] = await this.required('feed');
    return {
      ...(about as Omit<HrFeed, 'records'>),
      records: (records as HrRecord[]).map((r) =>
        r.lastDay
          ? { ...r, lastDay: { ...r.lastDay, accessEndsAt: new Date(r.lastDay.accessEndsAt) } }
          : r,
      ),
    };
  }

  async saveListing(progress: ListingProgress): Promise<void> {
    await this.store.put(this.runId, `listing/${progress.source}`, [progress]);
  }

  async loadListing(source: string): Promise<ListingProgress | undefined> {
    return (await this.store.get(this.runId, `listing/${source}`))?.[0] as
      | ListingProgress
      | undefined;
  }

  async putAccounts(
    progress: ListingProgress,
    part: number,
    accounts: readonly Account[],
  ): Promise<void> {
    await this.store.put(
      this.runId,
      accountsPart(progress.source, progress.generation, part),
      accounts,
    );
  }

  /** The accounts a finished listing collected, part by part, in the order they were listed. */
  async *accounts(progress: ListingProgress): AsyncIterable<Account> {
    for (let part = 0; part < progress.parts; part++) {
      const lines = await this.required(accountsPart(progress.source, progress.generation, part));
      for (const account of lines as Account[]) {
        yield account.createdAt ? { ...account, createdAt: new Date(account.createdAt) } : account;
      }
    }
  }

  async savePlan(findings: readonly Finding[]): Promise<void> {
    const parts = Math.max(1, Math.ceil(findings.length / PLAN_PART_SIZE));
    for (let part = 0; part < parts; part++) {
      const slice = findings.slice(part * PLAN_PART_SIZE, (part + 1) * PLAN_PART_SIZE);
      await this.store.put(this.runId, `plan/${part}`, part === 0 ? [{ parts }, ...slice] : slice);
    }
  }

  async loadPlan(): Promise<Finding[]> {
    const [head, ...first] = await this.required('plan/0');
    const findings = first as Finding[];
    for (let part = 1; part < (head as { parts: number }).parts; part++) {
      for (const f of (await this.required(`plan/${part}`)) as Finding[]) findings.push(f);
    }
    return findings;
  }

  async saveOutcomes(
    batch: number,
    outcomes: ReadonlyMap<string, ActionOutcomeKind>,
  ): Promise<void> {
    await this.store.put(this.runId, `outcomes/${batch}`, [...outcomes]);
  }

  async loadOutcomes(batches: number): Promise<Map<string, ActionOutcomeKind>> {
    const outcomes = new Map<string, ActionOutcomeKind>();
    for (let batch = 0; batch < batches; batch++) {
      for (const [id, outcome] of ((await this.store.get(this.runId, `outcomes/${batch}`)) ??
        []) as [string, ActionOutcomeKind][]) {
        outcomes.set(id, outcome);
      }
    }
    return outcomes;
  }

  clear(): Promise<void> {
    return this.store.clear(this.runId);
  }

  private async required(part: string): Promise<unknown[]> {
    const lines = await this.store.get(this.runId, part);
    if (!lines) throw new CheckpointMissingError(this.runId, part);
    return lines;
  }
}

function accountsPart(source: string, generation: number, part: number): string {
  return `accounts/${source}/g${generation}/${part}`;
}

/** A step found no checkpoint it needs: the run cannot go on, and is recorded as failed. */
export class CheckpointMissingError extends WardenError {
  constructor(runId: string, part: string) {
    super(`run ${runId} has no checkpoint ${part}`);
  }
}
