import type { Account } from '../account.js';
import type { HrFeed } from '../hr/hr-record.js';
import { errorName } from '../shared/errors.js';
import type { AccountDirectory } from './ports.js';
import type { RunDependencies } from './run-reconciliation.js';
import type { ActionCounts, ActionOutcomeKind, RunRecord } from './run-record.js';
import type { Finding } from './situation.js';

/** Actions in flight at once; the quota bucket, shared by all of them, sets the rate. */
const APPLY_CONCURRENCY = 16;
const PROGRESS_EVERY = 100;

export interface Applied {
  outcomes: Map<string, ActionOutcomeKind>;
  actions: ActionCounts;
}

/**
 * Applies planned disables, each under its deterministic action id: intent before the calls,
 * outcome (and audit entry) after. An action an earlier run completed is not repeated.
 * `actions` are the counts so far, which a run applied in batches carries from batch to batch.
 */
export async function applyPlan(
  planned: readonly Finding[],
  run: RunRecord,
  deps: Pick<RunDependencies, 'directories' | 'storage' | 'clock' | 'log'>,
  actions: ActionCounts = { ...run.actions },
): Promise<Applied> {
  const { journal } = deps.storage;
  const directories = new Map(deps.directories.map((d) => [d.source, d]));
  const outcomes = new Map<string, ActionOutcomeKind>();
  const counts = { ...actions };
  const inTurn = oneAtATime();
  const applyOne = async (finding: Finding) => {
    const intent = {
      actionId: finding.actionId as string,
      runId: run.runId,
      kind: 'disable' as const,
      source: finding.source,
      username: finding.username,
      accountKey: finding.accountKey,
      reason: finding.reason,
      at: deps.clock.now(),
    };
    if ((await inTurn(() => journal.beginAction(intent))) === 'done') {
      outcomes.set(intent.actionId, 'already_done');
      counts.alreadyDone++;
      return;
    }
    const directory = directories.get(finding.source) as AccountDirectory;
    try {
      await directory.disable(accountOf(finding));
      await inTurn(() => journal.completeAction(intent, { ok: true, at: deps.clock.now() }));
      outcomes.set(intent.actionId, 'disabled');
      counts.applied++;
    } catch (error) {
      const failure = { ok: false as const, error: errorName(error), at: deps.clock.now() };
      await inTurn(() => journal.completeAction(intent, failure));
      outcomes.set(intent.actionId, 'failed');
      counts.failed++;
    }
    const done = counts.applied + counts.alreadyDone + counts.failed;
    if (done % PROGRESS_EVERY === 0 || done === counts.planned)
      deps.log.info('applying', { done, of: counts.planned });
  };
  // Several actions in flight, so that the UserUpdate quota, not one action's round trips
  // (journal, sign-out, disable, journal), sets the pace. Each action is independent; only the
  // Cognito calls overlap: journal writes take turns (milliseconds each in DynamoDB), which
  // keeps the journal's load even and the local emulator, whose transactions fail when they
  // overlap, usable.
  let next = 0;
  const worker = async () => {
    while (next < planned.length) await applyOne(planned[next++] as Finding);
  };
  await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, planned.length) }, worker));
  return { outcomes, actions: counts };
}

/** Tells the sign-in triggers whose access has ended or will end: only applied runs do. */
export async function recordAccessEnds(
  findings: readonly Finding[],
  feed: Pick<HrFeed, 'kind'>,
  deps: Pick<RunDependencies, 'directories' | 'storage'>,
): Promise<void> {
  for (const directory of deps.directories) {
    const ends = new Map<string, Date>();
    for (const f of findings) {
      if (f.source === directory.source && f.accessEndsAt)
        ends.set(f.username, new Date(f.accessEndsAt));
    }
    await deps.storage.accessEnds.recordAccessEnds(directory.source, ends, feed.kind === 'roster');
  }
}

/** The planned disables of a plan, in plan order. */
export function plannedDisables(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.action === 'disable');
}

/** Runs the functions given to it one after another, in the order they were given. */
function oneAtATime(): <T>(fn: () => Promise<T>) => Promise<T> {
  let lane: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const result = lane.then(fn);
    lane = result.catch(() => undefined);
    return result;
  };
}

function accountOf(finding: Finding): Account {
  return {
    source: finding.source,
    username: finding.username,
    enabled: finding.enabled,
    status: '',
  };
}
