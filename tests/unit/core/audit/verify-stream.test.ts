import { describe, expect, it } from 'vitest';
import { type ChainHead, entryHash, linkAfter } from '../../../../functions/core/audit/chain.js';
import {
  type StoredAuditEntry,
  verifyStream,
} from '../../../../functions/core/audit/verify-stream.js';

const STREAM = { source: 'pool', username: 'ana' };

/** A stream of `n` entries as the journal writes them, and its head. */
function chain(n: number): { entries: StoredAuditEntry[]; head: ChainHead } {
  const entries: StoredAuditEntry[] = [];
  let head: ChainHead | undefined;
  for (let i = 1; i <= n; i++) {
    const at = `2026-01-0${i}T00:00:00.000Z`;
    const record = { pk: 'AUDIT#pool#ana', sk: `${at}#a${i}`, actionId: `a${i}`, at, reason: 'r' };
    const link = linkAfter(head, record);
    entries.push({ id: `a${i}`, at, stored: { ...record, ...link } });
    head = { seq: link.seq, hash: link.hash };
  }
  return { entries, head: head as ChainHead };
}

const problemsOf = (head: ChainHead | undefined, entries: StoredAuditEntry[]) =>
  verifyStream(STREAM, head, entries).problems.map((p) => [p.kind, p.position, p.entryId]);
const withStored = (e: StoredAuditEntry, changes: Record<string, unknown>): StoredAuditEntry => ({
  ...e,
  stored: { ...e.stored, ...changes },
});
/** What an attacker who knows the hash format writes: the change, with the entry's hash redone. */
const rehashed = (e: StoredAuditEntry, changes: Record<string, unknown>): StoredAuditEntry => {
  const stored = { ...e.stored, ...changes };
  return { ...e, stored: { ...stored, hash: entryHash(stored) } };
};

describe('verifying one stream of the audit chain', () => {
  it('accepts an intact chain, in any stored order', () => {
    const { entries, head } = chain(4);
    const report = verifyStream(STREAM, head, [...entries].reverse());
    expect(report).toMatchObject({ entries: 4, unchained: 0, head, problems: [] });
  });

  it('reports an edited entry where it is', () => {
    const { entries, head } = chain(4);
    entries[1] = withStored(entries[1] as StoredAuditEntry, { reason: 'forged' });
    expect(problemsOf(head, entries)).toEqual([['edited', 2, 'a2']]);
  });

  it('reports an entry replaced with a recomputed hash: its successor no longer links to it', () => {
    const { entries, head } = chain(4);
    entries[1] = rehashed(entries[1] as StoredAuditEntry, { reason: 'forged' });
    expect(problemsOf(head, entries)).toEqual([['edited', 2, 'a2']]);
  });

  it('reports a deleted entry in the middle, at the end, and every entry gone', () => {
    const { entries, head } = chain(4);
    expect(
      problemsOf(
        head,
        entries.filter((e) => e.id !== 'a2'),
      ),
    ).toEqual([['deleted', 2, null]]);
    expect(problemsOf(head, entries.slice(0, 3))).toEqual([['deleted', 4, null]]);
    expect(problemsOf(head, entries.slice(2))).toEqual([['deleted', 1, null]]);
    expect(problemsOf(head, [])).toEqual([['deleted', 1, null]]);
  });

  it('reports entries whose stored positions disagree with the chain as reordered', () => {
    const { entries, head } = chain(4);
    const [a1, a2, a3, a4] = entries as StoredAuditEntry[] as [
      StoredAuditEntry,
      StoredAuditEntry,
      StoredAuditEntry,
      StoredAuditEntry,
    ];
    const swapped = [a1, withStored(a2, { seq: 3 }), withStored(a3, { seq: 2 }), a4];
    expect(problemsOf(head, swapped)).toEqual([
      ['reordered', 3, 'a2'],
      ['reordered', 2, 'a3'],
    ]);
  });

  it('reports an entry added without chain attributes after the chain began, or a second entry at a link', () => {
    const { entries, head } = chain(3);
    const forged = { id: 'x', at: '2026-01-05T00:00:00.000Z', stored: { actionId: 'x' } };
    expect(problemsOf(head, [...entries, forged])).toEqual([['inserted', null, 'x']]);
    const twin = withStored(entries[1] as StoredAuditEntry, { actionId: 'twin' });
    const twinHashed = rehashed({ ...twin, id: 'twin' }, {});
    expect(problemsOf(head, [...entries, twinHashed])).toEqual([['inserted', 2, 'twin']]);
  });

  it('reports entries appended after the newest one the head names', () => {
    const { entries } = chain(4);
    const { head } = chain(3);
    expect(problemsOf(head, entries)).toEqual([['inserted', 4, 'a4']]);
  });

  it('reports a missing or altered head', () => {
    const { entries } = chain(2);
    expect(problemsOf(undefined, entries)).toEqual([['head', null, null]]);
    expect(problemsOf({ seq: 2, hash: 'f'.repeat(64) }, entries)).toEqual([['head', 2, 'a2']]);
  });

  it('counts entries written before the chain began as unchained, not as problems', () => {
    const { entries, head } = chain(2);
    const legacy = { id: 'old', at: '2025-12-01T00:00:00.000Z', stored: { actionId: 'old' } };
    expect(verifyStream(STREAM, head, [legacy, ...entries])).toMatchObject({
      entries: 3,
      unchained: 1,
      problems: [],
    });
    expect(verifyStream(STREAM, undefined, [legacy])).toMatchObject({ unchained: 1, problems: [] });
  });
});
