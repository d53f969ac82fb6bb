import { describe, expect, it } from 'vitest';
import {
  auditStreamOf,
  GOVERNANCE_TABLE,
  ITEM_KEY,
  KEY_PREFIX,
  leadingKeyPattern,
  PARTITION,
  ROLE_PARTITIONS,
  SORT_KEY_PREFIX,
  sourceMemoryEntry,
  type TableKey,
} from '../../../../functions/core/shared/table-keys.js';

const AT = new Date('2026-11-29T12:00:00Z');
const POOL = 'us-east-1_Pool';

/** One item of every kind the table holds. */
const EVERY_KIND: Record<string, TableKey> = {
  run: ITEM_KEY.run('r-1'),
  finding: ITEM_KEY.finding('r-1', POOL, 'ana'),
  disabledByWarden: ITEM_KEY.disabledByWarden(POOL, 'sub-1'),
  orphanSeen: ITEM_KEY.orphanSeen(POOL, 'sub-2'),
  feedBaseline: ITEM_KEY.feedBaseline('roster'),
  lock: ITEM_KEY.lock('reconcile'),
  action: ITEM_KEY.action('a1'),
  pending: ITEM_KEY.pending('a1'),
  audit: ITEM_KEY.audit(POOL, 'ana', AT, 'a1'),
  accessEnd: ITEM_KEY.accessEnd(POOL, 'ana'),
  nonce: ITEM_KEY.nonce('n1', 'pre-authentication'),
  signIn: ITEM_KEY.signIn(POOL, 'ana', AT, 'denied', 'ab12cd34'),
  signInDay: ITEM_KEY.signInOfDay(AT, 'denied', 'ab12cd34'),
  rate: ITEM_KEY.rate('ip:1.2.3.4', 29_000_000),
  grant: ITEM_KEY.grant('n1'),
  fence: ITEM_KEY.fence(POOL),
  adminAction: ITEM_KEY.adminAction(AT, 'review-1'),
};

/** What IAM's dynamodb:LeadingKeys does with a `prefix*` pattern. */
const matches = (pattern: string, key: TableKey) => key.pk.startsWith(pattern.replace(/\*$/, ''));

describe('governance table keys', () => {
  it('keeps the stored layout, so items written earlier are found again', () => {
    expect(Object.values(EVERY_KIND)).toEqual([
      { pk: 'RUNS', sk: 'r-1' },
      { pk: 'RUN#r-1', sk: `F#${POOL}#ana` },
      { pk: `SOURCE#${POOL}`, sk: 'DISABLED#sub-1' },
      { pk: `SOURCE#${POOL}`, sk: 'ORPHAN#sub-2' },
      { pk: 'FEED#roster', sk: 'BASELINE' },
      { pk: 'LOCK#reconcile', sk: 'LOCK' },
      { pk: 'ACTION#a1', sk: 'ACTION' },
      { pk: 'PENDING', sk: 'a1' },
      { pk: `AUDIT#${POOL}#ana`, sk: '2026-11-29T12:00:00.000Z#a1' },
      { pk: `ACCESS#${POOL}`, sk: 'ana' },
      { pk: 'NONCE#n1', sk: 'pre-authentication' },
      { pk: `SIGNIN#${POOL}#ana`, sk: '2026-11-29T12:00:00.000Z#denied#ab12cd34' },
      { pk: 'SIGNINDAY#2026-11-29', sk: '2026-11-29T12:00:00.000Z#denied#ab12cd34' },
      { pk: 'RATE#ip:1.2.3.4', sk: '29000000' },
      { pk: 'GRANT#n1', sk: 'GRANT' },
      { pk: `FENCE#${POOL}`, sk: 'PREVIOUS' },
      { pk: 'ADMINACTION#2026-11-29', sk: '2026-11-29T12:00:00.000Z#review-1' },
    ]);
    expect([GOVERNANCE_TABLE.partitionKey, GOVERNANCE_TABLE.sortKey]).toEqual(['pk', 'sk']);
  });

  it('puts each item in the partition its collection is queried by', () => {
    expect(EVERY_KIND.run?.pk).toBe(PARTITION.runs);
    expect(EVERY_KIND.finding?.pk).toBe(PARTITION.findings('r-1'));
    expect(EVERY_KIND.orphanSeen?.pk).toBe(PARTITION.source(POOL));
    expect(EVERY_KIND.pending?.pk).toBe(PARTITION.pending);
    expect(EVERY_KIND.audit?.pk).toBe(PARTITION.audit(POOL, 'ana'));
    expect(EVERY_KIND.accessEnd?.pk).toBe(PARTITION.accessEnds(POOL));
    expect(EVERY_KIND.signIn?.pk).toBe(PARTITION.signIns(POOL, 'ana'));
    expect(EVERY_KIND.signInDay?.pk).toBe(PARTITION.signInDay('2026-11-29'));
    expect(EVERY_KIND.adminAction?.pk).toBe(PARTITION.adminActions('2026-11-29'));
  });

  it('keeps the stored layout of offboarding, index and call items', () => {
    expect([
      ITEM_KEY.auditHead(POOL, 'ana'),
      ITEM_KEY.offboardedAccount(POOL, 'sub-1'),
      ITEM_KEY.offboardingAccessEnd(POOL, 'ana', 'off-1'),
      ITEM_KEY.offboarding('off-1'),
      ITEM_KEY.actingOnPerson('E1'),
      ITEM_KEY.offboardingCall(AT, 'c1'),
      ITEM_KEY.indexedAccount(POOL, 'E1', 'ana'),
      ITEM_KEY.indexedPerson('E1'),
      ITEM_KEY.indexDigest(`INDEX#${POOL}`),
      ITEM_KEY.consoleCall(AT, 'c2'),
    ]).toEqual([
      { pk: 'AUDIT#~heads', sk: `${POOL}#ana` },
      { pk: `SOURCE#${POOL}`, sk: 'OFFBOARDED#sub-1' },
      { pk: `ACCESS#${POOL}#offboarding`, sk: 'ana off-1' },
      { pk: 'OFFBOARDINGS', sk: 'off-1' },
      { pk: 'ACTING#E1', sk: 'CLAIM' },
      { pk: 'OFFBOARDCALL#2026-11-29', sk: '2026-11-29T12:00:00.000Z#c1' },
      { pk: `INDEX#${POOL}`, sk: 'E1 ana' },
      { pk: 'INDEX#~people', sk: 'E1' },
      { pk: 'INDEX#~digests', sk: `INDEX#${POOL}` },
      { pk: 'CONSOLECALL#2026-11-29', sk: '2026-11-29T12:00:00.000Z#c2' },
    ]);
    expect(PARTITION.indexPeople).toBe('INDEX#~people');
    expect(PARTITION.idempotency).toBe('IDEMPOTENCY#offboarding');
  });

  it('selects one person by a sort-key prefix, never another whose id or username starts the same', () => {
    const ofE1 = SORT_KEY_PREFIX.indexedAccounts('E1');
    expect(ITEM_KEY.indexedAccount(POOL, 'E1', 'ana').sk.startsWith(ofE1)).toBe(true);
    expect(ITEM_KEY.indexedAccount(POOL, 'E10', 'ana').sk.startsWith(ofE1)).toBe(false);
    const ofAna = SORT_KEY_PREFIX.offboardingAccessEnds('ana');
    expect(ITEM_KEY.offboardingAccessEnd(POOL, 'ana', 'o1').sk.startsWith(ofAna)).toBe(true);
    expect(ITEM_KEY.offboardingAccessEnd(POOL, 'anabel', 'o1').sk.startsWith(ofAna)).toBe(false);
  });

  it('sorts the audit trail of an account by time', () => {
    const earlier = ITEM_KEY.audit(POOL, 'ana', new Date('2026-01-02T00:00:00Z'), 'zz');
    const later = ITEM_KEY.audit(POOL, 'ana', new Date('2026-10-01T00:00:00Z'), 'aa');
    expect(earlier.sk < later.sk).toBe(true);
  });
});

describe('source memory entries', () => {
  it('tells an account Warden disabled from an orphan first seen', () => {
    expect(sourceMemoryEntry(ITEM_KEY.disabledByWarden(POOL, 'sub-1').sk)).toEqual({
      kind: 'disabled',
      accountKey: 'sub-1',
    });
    expect(sourceMemoryEntry(ITEM_KEY.orphanSeen(POOL, 'username:ana').sk)).toEqual({
      kind: 'orphan',
      accountKey: 'username:ana',
    });
    expect(sourceMemoryEntry(ITEM_KEY.offboardedAccount(POOL, 'sub-3').sk)).toEqual({
      kind: 'offboarded',
      accountKey: 'sub-3',
    });
    expect(sourceMemoryEntry('SOMETHING#else')).toBeUndefined();
    expect(sourceMemoryEntry('X#OFFBOARDED#sub-3')).toBeUndefined();
  });
});

describe('audit streams', () => {
  it('names the account of an audit partition, whose username may contain #', () => {
    expect(auditStreamOf(PARTITION.audit(POOL, 'ana#2'))).toEqual({
      source: POOL,
      username: 'ana#2',
    });
  });

  it.each([
    ['the partition of chain heads', PARTITION.auditHeads],
    ['a partition of another kind', PARTITION.signInDay('2026-11-29')],
    ['an audit partition without a source', 'AUDIT##ana'],
    ['an audit partition without a username', `AUDIT#${POOL}`],
  ])('names no account for %s', (_, partition) => {
    expect(auditStreamOf(partition)).toBeUndefined();
  });
});

describe('least-privilege partitions', () => {
  const allowed = (prefixes: readonly string[]) =>
    Object.entries(EVERY_KIND)
      .filter(([, key]) => prefixes.some((p) => matches(leadingKeyPattern(p as never), key)))
      .map(([kind]) => kind);

  it('lets the sign-in triggers read access ends and grants, and write only nonces, decisions (per person and per day) and grants', () => {
    expect(allowed(ROLE_PARTITIONS.signInTriggers.read)).toEqual(['accessEnd', 'grant']);
    expect(allowed(ROLE_PARTITIONS.signInTriggers.write)).toEqual([
      'nonce',
      'signIn',
      'signInDay',
      'grant',
    ]);
  });

  it('lets the gateway touch only its attempt counters, and the pool fence only its memory', () => {
    expect(allowed(ROLE_PARTITIONS.gateway.counters)).toEqual(['rate']);
    expect(allowed(ROLE_PARTITIONS.poolFence.readWrite)).toEqual(['fence']);
  });

  it('lets the console API write all an offboarding writes, the claim on the person included', () => {
    // The console offboards now, moves and cancels through the same core as the HR API; only
    // the HR API's call records and idempotency records are its own.
    const hrApiOnly: readonly string[] = [KEY_PREFIX.offboardingCall, KEY_PREFIX.idempotency];
    const offboardingWrites = ROLE_PARTITIONS.offboarding.write.filter(
      (p) => !hrApiOnly.includes(p),
    );
    expect(ROLE_PARTITIONS.console.write).toEqual(expect.arrayContaining(offboardingWrites));
    expect(ROLE_PARTITIONS.console.read).toEqual(
      expect.arrayContaining([...ROLE_PARTITIONS.offboarding.read]),
    );
  });

  it('gives every partition prefix a pattern that matches its own items', () => {
    expect(leadingKeyPattern(KEY_PREFIX.accessEnd)).toBe('ACCESS#*');
    expect(matches(leadingKeyPattern(KEY_PREFIX.runs), EVERY_KIND.run as TableKey)).toBe(true);
  });
});
