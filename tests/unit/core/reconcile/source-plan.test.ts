import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import { disableAgainId } from '../../../../functions/core/reconcile/enabled-again.js';
import {
  type PostureAction,
  PostureCheck,
} from '../../../../functions/core/reconcile/posture-check.js';
import { SourcePlanner } from '../../../../functions/core/reconcile/source-plan.js';
import { account, classifyContext, feed, POOL } from '../../fakes/builders.js';
import { pressPolicy } from '../../fakes/memory-geo.js';
import { MemoryDirectory } from '../../fakes/memory-services.js';
import { ROWS } from '../../fakes/reconcile-world.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const CONTEXT = classifyContext(feed(ROWS), NOW);

function plan(accounts: Account[], pendingActionIds?: ReadonlySet<string>) {
  const planner = new SourcePlanner(CONTEXT, { pendingActionIds });
  for (const a of accounts) planner.add(a);
  return planner.result();
}

async function withPosture(accounts: Account[], action: PostureAction) {
  const directory = new MemoryDirectory(POOL, accounts);
  directory.groups.set('correspondents', ['ana']);
  const posture = await PostureCheck.start(pressPolicy(), action, directory);
  const planner = new SourcePlanner(CONTEXT, { posture });
  for (const a of accounts) planner.add(a);
  return planner.result();
}

describe('the plan of one source', () => {
  it('keeps the tallies the guard needs', () => {
    const result = plan([
      account('ana', { employeeId: 'E1' }),
      account('ben', { employeeId: 'E2' }),
      account('cruz', { employeeId: 'E3', enabled: false }),
      account('ops'),
      account('old-ops', { enabled: false }),
    ]);
    expect(result.counts).toMatchObject({ active: 1, leaver: 1, leaver_disabled: 1, orphan: 2 });
    expect(result.enabledCount).toBe(3);
    expect(result.disableCount).toBe(1);
    expect(result.unseenOrphans).toEqual(['sub-ops']);
    expect(result.findings.map((f) => f.username)).toEqual([
      'ana',
      'ben',
      'cruz',
      'ops',
      'old-ops',
    ]);
    expect(result.posture).toBeUndefined();
  });

  it('gives each account its finding as it streams in', () => {
    const planner = new SourcePlanner(CONTEXT);
    const finding = planner.add(account('ben', { employeeId: 'E2' }));
    expect(finding).toMatchObject({ username: 'ben', situation: 'leaver', action: 'disable' });
    expect(planner.size).toBe(1);
  });

  it('reports people who cannot receive a code, and leaves them alone under a report policy', async () => {
    const result = await withPosture(
      [
        account('ana', { employeeId: 'E1', emailVerified: false }),
        account('ben', { employeeId: 'E2', emailVerified: false }),
      ],
      'report',
    );
    expect(result.posture).toEqual({
      checked: 1,
      withoutVerifiedEmail: [{ source: POOL, username: 'ana', groups: ['correspondents'] }],
    });
    expect(result.findings[0]?.action).toBe('none');
    expect(result.disableCount).toBe(1);
  });

  it('plans to disable them under a disable policy, saying why, and counts the change', async () => {
    const result = await withPosture(
      [account('ana', { employeeId: 'E1', emailVerified: false })],
      'disable',
    );
    expect(result.findings[0]).toMatchObject({
      situation: 'active',
      action: 'disable',
      actionId: expect.stringMatching(/^[0-9a-f]{32}$/),
      reason:
        'active in HR; MFA posture: no verified email to receive a one-time code, disabled per policy',
    });
    expect(result.disableCount).toBe(1);
    expect(result.posture?.checked).toBe(1);
  });

  it('counts people with a verified email as checked, with no gap', async () => {
    const result = await withPosture(
      [account('ana', { employeeId: 'E1', emailVerified: true })],
      'disable',
    );
    expect(result.posture).toEqual({ checked: 1, withoutVerifiedEmail: [] });
    expect(result.disableCount).toBe(0);
  });

  it('finishes, and audits, a change an interrupted run began but never recorded', () => {
    const cruz = account('cruz', { employeeId: 'E3', enabled: false });
    const { actionId } = plan([cruz]).findings[0] ?? {};
    expect(plan([cruz]).findings[0]?.action).toBe('none');

    const resumed = plan([cruz], new Set([actionId as string]));
    expect(resumed.findings[0]).toMatchObject({
      situation: 'leaver_disabled',
      action: 'disable',
      actionId,
      reason: 'left on 2025-02-28; already disabled; finishing an action an interrupted run began',
    });
    expect(resumed.disableCount).toBe(1);
  });

  it('resumes nothing for accounts whose change is not pending', () => {
    const result = plan(
      [account('ana', { employeeId: 'E1' }), account('cruz', { employeeId: 'E3', enabled: false })],
      new Set(['some-other-action']),
    );
    expect(result.findings.map((f) => f.action)).toEqual(['none', 'none']);
  });

  describe('an account Warden disabled and someone enabled outside Warden', () => {
    const disabledBefore = { actionId: 'first-disable', at: new Date('2026-11-01T00:00:00Z') };
    const withMemory = (accounts: Account[], pendingActionIds?: ReadonlySet<string>) => {
      const state = {
        disabledByWarden: new Map([['sub-cruz', disabledBefore]]),
        orphanFirstSeen: new Map<string, Date>(),
      };
      const planner = new SourcePlanner(classifyContext(feed(ROWS), NOW, undefined, state), {
        pendingActionIds,
      });
      for (const a of accounts) planner.add(a);
      return planner.result().findings[0];
    };

    it('is disabled again under a new action id that follows from the earlier one', () => {
      const again = withMemory([account('cruz', { employeeId: 'E3' })]);
      const ordinary = plan([account('cruz', { employeeId: 'E3' })]).findings[0];
      expect(again).toMatchObject({ situation: 'leaver', action: 'disable' });
      expect(again?.actionId).not.toBe(ordinary?.actionId);
      expect(again?.actionId).toBe(
        disableAgainId(again as NonNullable<typeof again>, disabledBefore),
      );
      expect(again?.reason).toBe(
        'left on 2025-02-28 but the account is still enabled; Warden disabled the account at 2026-11-01T00:00:00.000Z (action first-disable) and it has been enabled again outside Warden',
      );
    });

    it('has that disable finished when an interrupted run began it but never recorded it', () => {
      const cruz = account('cruz', { employeeId: 'E3', enabled: false });
      const quiet = withMemory([cruz]);
      expect(quiet?.action).toBe('none');
      const againId = disableAgainId(quiet as NonNullable<typeof quiet>, disabledBefore);
      expect(withMemory([cruz], new Set([againId]))).toMatchObject({
        situation: 'leaver_disabled',
        action: 'disable',
        actionId: againId,
        reason:
          'left on 2025-02-28; already disabled; finishing an action an interrupted run began',
      });
    });
  });

  it('plans a pending change of an enabled leaver as the ordinary disable it already is', () => {
    const ben = account('ben', { employeeId: 'E2' });
    const [planned] = plan([ben]).findings;
    const [again] = plan([ben], new Set([planned?.actionId as string])).findings;
    expect(again).toEqual(planned);
    expect(again?.reason).toBe('left on 2025-01-31 but the account is still enabled');
  });
});
