import type { Account } from '../account.js';
import { mergeUsage, usageSince } from '../shared/cognito-quotas.js';
import { ListingExpiredError } from '../shared/errors.js';
import type { AccountDirectory } from './ports.js';
import type { ListingProgress, RunCheckpoints } from './run-checkpoints.js';
import { resumeRun, type SteppedServices } from './stepped-run.js';

/** How many times one source's listing may start over (expired tokens) before the run fails. */
const MAX_RESTARTS = 3;

/**
 * Lists the sources of one quota group, one after another, from where the last invocation
 * (or a crashed one) checkpointed, for at most `steps.pagesPerInvocation` pages. Every
 * `pagesPerCheckpoint` pages the accounts are written as a part and the cursor saved. A cursor
 * older than `steps.maxCursorAgeMinutes`, or one the directory refuses, restarts that source's
 * listing cleanly: a new generation, whose parts replace the old ones.
 */
export async function listGroupStep(
  runId: string,
  group: number,
  deps: SteppedServices,
): Promise<{ done: boolean }> {
  const checkpoints = await resumeRun(runId, deps);
  const state = await checkpoints.loadState();
  const sources = state.groups[group] ?? [];
  const directories = new Map(deps.directories.map((d) => [d.source, d]));
  let budget = deps.config.steps.pagesPerInvocation;
  for (const source of sources) {
    const directory = directories.get(source) as AccountDirectory;
    let progress = await startingPoint(checkpoints, directory, deps);
    while (!progress.done && budget > 0) {
      try {
        const listed = await listBatch(checkpoints, directory, progress, budget, deps);
        budget -= listed.pages;
        progress = listed.progress;
      } catch (error) {
        if (!(error instanceof ListingExpiredError) || progress.restarts >= MAX_RESTARTS)
          throw error;
        deps.log.warn('listing restarts: pagination token expired', { runId, source });
        progress = restart(progress, directory, deps.clock.now());
        await checkpoints.saveListing(progress);
      }
    }
    if (!progress.done) return { done: false };
  }
  return { done: true };
}

async function startingPoint(
  checkpoints: RunCheckpoints,
  directory: AccountDirectory,
  deps: SteppedServices,
): Promise<ListingProgress> {
  const now = deps.clock.now();
  const saved = await checkpoints.loadListing(directory.source);
  if (!saved) {
    const fresh = restart(undefined, directory, now);
    await checkpoints.saveListing(fresh);
    return fresh;
  }
  const ageMinutes = (now.getTime() - Date.parse(saved.savedAt)) / 60_000;
  if (saved.done || ageMinutes <= deps.config.steps.maxCursorAgeMinutes) return saved;
  deps.log.warn('listing restarts: its cursor is too old to trust', {
    source: directory.source,
    ageMinutes: Math.round(ageMinutes),
  });
  const restarted = restart(saved, directory, now);
  await checkpoints.saveListing(restarted);
  return restarted;
}

/** A listing from the first page, in a generation of its own. */
function restart(
  previous: ListingProgress | undefined,
  directory: AccountDirectory,
  now: Date,
): ListingProgress {
  return {
    source: directory.source,
    generation: previous ? previous.generation + 1 : 0,
    cursor: directory.startListing(),
    parts: 0,
    accounts: 0,
    savedAt: now.toISOString(),
    done: false,
    restarts: previous ? previous.restarts + 1 : 0,
    usage: previous?.usage ?? {},
  };
}

/** Up to one checkpoint's worth of pages: written as the next part, then the cursor saved. */
async function listBatch(
  checkpoints: RunCheckpoints,
  directory: AccountDirectory,
  progress: ListingProgress,
  budget: number,
  deps: SteppedServices,
): Promise<{ pages: number; progress: ListingProgress }> {
  const usageBefore = deps.quotaUsage?.() ?? {};
  const limit = Math.min(budget, deps.config.steps.pagesPerCheckpoint);
  const accounts: Account[] = [];
  let cursor = progress.cursor;
  let pages = 0;
  for await (const page of directory.listPages(progress.cursor)) {
    for (const account of page.accounts) accounts.push(account);
    cursor = page.cursor;
    if (++pages >= limit) break;
  }
  const done = cursor.segments.every((s) => s.done);
  await checkpoints.putAccounts(progress, progress.parts, accounts);
  const next: ListingProgress = {
    ...progress,
    cursor,
    parts: progress.parts + 1,
    accounts: progress.accounts + accounts.length,
    savedAt: deps.clock.now().toISOString(),
    done,
    usage: mergeUsage(progress.usage, usageSince(usageBefore, deps.quotaUsage?.() ?? {})),
  };
  await checkpoints.saveListing(next);
  deps.log.info('listing', { source: directory.source, accounts: next.accounts, done });
  return { pages, progress: next };
}
