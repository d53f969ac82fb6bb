import { CHAIN_FIELDS, type ChainHead, entryHash, GENESIS } from './chain.js';

/** One stream of the audit trail: the entries of one account. */
export interface StreamName {
  source: string;
  username: string;
}

/** An audit entry as stored, for the verifier. */
export interface StoredAuditEntry {
  /** The entry's id: the id of the action it records. */
  id: string;
  /** When the change was made (ISO); orders entries written before chaining began. */
  at: string;
  /** Every stored attribute, keys and chain attributes included. */
  stored: Record<string, unknown>;
}

/**
 * What was done to a stream: an entry changed (or replaced with a recomputed hash), entries
 * removed, entries whose stored position disagrees with the chain, entries added outside it,
 * or a head that is missing or does not match the newest entry.
 */
export type TamperKind = 'edited' | 'deleted' | 'reordered' | 'inserted' | 'head';

export interface ChainProblem extends StreamName {
  kind: TamperKind;
  /** 1-based position in the stream, where one can be named. */
  position: number | null;
  /** The id of the entry concerned, where there is one. */
  entryId: string | null;
  detail: string;
}

export interface StreamReport extends StreamName {
  entries: number;
  /** Entries written before the chain existed: reported, never verifiable. */
  unchained: number;
  head: ChainHead | null;
  problems: ChainProblem[];
}

interface Chained extends StoredAuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

const isChained = (e: StoredAuditEntry) =>
  CHAIN_FIELDS.hash in e.stored ||
  CHAIN_FIELDS.prevHash in e.stored ||
  CHAIN_FIELDS.seq in e.stored;

function chained(e: StoredAuditEntry): Chained {
  const { seq, prevHash, hash } = e.stored;
  return {
    ...e,
    seq: typeof seq === 'number' ? seq : Number.NaN,
    prevHash: String(prevHash),
    hash: String(hash),
  };
}

/**
 * Walks one stream's chain from its first link to its head and reports every break, with the
 * position and entry where it is. The links, not the stored positions, say what the order is.
 */
export function verifyStream(
  name: StreamName,
  head: ChainHead | undefined,
  entries: readonly StoredAuditEntry[],
): StreamReport {
  const problems: ChainProblem[] = [];
  const problem = (
    kind: TamperKind,
    position: number | null,
    entryId: string | null,
    detail: string,
  ) => problems.push({ ...name, kind, position, entryId, detail });
  const links = entries
    .filter(isChained)
    .map(chained)
    .sort((a, b) => a.seq - b.seq);
  const legacy = entries.filter((e) => !isChained(e));

  for (const e of links) {
    if (entryHash(e.stored) !== e.hash)
      problem('edited', e.seq, e.id, 'its content no longer matches its hash');
  }

  // Follow the links: first from the start of the chain, then from each entry whose
  // predecessor is gone, so that every entry is placed once.
  const byHash = new Map(links.map((e) => [e.hash, e]));
  const reached = new Set<Chained>();
  let tip: Chained | undefined;
  const follow = (first: Chained, position: number) => {
    let entry: Chained | undefined = first;
    let at = position;
    while (entry && !reached.has(entry)) {
      reached.add(entry);
      if (entry.seq !== at)
        problem(
          'reordered',
          entry.seq,
          entry.id,
          `stored at position ${entry.seq}, but the chain puts it at position ${at}`,
        );
      tip = entry;
      const current: Chained = entry;
      const next: Chained[] = links.filter((e) => e.prevHash === current.hash && !reached.has(e));
      for (const extra of next.slice(1))
        problem('inserted', extra.seq, extra.id, `a second entry after ${current.id}`);
      for (const extra of next.slice(1)) reached.add(extra);
      entry = next[0];
      at++;
    }
  };
  const first = links.find((e) => e.prevHash === GENESIS);
  if (first) follow(first, 1);
  for (;;) {
    const rest = links.filter((e) => !reached.has(e));
    const root = rest.find((e) => !byHash.has(e.prevHash)) ?? rest[0];
    if (!root) break;
    const before = tip as Chained | undefined;
    const lastSeq = before?.seq ?? 0;
    if (byHash.has(root.prevHash)) {
      problem('inserted', root.seq, root.id, 'links into the chain where another entry already is');
    } else if (root.seq - lastSeq > 1) {
      problem(
        'deleted',
        lastSeq + 1,
        null,
        `${missing(lastSeq + 1, root.seq - 1)} ${before ? `between ${before.id} and ${root.id}` : `before ${root.id}`}`,
      );
    } else if (before) {
      problem(
        'edited',
        before.seq,
        before.id,
        `replaced: ${root.id} after it links to another hash`,
      );
    } else {
      problem(
        'edited',
        root.seq,
        root.id,
        'the first entry does not link to the start of the chain',
      );
    }
    follow(root, Number.isNaN(root.seq) ? lastSeq + 1 : root.seq);
  }

  const last = tip as Chained | undefined;
  if (!head && links.length > 0) {
    problem('head', null, null, 'the record of the newest entry (the head) is missing');
  }
  if (head && !last) {
    problem(
      'deleted',
      1,
      null,
      `${missing(1, head.seq)}: the head names ${head.seq}, none is left`,
    );
  } else if (head && last && head.hash !== last.hash) {
    const named = byHash.get(head.hash);
    if (named) {
      problem('inserted', named.seq + 1, last.id, 'entries after the newest one the head names');
    } else if (head.seq > last.seq) {
      problem('deleted', last.seq + 1, null, `${missing(last.seq + 1, head.seq)} after ${last.id}`);
    } else {
      problem('head', last.seq, last.id, 'the head does not match the newest entry');
    }
  }

  const chainStart = links.reduce<string | undefined>(
    (min, e) => (min === undefined || e.at < min ? e.at : min),
    undefined,
  );
  let unchained = 0;
  for (const e of legacy) {
    if (chainStart !== undefined && e.at > chainStart) {
      problem(
        'inserted',
        null,
        e.id,
        'an entry without chain attributes, dated after the chain began',
      );
    } else {
      unchained++;
    }
  }
  return { ...name, entries: entries.length, unchained, head: head ?? null, problems };
}

function missing(from: number, to: number): string {
  return from === to ? `entry ${from} is missing` : `entries ${from} to ${to} are missing`;
}
