import { describe, expect, it } from 'vitest';
import { indexChanges, indexDigest } from '../../../../functions/core/offboarding/index-changes.js';

const entries = (pairs: [string, string][]) => new Map(pairs);

describe('the account index changes a run writes', () => {
  const stored = entries([
    ['E1 ana', 'linked'],
    ['E2 ben', 'linked'],
    ['E3 cruz', 'linked'],
  ]);

  it('an unchanged partition needs no write', () => {
    expect(indexChanges(stored, new Map(stored), true)).toEqual({
      put: [],
      remove: [],
      after: stored,
    });
  });

  it('writes the new and changed entries and, from a full roster, removes the missing ones', () => {
    const wanted = entries([
      ['E1 ana', 'linked'],
      ['E2 ben', 'disputed'],
      ['E4 dana', 'linked'],
    ]);
    const changes = indexChanges(stored, wanted, true);
    expect(changes.put).toEqual(['E2 ben', 'E4 dana']);
    expect(changes.remove).toEqual(['E3 cruz']);
    expect(changes.after).toEqual(wanted);
  });

  it('from a partial feed, removes nothing: the stored entries it did not see stay', () => {
    const changes = indexChanges(stored, entries([['E4 dana', 'linked']]), false);
    expect(changes.put).toEqual(['E4 dana']);
    expect(changes.remove).toEqual([]);
    expect([...changes.after.keys()].sort()).toEqual(['E1 ana', 'E2 ben', 'E3 cruz', 'E4 dana']);
  });
});

describe('the digest of an index partition', () => {
  it('is the same for the same entries in any order', () => {
    const abc: [string, string][] = [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ];
    expect(indexDigest(entries([...abc].reverse()))).toBe(indexDigest(entries(abc)));
  });

  it('changes with any key, fingerprint, added or missing entry', () => {
    const base = indexDigest(
      entries([
        ['a', '1'],
        ['b', '2'],
      ]),
    );
    const others = [
      entries([
        ['a', '1'],
        ['b', '3'],
      ]),
      entries([
        ['a', '1'],
        ['c', '2'],
      ]),
      entries([['a', '1']]),
      entries([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ]),
      // Key and fingerprint are kept apart: moving text across the boundary is a change.
      entries([
        ['a', '1'],
        ['b2', ''],
      ]),
      new Map(),
    ];
    for (const other of others) expect(indexDigest(other)).not.toBe(base);
  });
});
