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

describe('explaining each break of a stream', () => {
  const detailsOf = (head: ChainHead | undefined, entries: StoredAuditEntry[]) =>
    verifyStream(STREAM, head, entries).problems.map((p) => [p.kind, p.detail]);

  it('says which entries are missing, one or a range, and between which entries', () => {
    const { entries, head } = chain(5);
    expect(
      detailsOf(
        head,
        entries.filter((e) => e.id !== 'a2'),
      ),
    ).toEqual([['deleted', 'entry 2 is missing between a1 and a3']]);
    expect(
      detailsOf(
        head,
        entries.filter((e) => e.id !== 'a2' && e.id !== 'a3'),
      ),
    ).toEqual([['deleted', 'entries 2 to 3 are missing between a1 and a4']]);
    expect(detailsOf(head, entries.slice(2))).toEqual([
      ['deleted', 'entries 1 to 2 are missing before a3'],
    ]);
    expect(detailsOf(head, entries.slice(0, 3))).toEqual([
      ['deleted', 'entries 4 to 5 are missing after a3'],
    ]);
    expect(detailsOf(head, entries.slice(0, 4))).toEqual([
      ['deleted', 'entry 5 is missing after a4'],
    ]);
    expect(detailsOf(head, [])).toEqual([
      ['deleted', 'entries 1 to 5 are missing: the head names 5, none is left'],
    ]);
  });

  it('says what was edited, moved, added or wrong with the head', () => {
    const { entries, head } = chain(3);
    const [a1, a2, a3] = entries as [StoredAuditEntry, StoredAuditEntry, StoredAuditEntry];
    expect(detailsOf(head, [a1, withStored(a2, { reason: 'x' }), a3])).toEqual([
      ['edited', 'its content no longer matches its hash'],
    ]);
    expect(detailsOf(head, [a1, rehashed(a2, { reason: 'x' }), a3])).toEqual([
      ['edited', 'replaced: a3 after it links to another hash'],
    ]);
    expect(detailsOf(head, [a1, withStored(a2, { seq: 3 }), withStored(a3, { seq: 2 })])).toEqual([
      ['reordered', 'stored at position 3, but the chain puts it at position 2'],
      ['reordered', 'stored at position 2, but the chain puts it at position 3'],
    ]);
    const twin = rehashed({ ...withStored(a2, { actionId: 'twin' }), id: 'twin' }, {});
    expect(detailsOf(head, [...entries, twin])).toEqual([['inserted', 'a second entry after a1']]);
    const forged = { id: 'x', at: '2026-01-09T00:00:00.000Z', stored: { actionId: 'x' } };
    expect(detailsOf(head, [...entries, forged])).toEqual([
      ['inserted', 'an entry without chain attributes, dated after the chain began'],
    ]);
    expect(detailsOf(chain(2).head, entries)).toEqual([
      ['inserted', 'entries after the newest one the head names'],
    ]);
    expect(detailsOf(undefined, entries)).toEqual([
      ['head', 'the record of the newest entry (the head) is missing'],
    ]);
    expect(detailsOf({ seq: 3, hash: 'f'.repeat(64) }, entries)).toEqual([
      ['head', 'the head does not match the newest entry'],
    ]);
  });
});

describe('placing entries by their links, not by their stored order', () => {
  it('lists edited entries in chain order, whatever order the store returns them in', () => {
    const { entries, head } = chain(4);
    const tampered = entries.map((e) =>
      e.id === 'a2' || e.id === 'a4' ? withStored(e, { reason: 'forged' }) : e,
    );
    expect(problemsOf(head, [...tampered].reverse())).toEqual([
      ['edited', 2, 'a2'],
      ['edited', 4, 'a4'],
    ]);
  });

  it('reports a first entry that no longer links to the start of the chain', () => {
    const { entries, head } = chain(3);
    const [a1, ...rest] = entries as [StoredAuditEntry, ...StoredAuditEntry[]];
    const relinked = rehashed(a1, { prevHash: 'f'.repeat(64) });
    expect(verifyStream(STREAM, head, [relinked, ...rest]).problems).toEqual([
      {
        ...STREAM,
        kind: 'edited',
        position: 1,
        entryId: 'a1',
        detail: 'the first entry does not link to the start of the chain',
      },
      // Its hash changed with it, so its successor no longer links to it either.
      {
        ...STREAM,
        kind: 'edited',
        position: 1,
        entryId: 'a1',
        detail: 'replaced: a2 after it links to another hash',
      },
    ]);
  });

  it('resumes after a gap from the entry that links to nothing left, even when positions were swapped', () => {
    const { entries, head } = chain(3);
    const [, a2, a3] = entries as [StoredAuditEntry, StoredAuditEntry, StoredAuditEntry];
    expect(problemsOf(head, [withStored(a2, { seq: 3 }), withStored(a3, { seq: 2 })])).toEqual([
      ['deleted', 1, null],
      ['reordered', 2, 'a3'],
    ]);
  });

  it('reports entries that link only to each other as linking where another entry already is', () => {
    const { entries, head } = chain(1);
    const loop = (id: string, hash: string, prevHash: string): StoredAuditEntry => ({
      id,
      at: '2026-01-05T00:00:00.000Z',
      stored: { actionId: id, seq: 2, hash, prevHash },
    });
    const problems = verifyStream(STREAM, head, [
      ...entries,
      loop('x', 'a'.repeat(64), 'b'.repeat(64)),
      loop('y', 'b'.repeat(64), 'a'.repeat(64)),
    ]).problems;
    expect(problems).toContainEqual({
      ...STREAM,
      kind: 'inserted',
      position: 2,
      entryId: 'x',
      detail: 'links into the chain where another entry already is',
    });
  });

  it('treats an entry with any chain attribute as a chain entry, never as written before the chain', () => {
    const { entries, head } = chain(3);
    const [a1, a2, a3] = entries as [StoredAuditEntry, StoredAuditEntry, StoredAuditEntry];
    const { hash: _h, seq: _s, ...onlyLink } = a3.stored;
    const { prevHash: _p, seq: _s2, ...onlyHash } = a3.stored;
    for (const stored of [onlyLink, onlyHash]) {
      const report = verifyStream(STREAM, head, [a1, a2, { ...a3, stored }]);
      expect(report.unchained).toBe(0);
      expect(report.problems.map((p) => p.entryId)).toContain('a3');
      expect(report.problems.map((p) => p.kind)).not.toContain('inserted');
    }
  });

  it('names no position for an entry whose stored position is not a number, and places it by its link', () => {
    const { entries, head } = chain(3);
    const [a1, a2, a3] = entries as [StoredAuditEntry, StoredAuditEntry, StoredAuditEntry];
    const [moved] = verifyStream(STREAM, head, [a1, a2, withStored(a3, { seq: '3' })]).problems;
    expect(moved).toMatchObject({ kind: 'reordered', entryId: 'a3' });
    expect(moved?.position).toBeNaN();
    const relinked = rehashed(a3, { seq: 'x', prevHash: 'f'.repeat(64) });
    const details = verifyStream(STREAM, head, [a1, a2, relinked]).problems.map((p) => p.detail);
    expect(details).toContain('stored at position NaN, but the chain puts it at position 3');
  });
});

describe('telling entries written before the chain from entries added outside it', () => {
  /** Chain entries dated in the order given (clocks can disagree), positions 1..n. */
  function chainDated(ats: string[]): { entries: StoredAuditEntry[]; head: ChainHead } {
    const entries: StoredAuditEntry[] = [];
    let head: ChainHead | undefined;
    ats.forEach((at, i) => {
      const record = { pk: 'AUDIT#pool#ana', actionId: `a${i + 1}`, at };
      const link = linkAfter(head, record);
      entries.push({ id: `a${i + 1}`, at, stored: { ...record, ...link } });
      head = { seq: link.seq, hash: link.hash };
    });
    return { entries, head: head as ChainHead };
  }
  const legacy = (at: string): StoredAuditEntry => ({ id: 'old', at, stored: { actionId: 'old' } });

  it.each([
    ['before the earliest chain entry', '2026-01-01T00:00:00.000Z', 1, []],
    ['at the same moment as the earliest chain entry', '2026-01-02T00:00:00.000Z', 1, []],
    ['between chain entries', '2026-01-03T00:00:00.000Z', 0, ['inserted']],
  ])('an unchained entry dated %s', (_, at, unchained, kinds) => {
    const { entries, head } = chainDated([
      '2026-01-04T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-05T00:00:00.000Z',
    ]);
    const report = verifyStream(STREAM, head, [legacy(at), ...entries]);
    expect(report.unchained).toBe(unchained);
    expect(report.problems.map((p) => p.kind)).toEqual(kinds);
  });
});
