import { describe, expect, it } from 'vitest';
import { type ChainHead, linkAfter } from '../../../../functions/core/audit/chain.js';
import type { AuditChainReader } from '../../../../functions/core/audit/ports.js';
import { verifyAudit } from '../../../../functions/core/audit/verify-audit.js';
import type {
  StoredAuditEntry,
  StreamName,
} from '../../../../functions/core/audit/verify-stream.js';

interface Stream {
  name: StreamName;
  head?: ChainHead;
  entries: StoredAuditEntry[];
}

function chained(username: string, n: number): Stream {
  const entries: StoredAuditEntry[] = [];
  let head: ChainHead | undefined;
  for (let i = 1; i <= n; i++) {
    const at = `2026-02-0${i}T00:00:00.000Z`;
    const record = { pk: `AUDIT#pool#${username}`, actionId: `${username}${i}`, at };
    const link = linkAfter(head, record);
    entries.push({ id: `${username}${i}`, at, stored: { ...record, ...link } });
    head = { seq: link.seq, hash: link.hash };
  }
  return { name: { source: 'pool', username }, head, entries };
}

const legacyOnly = (username: string, n: number): Stream => ({
  name: { source: 'pool', username },
  entries: Array.from({ length: n }, (_, i) => ({
    id: `${username}-old${i}`,
    at: '2025-01-01T00:00:00.000Z',
    stored: { actionId: `${username}-old${i}` },
  })),
});

const readerOf = (streams: Stream[]): AuditChainReader => ({
  listStreams: async () => streams.map((s) => s.name),
  readStream: (name) => {
    const s = streams.find((x) => x.name.username === name.username) as Stream;
    return Promise.resolve({ head: s.head, entries: s.entries });
  },
});

describe('verifying the whole audit trail', () => {
  it('adds up every stream, keeps each head, and reports progress after each stream', async () => {
    const ana = chained('ana', 3);
    const ben = chained('ben', 2);
    const progress: [number, number][] = [];
    const result = await verifyAudit(readerOf([ana, ben, legacyOnly('cy', 2)]), (d, of) =>
      progress.push([d, of]),
    );
    expect(result).toEqual({
      ok: true,
      streams: 3,
      entries: 7,
      unchained: 2,
      problems: [],
      heads: [
        { source: 'pool', username: 'ana', ...ana.head },
        { source: 'pool', username: 'ben', ...ben.head },
      ],
    });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('is not ok when any stream has a problem, and lists the problems of every stream', async () => {
    const ana = chained('ana', 2);
    const ben = chained('ben', 3);
    ben.entries.splice(1, 1);
    const result = await verifyAudit(readerOf([ana, { ...ben, head: undefined }]));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.username, p.kind, p.position])).toEqual([
      ['ben', 'deleted', 2],
      ['ben', 'head', null],
    ]);
  });

  it('finds nothing to verify in an empty trail', async () => {
    expect(await verifyAudit(readerOf([]))).toEqual({
      ok: true,
      streams: 0,
      entries: 0,
      unchained: 0,
      problems: [],
      heads: [],
    });
  });
});
