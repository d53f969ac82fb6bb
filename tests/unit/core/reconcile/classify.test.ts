import { describe, expect, it } from 'vitest';
import { actionId } from '../../../../functions/core/reconcile/action-id.js';
import { classify } from '../../../../functions/core/reconcile/classify.js';
import { exemptionLookup } from '../../../../functions/core/reconcile/exemptions.js';
import type { SourceState, WardenDisable } from '../../../../functions/core/reconcile/ports.js';
import { indexRoster } from '../../../../functions/core/reconcile/roster-index.js';
import { account, config, feed, POOL } from '../../fakes/builders.js';

const NOW = new Date('2026-11-29T12:00:00Z');
/** Warden disabled Dana's account a month before. */
const DISABLED_DANA = new Map([
  ['sub-dana', { actionId: 'a-dana', at: new Date('2026-10-29T12:00:00Z') }],
]);
const ROWS = [
  'E1,ana@x.org,Ana,active,',
  'E2,ben@x.org,Ben,leaver,2025-01-31',
  'E3,cruz@x.org,Cruz,leaver,2026-12-31',
  'E4,dana@x.org,Dana,active,',
  'E5,eva@x.org,Eva,leaver,2026-11-29T11:59:00Z',
];

function context(
  overrides: {
    rows?: string[];
    state?: Partial<SourceState>;
    cfg?: Record<string, unknown>;
    kind?: 'roster' | 'leavers';
    orphansUndecided?: string;
  } = {},
) {
  const cfg = config(overrides.cfg);
  return {
    now: NOW,
    roster: indexRoster(feed(overrides.rows ?? ROWS, overrides.kind)),
    state: {
      disabledByWarden: new Map<string, WardenDisable>(),
      orphanFirstSeen: new Map<string, Date>(),
      ...overrides.state,
    },
    orphans: cfg.orphans,
    exemptionFor: exemptionLookup(cfg.exemptions, NOW, cfg.feed.timeZone),
    ...(overrides.orphansUndecided ? { orphansUndecided: overrides.orphansUndecided } : {}),
  };
}

describe('classify', () => {
  it('active: matched by employee id to an active record, nothing to do', () => {
    const f = classify(account('ana', { employeeId: 'E1', email: 'ana@x.org' }), context());
    expect([f.situation, f.match, f.action, f.employeeId]).toEqual([
      'active',
      'employee_id',
      'none',
      'E1',
    ]);
  });

  it('matches by normalised email when the account has no employee id, and says it is weaker', () => {
    const f = classify(account('ana', { email: '  ANA@X.org ' }), context());
    expect([f.situation, f.match]).toEqual(['active', 'email']);
    expect(f.reason).toMatch(/matched by email only/);
  });

  it('leaver: last day passed, account enabled -> disable with a deterministic action id', () => {
    const first = classify(account('ben', { employeeId: 'E2' }), context());
    const again = classify(account('ben', { employeeId: 'E2' }), context());
    expect([first.situation, first.action]).toEqual(['leaver', 'disable']);
    expect(first.actionId).toMatch(/^[0-9a-f]{32}$/);
    expect(again.actionId).toBe(first.actionId);
    const other = classify(account('ben2', { employeeId: 'E2' }), context());
    expect(other.actionId).not.toBe(first.actionId);
  });

  it('leaver at an exact moment: a date-time last day that has passed counts', () => {
    expect(classify(account('eva', { employeeId: 'E5' }), context()).situation).toBe('leaver');
  });

  it('leaver_disabled: already disabled, nothing to do', () => {
    const f = classify(account('ben', { employeeId: 'E2', enabled: false }), context());
    expect([f.situation, f.action]).toEqual(['leaver_disabled', 'none']);
  });

  it('future_leaver: last day still ahead, nothing yet', () => {
    const f = classify(account('cruz', { employeeId: 'E3' }), context());
    expect([f.situation, f.action]).toEqual(['future_leaver', 'none']);
    expect(f.reason).toMatch(/2026-12-31/);
  });

  it('orphan: no HR record, reported only by default', () => {
    const f = classify(account('press-ops', { email: 'press-ops@x.org' }), context());
    expect([f.situation, f.action]).toEqual(['orphan', 'none']);
  });

  it('orphan: disabled under the disable policy only after the grace period', () => {
    const cfg = { orphans: { policy: 'disable', graceDays: 14 } };
    const fresh = classify(account('ops', {}), context({ cfg }));
    expect([fresh.situation, fresh.action]).toEqual(['orphan', 'none']);
    const seenLongAgo = new Map([['sub-ops', new Date('2026-11-01T00:00:00Z')]]);
    const old = classify(
      account('ops', {}),
      context({ cfg, state: { orphanFirstSeen: seenLongAgo } }),
    );
    expect([old.situation, old.action]).toEqual(['orphan', 'disable']);
  });

  it('disputed: the employee id and the email point at different people; never acted on', () => {
    const f = classify(account('x', { employeeId: 'E2', email: 'ana@x.org' }), context());
    expect([f.situation, f.action]).toEqual(['disputed', 'none']);
    expect(f.reason).toMatch(/employee id matches E2 but email matches E1/);
  });

  it('disputed: an unknown employee id with the email of a listed person', () => {
    const f = classify(account('x', { employeeId: 'E99', email: 'ben@x.org' }), context());
    expect(f.situation).toBe('disputed');
  });

  it('exempt: an unexpired exemption wins, even for a leaver', () => {
    const exemptions = [
      { username: 'ben', owner: 'it@x.org', reason: 'legal hold', expires: '2027-01-01' },
    ];
    const f = classify(account('ben', { employeeId: 'E2' }), context({ cfg: { exemptions } }));
    expect([f.situation, f.action]).toEqual(['exempt', 'none']);
  });

  it('an expired exemption no longer protects the account, and the report says so', () => {
    const exemptions = [
      { employeeId: 'E2', owner: 'it@x.org', reason: 'legal hold', expires: '2026-11-28' },
    ];
    const f = classify(account('ben', { employeeId: 'E2' }), context({ cfg: { exemptions } }));
    expect([f.situation, f.action]).toEqual(['leaver', 'disable']);
    expect(f.reason).toMatch(/exemption expired on 2026-11-28/);
  });

  it('rehire_candidate: active again in HR, account disabled by Warden; never re-enabled', () => {
    const state = { disabledByWarden: DISABLED_DANA };
    const f = classify(account('dana', { employeeId: 'E4', enabled: false }), context({ state }));
    expect([f.situation, f.action]).toEqual(['rehire_candidate', 'none']);
  });

  it('an active person whose account was disabled outside Warden stays active, with a note', () => {
    const f = classify(account('dana', { employeeId: 'E4', enabled: false }), context());
    expect(f.situation).toBe('active');
    expect(f.reason).toMatch(/disabled outside Warden/);
  });

  it('a last day that ends exactly now has passed: leaver, not future_leaver', () => {
    const rows = [...ROWS, 'E6,fay@x.org,Fay,leaver,2026-11-29T12:00:00Z'];
    const f = classify(account('fay', { employeeId: 'E6' }), context({ rows }));
    expect([f.situation, f.action]).toEqual(['leaver', 'disable']);
    const ahead = [...ROWS, 'E6,fay@x.org,Fay,leaver,2026-11-29T12:00:01Z'];
    expect(classify(account('fay', { employeeId: 'E6' }), context({ rows: ahead })).situation).toBe(
      'future_leaver',
    );
  });

  it('an active record whose termination date ends exactly now is an HR conflict, not a future leaver', () => {
    const rows = [...ROWS, 'E6,fay@x.org,Fay,active,2026-11-29T12:00:00Z'];
    expect(classify(account('fay', { employeeId: 'E6' }), context({ rows })).situation).toBe(
      'disputed',
    );
  });

  it('an orphan is disabled from the very moment its grace period ends, not a moment before', () => {
    const cfg = { orphans: { policy: 'disable', graceDays: 14 } };
    const seen = (iso: string) => ({ orphanFirstSeen: new Map([['sub-ops', new Date(iso)]]) });
    const atEnd = classify(account('ops'), context({ cfg, state: seen('2026-11-15T12:00:00Z') }));
    expect(atEnd.action).toBe('disable');
    const justBefore = classify(
      account('ops'),
      context({ cfg, state: seen('2026-11-15T12:00:00.001Z') }),
    );
    expect(justBefore.action).toBe('none');
    expect(justBefore.reason).toMatch(/grace period ends 2026-11-29T12:00:00.001Z/);
  });

  it("an exemption of the person protects their account matched by email, by the HR record's id", () => {
    const exemptions = [
      { employeeId: 'E2', owner: 'it@x.org', reason: 'legal hold', expires: '2027-01-01' },
    ];
    const f = classify(account('ben', { email: 'ben@x.org' }), context({ cfg: { exemptions } }));
    expect([f.situation, f.match]).toEqual(['exempt', 'email']);
  });

  it('an exemption scoped to another pool does not protect the account', () => {
    const exemptions = [
      {
        username: 'ben',
        userPoolId: 'eu-west-1_Other',
        owner: 'it@x.org',
        reason: 'legal hold',
        expires: '2027-01-01',
      },
    ];
    const f = classify(account('ben', { employeeId: 'E2' }), context({ cfg: { exemptions } }));
    expect([f.situation, f.action]).toEqual(['leaver', 'disable']);
  });

  it('leaving again on another day is another action: a rehire who leaves again is disabled', () => {
    const left = (day: string) =>
      classify(
        account('ben', { employeeId: 'E2' }),
        context({ rows: [`E2,ben@x.org,Ben,leaver,${day}`], kind: 'leavers' }),
      ).actionId;
    expect(left('2025-01-31')).toBe(left('2025-01-31'));
    expect(left('2026-10-31')).not.toBe(left('2025-01-31'));
  });

  it('a disabled account a leavers-only feed does not list is unmatched, not an orphan', () => {
    const f = classify(
      account('old-ops', { enabled: false }),
      context({ rows: ['E2,ben@x.org,Ben,leaver,2025-01-31'], kind: 'leavers' }),
    );
    expect([f.situation, f.action]).toEqual(['unmatched', 'none']);
  });

  it('a leavers-only feed does not decide orphans', () => {
    const f = classify(
      account('ana', { employeeId: 'E1' }),
      context({ rows: ['E2,ben@x.org,Ben,leaver,2025-01-31'], kind: 'leavers' }),
    );
    expect([f.situation, f.action]).toEqual(['unmatched', 'none']);
  });
});

describe('what each finding says and plans', () => {
  const verdict = (f: ReturnType<typeof classify>) => [f.situation, f.match, f.action, f.reason];
  const disableOrphans = { orphans: { policy: 'disable', graceDays: 14 } };

  it.each([
    [
      'an active person whose account was disabled outside Warden',
      account('dana', { employeeId: 'E4', enabled: false }),
      {},
      ['active', 'employee_id', 'none', 'active in HR; account disabled outside Warden'],
    ],
    [
      'a rehire Warden had disabled',
      account('dana', { employeeId: 'E4', enabled: false }),
      { state: { disabledByWarden: DISABLED_DANA } },
      [
        'rehire_candidate',
        'employee_id',
        'none',
        'HR lists the person as active again but Warden disabled the account; re-enable by hand after review',
      ],
    ],
    [
      'an account in dispute',
      account('x', { employeeId: 'E2', email: 'ana@x.org' }),
      {},
      [
        'disputed',
        'none',
        'none',
        'employee id matches E2 but email matches E1; review by hand, Warden never acts on it',
      ],
    ],
    [
      'a leaver already disabled',
      account('ben', { employeeId: 'E2', enabled: false }),
      {},
      ['leaver_disabled', 'employee_id', 'none', 'left on 2025-01-31; already disabled'],
    ],
    [
      'an account a leavers-only feed does not list',
      account('ops'),
      { rows: ['E2,ben@x.org,Ben,leaver,2025-01-31'], kind: 'leavers' as const },
      [
        'unmatched',
        'none',
        'none',
        'not a listed leaver; orphans are not decided from a leavers-only feed',
      ],
    ],
    [
      'an orphan while orphans cannot be decided',
      account('ops'),
      { orphansUndecided: 'the account export was incomplete' },
      [
        'unmatched',
        'none',
        'none',
        'no HR record; orphans are not decided: the account export was incomplete',
      ],
    ],
    [
      'a disabled orphan, under either policy',
      account('ops', { enabled: false }),
      { cfg: disableOrphans },
      ['orphan', 'none', 'none', 'no HR record; already disabled'],
    ],
    [
      'an enabled orphan under the report-only policy, however long ago it was first seen',
      account('ops'),
      { state: { orphanFirstSeen: new Map([['sub-ops', new Date('2020-01-01T00:00:00Z')]]) } },
      ['orphan', 'none', 'none', 'no HR record; orphan policy is report-only'],
    ],
    [
      'an orphan past its grace period',
      account('ops'),
      {
        cfg: disableOrphans,
        state: { orphanFirstSeen: new Map([['sub-ops', new Date('2026-11-01T00:00:00Z')]]) },
      },
      [
        'orphan',
        'none',
        'disable',
        'no HR record since 2026-11-01T00:00:00.000Z; grace period of 14 days is over',
      ],
    ],
  ])('%s', (_, acct, overrides, expected) => {
    expect(verdict(classify(acct, context(overrides)))).toEqual(expected);
  });

  it('names an unexpired exemption, its owner and why', () => {
    const exemptions = [
      { username: 'ben', owner: 'it@x.org', reason: 'legal hold', expires: '2027-01-01' },
    ];
    const f = classify(account('ben', { employeeId: 'E2' }), context({ cfg: { exemptions } }));
    expect(f.reason).toBe('exempt until 2027-01-01, owner it@x.org: legal hold');
  });

  it('gives each disable the same id every run: the account, the leaver and their last day', () => {
    const leaver = classify(account('ben', { employeeId: 'E2' }), context());
    expect(leaver.actionId).toBe(actionId('disable', POOL, 'sub-ben', 'leaver:E2:2025-01-31'));
    const disabled = classify(account('ben', { employeeId: 'E2', enabled: false }), context());
    expect(disabled.actionId).toBe(leaver.actionId);
  });

  it('gives an orphan disable an id of the account and when it was first seen', () => {
    const state = { orphanFirstSeen: new Map([['sub-ops', new Date('2026-11-01T00:00:00Z')]]) };
    const f = classify(account('ops'), context({ cfg: disableOrphans, state }));
    expect(f.actionId).toBe(
      actionId('disable', POOL, 'sub-ops', 'orphan:2026-11-01T00:00:00.000Z'),
    );
  });
});

describe('a leaver HR gave no last day, in a feed that counts such leavers as gone', () => {
  const undated = (enabled: boolean) =>
    classify(account('ivy', { employeeId: 'E9', enabled }), {
      ...context(),
      roster: indexRoster({
        kind: 'leavers',
        source: 'leavers.csv',
        records: [
          {
            employeeId: 'E9',
            email: 'ivy@x.org',
            displayName: 'Ivy',
            status: 'leaver',
            location: 'line 2',
          },
        ],
      }),
    });

  it('is disabled while the account is enabled, and left alone once it is not', () => {
    const id = actionId('disable', POOL, 'sub-ivy', 'leaver:E9:undated');
    const left = 'left; HR gave no last day, so it counts as passed';
    const enabled = undated(true);
    expect([enabled.situation, enabled.action, enabled.actionId, enabled.reason]).toEqual([
      'leaver',
      'disable',
      id,
      `${left}, but the account is still enabled`,
    ]);
    const disabled = undated(false);
    expect([disabled.situation, disabled.action, disabled.actionId, disabled.reason]).toEqual([
      'leaver_disabled',
      'none',
      id,
      `${left}; already disabled`,
    ]);
    expect(disabled.accessEndsAt).toBeUndefined();
  });
});

describe('an account an HR offboarding disabled', () => {
  const offboarded = (acct: ReturnType<typeof account>, rows = ROWS) =>
    classify(
      acct,
      context({ rows, state: { offboardedBy: new Map([[acct.sub as string, 'off-42']]) } }),
    );

  it('stays disabled and names the offboarding, even while the feed still lists the person as active', () => {
    const f = offboarded(account('ana', { employeeId: 'E1', enabled: false }));
    expect([f.situation, f.action, f.offboardingId, f.accessEndsAt, f.reason]).toEqual([
      'leaver_disabled',
      'none',
      'off-42',
      undefined,
      'disabled by offboarding off-42; the feed still lists the person as active',
    ]);
  });

  it('gives the access end of the last day the feed now has', () => {
    const f = offboarded(account('ben', { employeeId: 'E2', enabled: false }));
    expect([f.accessEndsAt, f.reason]).toEqual([
      '2025-02-01T00:00:00.000Z',
      'disabled by offboarding off-42',
    ]);
  });

  it('needs no HR record at all', () => {
    const f = offboarded(account('gone', { enabled: false }));
    expect([f.situation, f.match, f.reason]).toEqual([
      'leaver_disabled',
      'none',
      'disabled by offboarding off-42',
    ]);
  });

  it('is disabled again once enabled outside Warden (a restore forgets the offboarding), whatever the feed says', () => {
    const f = offboarded(account('ana', { employeeId: 'E1' }));
    expect([f.situation, f.action, f.offboardingId, f.reason]).toEqual([
      'leaver',
      'disable',
      'off-42',
      'offboarded by off-42; the feed still lists the person as active',
    ]);
    expect(f.actionId).toBe(actionId('disable', POOL, 'sub-ana', 'offboarding:off-42'));
  });

  it('is disabled again even when exempt: exemptions steer the feed, not an offboarding (decision 0022)', () => {
    const exemptions = [
      { username: 'ana', owner: 'IT', reason: 'kept past the contract', expires: '2027-01-01' },
    ];
    const state = { offboardedBy: new Map([['sub-ana', 'off-42']]) };
    const enabled = classify(
      account('ana', { employeeId: 'E1' }),
      context({ state, cfg: { exemptions } }),
    );
    expect([enabled.situation, enabled.action, enabled.offboardingId]).toEqual([
      'leaver',
      'disable',
      'off-42',
    ]);
    const disabled = classify(
      account('ana', { employeeId: 'E1', enabled: false }),
      context({ state, cfg: { exemptions } }),
    );
    expect([disabled.situation, disabled.action]).toEqual(['leaver_disabled', 'none']);
  });

  it('is left to the feed when the offboarding disabled it after the run began: the listing may predate it', () => {
    const f = classify(
      account('ana', { employeeId: 'E1' }),
      context({
        state: {
          offboardedBy: new Map([['sub-ana', 'off-42']]),
          disabledByWarden: new Map([
            ['sub-ana', { actionId: 'a-ana', at: new Date(NOW.getTime() + 1) }],
          ]),
        },
      }),
    );
    expect([f.situation, f.action]).toEqual(['active', 'none']);
  });
});
