// The governance table's single-table layout: every key prefix and key builder in one place.
// The DynamoDB adapters build their keys here, and the CDK stack's IAM conditions
// (dynamodb:LeadingKeys) are built from the same prefixes, so the two never drift apart.

export const GOVERNANCE_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB's TTL deletes locks, nonces and other short-lived items. */
  ttlAttribute: 'expiresAt',
} as const;

/** Partition key prefixes (a prefix without `#` is a whole partition). */
export const KEY_PREFIX = {
  /** RUNS / <runId>: run records (run ids sort by time). */
  runs: 'RUNS',
  /** RUN#<runId> / F#<source>#<username>: the findings of a run kept for review. */
  findings: 'RUN#',
  /** SOURCE#<source> / DISABLED#<accountKey> | ORPHAN#<accountKey>: memory of a source. */
  source: 'SOURCE#',
  /** FEED#<kind> / BASELINE: the size of the last accepted feed. */
  feedBaseline: 'FEED#',
  /** LOCK#<name> / LOCK: a run lock, with a TTL. */
  lock: 'LOCK#',
  /** ACTION#<actionId> / ACTION: intent and outcome of one change. */
  action: 'ACTION#',
  /** PENDING / <actionId>: changes begun and not yet completed. */
  pending: 'PENDING',
  /** AUDIT#<source>#<username> / <at>#<actionId>: one entry per completed change. */
  audit: 'AUDIT#',
  /** ACCESS#<source> / <username>: when a person's access ends, read by the sign-in triggers. */
  accessEnd: 'ACCESS#',
  /** NONCE#<nonce> / <trigger>: geo-context nonces already used. */
  nonce: 'NONCE#',
  /** SIGNIN#<source>#<username> / <at>#<outcome>#<random>: sign-in decisions, with a TTL. */
  signIn: 'SIGNIN#',
  /** RATE#<key> / <window>: sign-in attempt counters. */
  rate: 'RATE#',
  /** GRANT#<nonce> / GRANT: define-auth-challenge's decision, which pre-token generation honours. */
  grant: 'GRANT#',
  /** FENCE#<userPoolId> / PREVIOUS: a pool's trigger configuration before Warden attached its own. */
  fence: 'FENCE#',
} as const;

const SK_PREFIX = { finding: 'F#', disabled: 'DISABLED#', orphan: 'ORPHAN#' } as const;

export type TableKey = Record<
  typeof GOVERNANCE_TABLE.partitionKey | typeof GOVERNANCE_TABLE.sortKey,
  string
>;

const key = (pk: string, sk: string): TableKey => ({
  [GOVERNANCE_TABLE.partitionKey]: pk,
  [GOVERNANCE_TABLE.sortKey]: sk,
});

/** Partition keys of the item collections Warden queries. */
export const PARTITION = {
  runs: KEY_PREFIX.runs,
  findings: (runId: string) => `${KEY_PREFIX.findings}${runId}`,
  source: (source: string) => `${KEY_PREFIX.source}${source}`,
  pending: KEY_PREFIX.pending,
  audit: (source: string, username: string) => `${KEY_PREFIX.audit}${source}#${username}`,
  accessEnds: (source: string) => `${KEY_PREFIX.accessEnd}${source}`,
  signIns: (source: string, username: string) => `${KEY_PREFIX.signIn}${source}#${username}`,
} as const;

/** The key of each kind of item. */
export const ITEM_KEY = {
  run: (runId: string) => key(PARTITION.runs, runId),
  finding: (runId: string, source: string, username: string) =>
    key(PARTITION.findings(runId), `${SK_PREFIX.finding}${source}#${username}`),
  disabledByWarden: (source: string, accountKey: string) =>
    key(PARTITION.source(source), `${SK_PREFIX.disabled}${accountKey}`),
  orphanSeen: (source: string, accountKey: string) =>
    key(PARTITION.source(source), `${SK_PREFIX.orphan}${accountKey}`),
  feedBaseline: (kind: string) => key(`${KEY_PREFIX.feedBaseline}${kind}`, 'BASELINE'),
  lock: (name: string) => key(`${KEY_PREFIX.lock}${name}`, 'LOCK'),
  action: (actionId: string) => key(`${KEY_PREFIX.action}${actionId}`, 'ACTION'),
  pending: (actionId: string) => key(PARTITION.pending, actionId),
  audit: (source: string, username: string, at: Date, actionId: string) =>
    key(PARTITION.audit(source, username), `${at.toISOString()}#${actionId}`),
  accessEnd: (source: string, username: string) => key(PARTITION.accessEnds(source), username),
  nonce: (nonce: string, trigger: string) => key(`${KEY_PREFIX.nonce}${nonce}`, trigger),
  /** The random tail keeps two decisions in the same millisecond apart. */
  signIn: (source: string, username: string, at: Date, outcome: string, tail: string) =>
    key(PARTITION.signIns(source, username), `${at.toISOString()}#${outcome}#${tail}`),
  rate: (rateKey: string, window: number) => key(`${KEY_PREFIX.rate}${rateKey}`, String(window)),
  grant: (nonce: string) => key(`${KEY_PREFIX.grant}${nonce}`, 'GRANT'),
  fence: (userPoolId: string) => key(`${KEY_PREFIX.fence}${userPoolId}`, 'PREVIOUS'),
} as const;

/** What a source-memory sort key says: an account Warden disabled, or an orphan first seen. */
export function sourceMemoryEntry(
  sortKey: string,
): { kind: 'disabled' | 'orphan'; accountKey: string } | undefined {
  if (sortKey.startsWith(SK_PREFIX.disabled))
    return { kind: 'disabled', accountKey: sortKey.slice(SK_PREFIX.disabled.length) };
  if (sortKey.startsWith(SK_PREFIX.orphan))
    return { kind: 'orphan', accountKey: sortKey.slice(SK_PREFIX.orphan.length) };
  return undefined;
}

/** An IAM `dynamodb:LeadingKeys` pattern that matches every partition of a prefix. */
export function leadingKeyPattern(prefix: (typeof KEY_PREFIX)[keyof typeof KEY_PREFIX]): string {
  return `${prefix}*`;
}

/** The partitions each least-privilege role may touch, for the stack's IAM conditions. */
export const ROLE_PARTITIONS = {
  /** The sign-in triggers read access ends and grants, and write nonces, grants and decisions. */
  signInTriggers: {
    read: [KEY_PREFIX.accessEnd, KEY_PREFIX.grant],
    write: [KEY_PREFIX.nonce, KEY_PREFIX.signIn, KEY_PREFIX.grant],
  },
  /** The gateway counts attempts (and reads the last window's count). */
  gateway: { counters: [KEY_PREFIX.rate] },
  /** The pool-fence custom resource remembers each pool's previous triggers. */
  poolFence: { readWrite: [KEY_PREFIX.fence] },
} as const;
