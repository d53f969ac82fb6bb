import { createHash } from 'node:crypto';

// The audit trail is a set of hash chains, one per stream (one account: a source and a username).
// Each entry carries the hash of the entry before it in its stream; the stream's head names the
// newest entry. Changing, removing or moving an entry breaks a hash or a link that
// `warden audit verify` reports. See docs/decisions/0025-tamper-evident-audit.md.

/** What the first entry of a stream links to. */
export const GENESIS = '0'.repeat(64);

/** The attribute that holds an entry's own hash, and the one that holds its stored position. */
export const CHAIN_FIELDS = { hash: 'hash', prevHash: 'prevHash', seq: 'seq' } as const;

/** The newest entry of a stream: how many entries it has, and the last one's hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The chain attributes an entry gets when it is appended after `head`. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * JSON with every object's keys sorted, so the same record always hashes the same, whatever
 * order its attributes come back in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * An entry's hash: SHA-256 over every stored attribute (keys included) except the hash itself
 * and the stored position, which the links make redundant and the verifier checks against them.
 */
export function entryHash(stored: Record<string, unknown>): string {
  const { [CHAIN_FIELDS.hash]: _hash, [CHAIN_FIELDS.seq]: _seq, ...covered } = stored;
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** The link of a record appended after `head` (undefined: the stream's first entry). */
export function linkAfter(head: ChainHead | undefined, record: Record<string, unknown>): ChainLink {
  const prevHash = head?.hash ?? GENESIS;
  return {
    seq: (head?.seq ?? 0) + 1,
    prevHash,
    hash: entryHash({ ...record, [CHAIN_FIELDS.prevHash]: prevHash }),
  };
}
