import { createHash } from 'node:crypto';

/** One partition of the account index: each entry's key and a fingerprint of what it says. */
export type IndexEntries = ReadonlyMap<string, string>;

export interface IndexChanges {
  /** Keys whose entry is new or says something else. */
  put: string[];
  /** Keys no longer there (only when the run's snapshot is the whole truth). */
  remove: string[];
  /** The partition as it is once the changes are written. */
  after: IndexEntries;
}

/**
 * What to write so the stored entries become the run's: the new and changed ones, and, with
 * `complete`, the removal of those the run no longer saw. Unchanged entries are left alone.
 */
export function indexChanges(
  stored: IndexEntries,
  wanted: IndexEntries,
  complete: boolean,
): IndexChanges {
  const put = [...wanted].filter(([key, print]) => stored.get(key) !== print).map(([key]) => key);
  if (!complete) return { put, remove: [], after: new Map([...stored, ...wanted]) };
  const remove = [...stored.keys()].filter((key) => !wanted.has(key));
  return { put, remove, after: wanted };
}

/**
 * A digest of a partition's entries that does not depend on their order (the XOR of each
 * entry's SHA-256), so a run compares the whole partition with one stored value and no sort.
 */
export function indexDigest(entries: IndexEntries): string {
  const sum = Buffer.alloc(32);
  for (const [key, print] of entries) {
    const hash = createHash('sha256').update(key).update('\0').update(print).digest();
    for (let i = 0; i < 32; i++) sum[i] = (sum[i] as number) ^ (hash[i] as number);
  }
  return `${entries.size}:${sum.toString('base64')}`;
}
