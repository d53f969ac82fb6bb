import { describe, expect, it } from 'vitest';
import type { ListingCursor } from '../../../../functions/core/reconcile/ports.js';
import { beginSteppedRun } from '../../../../functions/core/reconcile/step-begin.js';
import { listGroupStep } from '../../../../functions/core/reconcile/step-list.js';
import type { SteppedServices } from '../../../../functions/core/reconcile/stepped-run.js';
import { ListingExpiredError } from '../../../../functions/core/shared/errors.js';
import { account, POOL } from '../../fakes/builders.js';
import { MemoryCheckpoints } from '../../fakes/memory-services.js';
import { reconcileWorld } from '../../fakes/reconcile-world.js';

// Ten accounts, two a page: five pages.
const ACCOUNTS = Array.from({ length: 10 }, (_, i) => account(`u${i}`));

async function begun(steps: Record<string, number> = {}) {
  const w = reconcileWorld(
    {
      steps: {
        singleInvocationMaxAccounts: 0,
        pagesPerInvocation: 3,
        pagesPerCheckpoint: 2,
        ...steps,
      },
    },
    ACCOUNTS.map((a) => ({ ...a })),
  );
  const checkpoints = new MemoryCheckpoints();
  const deps: SteppedServices = { ...w.services, checkpoints };
  const started = await beginSteppedRun({ kind: 'run', trigger: 'test', forceDryRun: true }, deps);
  if (started.kind !== 'started') throw new Error('not started');
  const list = () => listGroupStep(started.runId, 0, deps);
  const warnings = () => w.log.lines.filter((l) => l.level === 'warn');
  return { ...w, checkpoints, deps, runId: started.runId, list, warnings };
}

describe('listing a quota group in steps', () => {
  it.each([
    [1, 2, ['0']],
    [3, 2, ['0', '2', '4']],
    [3, 5, ['0', '2', '4']],
  ])(
    'lists at most pagesPerInvocation (%i) pages an invocation, checkpointing every %i',
    async (perInvocation, perCheckpoint, pages) => {
      const w = await begun({
        pagesPerInvocation: perInvocation,
        pagesPerCheckpoint: perCheckpoint,
      });
      expect(await w.list()).toEqual({ done: false });
      expect(w.directory.pagesListed).toEqual(pages);
    },
  );

  it('says how many accounts each checkpoint has listed so far, and when the source is done', async () => {
    const w = await begun();
    while (!(await w.list()).done);
    const listing = w.log.lines.filter((l) => l.message === 'listing').map((l) => l.detail);
    expect(listing).toEqual([
      { source: POOL, accounts: 4, done: false },
      { source: POOL, accounts: 6, done: false },
      { source: POOL, accounts: 10, done: true },
    ]);
  });

  it('is done with a source only once every segment of its listing is', async () => {
    const w = await begun({ pagesPerInvocation: 1 });
    const cursor = (a: boolean, b: boolean): ListingCursor => ({
      segments: [
        { key: 'a', done: a },
        { key: 'b', done: b },
      ],
    });
    w.directory.startListing = () => cursor(false, false);
    // Segment a ends on the first page; segment b on the next.
    w.directory.listPages = async function* (from) {
      const first = from.segments.every((s) => !s.done);
      yield await Promise.resolve({
        accounts: [],
        cursor: first ? cursor(true, false) : cursor(true, true),
      });
    };
    expect(await w.list()).toEqual({ done: false });
    expect(await w.list()).toEqual({ done: true });
  });

  it('has nothing to list for a group the run does not have', async () => {
    const w = await begun();
    expect(await listGroupStep(w.runId, 7, w.deps)).toEqual({ done: true });
    expect(w.directory.pagesListed).toEqual([]);
  });

  it('keeps a cursor exactly as old as it trusts, and restarts one a minute older, saying so', async () => {
    const w = await begun({ pagesPerInvocation: 1, maxCursorAgeMinutes: 30 });
    await w.list();
    w.clock.current = new Date(w.clock.current.getTime() + 30 * 60_000);
    await w.list();
    expect(w.directory.pagesListed).toEqual(['0', '2']);
    expect(w.warnings()).toEqual([]);

    w.clock.current = new Date(w.clock.current.getTime() + 31 * 60_000);
    await w.list();
    expect(w.directory.pagesListed).toEqual(['0', '2', '0']);
    expect(w.warnings()).toEqual([
      {
        level: 'warn',
        message: 'listing restarts: its cursor is too old to trust',
        detail: { source: POOL, ageMinutes: 31 },
      },
    ]);
  });

  it('starts over at most three times when the directory refuses its token, then fails', async () => {
    const w = await begun();
    w.directory.expiredTokens.set('2', 99);
    const listing = async () => {
      while (!(await w.list()).done);
    };
    await expect(listing()).rejects.toThrow(ListingExpiredError);
    expect(w.warnings()).toEqual(
      Array.from({ length: 3 }, () => ({
        level: 'warn',
        message: 'listing restarts: pagination token expired',
        detail: { runId: w.runId, source: POOL },
      })),
    );
  });
});
