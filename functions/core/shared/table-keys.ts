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
  /**
   * AUDIT#<source>#<username> / <at>#<actionId>: one entry per completed change, hash-chained per
   * account; AUDIT#~heads / <source>#<username>: the newest entry of each account's chain.
   */
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
  /** OFFBOARDINGS / <offboardingId>: HR offboarding requests (a few thousand at most). */
  offboardings: 'OFFBOARDINGS',
  /** ACTING#<employeeId> / CLAIM: the one offboarding acting on a person now, with a TTL. */
  acting: 'ACTING#',
  /** OFFBOARDCALL#<YYYY-MM-DD> / <at>#<callId>: every call of the offboarding API, with its caller. */
  offboardingCall: 'OFFBOARDCALL#',
  /**
   * INDEX#<source> / <employeeId> <username>, INDEX#~people / <employeeId>: the account index;
   * INDEX#~digests / <partition>: the digest of each index partition as its last write left it.
   */
  accountIndex: 'INDEX#',
  /** IDEMPOTENCY#offboarding / <key hash>: Powertools idempotency records of the offboarding API. */
  idempotency: 'IDEMPOTENCY#',
  /** CONSOLECALL#<YYYY-MM-DD> / <at>#<callId>: every call of the console API, with its staff member. */
  consoleCall: 'CONSOLECALL#',
  /** SIGNINDAY#<YYYY-MM-DD> / <at>#<outcome>#<random>: every sign-in decision of a day, with a TTL. */
  signInDay: 'SIGNINDAY#',
  /** ADMINACTION#<YYYY-MM-DD> / <at>#<id>: admins' approvals, rejections and restores. */
  adminAction: 'ADMINACTION#',
} as const;

const SK_PREFIX = {
  finding: 'F#',
  disabled: 'DISABLED#',
  orphan: 'ORPHAN#',
  offboarded: 'OFFBOARDED#',
} as const;

/**
 * Separates an employee id or a username from what follows in a sort key: neither may contain a
 * space (HR employee ids are letters, digits and `._:-`; Cognito usernames have no whitespace).
 */
const SEP = ' ';

/** The partition of the account index that holds each person's HR email (no source is `~people`). */
const INDEX_PEOPLE = '~people';

/** The partition of the index partitions' digests (no source is `~digests`). */
const INDEX_DIGESTS = '~digests';

/** The partition of audit-chain heads (no source is `~heads`). */
const AUDIT_HEADS = '~heads';

/** Access ends recorded by offboardings live beside, never inside, those reconciliation records. */
const OFFBOARDING_ACCESS_ENDS = '#offboarding';

export type TableKey = Record<
  typeof GOVERNANCE_TABLE.partitionKey | typeof GOVERNANCE_TABLE.sortKey,
  string
>;

/** The UTC day (YYYY-MM-DD) of an instant: day partitions are UTC days. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

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
  auditHeads: `${KEY_PREFIX.audit}${AUDIT_HEADS}`,
  accessEnds: (source: string) => `${KEY_PREFIX.accessEnd}${source}`,
  signIns: (source: string, username: string) => `${KEY_PREFIX.signIn}${source}#${username}`,
  /** Access ends an offboarding recorded; reconciliation never replaces these. */
  offboardingAccessEnds: (source: string) =>
    `${KEY_PREFIX.accessEnd}${source}${OFFBOARDING_ACCESS_ENDS}`,
  offboardings: KEY_PREFIX.offboardings,
  offboardingCalls: (day: string) => `${KEY_PREFIX.offboardingCall}${day}`,
  indexAccounts: (source: string) => `${KEY_PREFIX.accountIndex}${source}`,
  indexPeople: `${KEY_PREFIX.accountIndex}${INDEX_PEOPLE}`,
  /** The static partition Powertools' idempotency records of the offboarding API live in. */
  idempotency: `${KEY_PREFIX.idempotency}offboarding`,
  consoleCalls: (day: string) => `${KEY_PREFIX.consoleCall}${day}`,
  signInDay: (day: string) => `${KEY_PREFIX.signInDay}${day}`,
  adminActions: (day: string) => `${KEY_PREFIX.adminAction}${day}`,
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
  /** The newest entry of one account's audit chain. */
  auditHead: (source: string, username: string) =>
    key(PARTITION.auditHeads, `${source}#${username}`),
  accessEnd: (source: string, username: string) => key(PARTITION.accessEnds(source), username),
  nonce: (nonce: string, trigger: string) => key(`${KEY_PREFIX.nonce}${nonce}`, trigger),
  /** The random tail keeps two decisions in the same millisecond apart. */
  signIn: (source: string, username: string, at: Date, outcome: string, tail: string) =>
    key(PARTITION.signIns(source, username), `${at.toISOString()}#${outcome}#${tail}`),
  /** The same decision in its day's partition, which the console's sign-ins page reads. */
  signInOfDay: (at: Date, outcome: string, tail: string) =>
    key(PARTITION.signInDay(dayOf(at)), `${at.toISOString()}#${outcome}#${tail}`),
  adminAction: (at: Date, id: string) =>
    key(PARTITION.adminActions(dayOf(at)), `${at.toISOString()}#${id}`),
  rate: (rateKey: string, window: number) => key(`${KEY_PREFIX.rate}${rateKey}`, String(window)),
  grant: (nonce: string) => key(`${KEY_PREFIX.grant}${nonce}`, 'GRANT'),
  fence: (userPoolId: string) => key(`${KEY_PREFIX.fence}${userPoolId}`, 'PREVIOUS'),
  offboardedAccount: (source: string, accountKey: string) =>
    key(PARTITION.source(source), `${SK_PREFIX.offboarded}${accountKey}`),
  offboardingAccessEnd: (source: string, username: string, offboardingId: string) =>
    key(PARTITION.offboardingAccessEnds(source), `${username}${SEP}${offboardingId}`),
  offboarding: (offboardingId: string) => key(PARTITION.offboardings, offboardingId),
  actingOnPerson: (employeeId: string) => key(`${KEY_PREFIX.acting}${employeeId}`, 'CLAIM'),
  offboardingCall: (at: Date, callId: string) =>
    key(PARTITION.offboardingCalls(at.toISOString().slice(0, 10)), `${at.toISOString()}#${callId}`),
  indexedAccount: (source: string, employeeId: string, username: string) =>
    key(PARTITION.indexAccounts(source), `${employeeId}${SEP}${username}`),
  indexedPerson: (employeeId: string) => key(PARTITION.indexPeople, employeeId),
  indexDigest: (partition: string) => key(`${KEY_PREFIX.accountIndex}${INDEX_DIGESTS}`, partition),
  consoleCall: (at: Date, callId: string) =>
    key(PARTITION.consoleCalls(at.toISOString().slice(0, 10)), `${at.toISOString()}#${callId}`),
} as const;

/** Sort-key prefixes that select one person's or one account's items in a partition. */
export const SORT_KEY_PREFIX = {
  offboardingAccessEnds: (username: string) => `${username}${SEP}`,
  indexedAccounts: (employeeId: string) => `${employeeId}${SEP}`,
} as const;

/** What a source-memory sort key says: an account Warden disabled, or an orphan first seen. */
export function sourceMemoryEntry(
  sortKey: string,
): { kind: 'disabled' | 'orphan' | 'offboarded'; accountKey: string } | undefined {
  if (sortKey.startsWith(SK_PREFIX.offboarded))
    return { kind: 'offboarded', accountKey: sortKey.slice(SK_PREFIX.offboarded.length) };
  if (sortKey.startsWith(SK_PREFIX.disabled))
    return { kind: 'disabled', accountKey: sortKey.slice(SK_PREFIX.disabled.length) };
  if (sortKey.startsWith(SK_PREFIX.orphan))
    return { kind: 'orphan', accountKey: sortKey.slice(SK_PREFIX.orphan.length) };
  return undefined;
}

/** The account an audit partition key belongs to (a source never contains `#`). */
export function auditStreamOf(
  partitionKey: string,
): { source: string; username: string } | undefined {
  if (!partitionKey.startsWith(KEY_PREFIX.audit) || partitionKey === PARTITION.auditHeads) {
    return undefined;
  }
  const rest = partitionKey.slice(KEY_PREFIX.audit.length);
  const split = rest.indexOf('#');
  return split > 0 ? { source: rest.slice(0, split), username: rest.slice(split + 1) } : undefined;
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
    write: [KEY_PREFIX.nonce, KEY_PREFIX.signIn, KEY_PREFIX.signInDay, KEY_PREFIX.grant],
  },
  /** The gateway counts attempts (and reads the last window's count). */
  gateway: { counters: [KEY_PREFIX.rate] },
  /** The pool-fence custom resource remembers each pool's previous triggers. */
  poolFence: { readWrite: [KEY_PREFIX.fence] },
  /**
   * The offboarding API and executor: their requests and calls, the claims on the people they
   * act on, the account index, access ends, the action journal and audit (shared with
   * reconciliation), the accounts they disabled, and (the API only) Powertools' idempotency
   * records.
   */
  offboarding: {
    read: [KEY_PREFIX.accountIndex],
    write: [
      KEY_PREFIX.offboardings,
      KEY_PREFIX.acting,
      KEY_PREFIX.offboardingCall,
      KEY_PREFIX.accessEnd,
      KEY_PREFIX.action,
      KEY_PREFIX.pending,
      KEY_PREFIX.audit,
      KEY_PREFIX.source,
      KEY_PREFIX.idempotency,
    ],
  },
  /**
   * The console API reads what admins review (runs, findings, the account index, trails and
   * sign-in decisions) and writes what its actions change: offboardings and the claims on the
   * people they act on (as the offboarding API does), a restored account's memory and audit,
   * admins' decisions, and its own calls. Approvals and rejections go through the reconcile
   * function, which writes the runs.
   */
  console: {
    read: [
      KEY_PREFIX.runs,
      KEY_PREFIX.findings,
      KEY_PREFIX.accountIndex,
      KEY_PREFIX.signIn,
      KEY_PREFIX.signInDay,
    ],
    write: [
      KEY_PREFIX.consoleCall,
      KEY_PREFIX.adminAction,
      KEY_PREFIX.offboardings,
      KEY_PREFIX.acting,
      KEY_PREFIX.accessEnd,
      KEY_PREFIX.action,
      KEY_PREFIX.pending,
      KEY_PREFIX.audit,
      KEY_PREFIX.source,
    ],
  },
} as const;
