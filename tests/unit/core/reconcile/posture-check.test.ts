import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import { actionId } from '../../../../functions/core/reconcile/action-id.js';
import {
  type PostureAction,
  PostureCheck,
} from '../../../../functions/core/reconcile/posture-check.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import { account, POOL } from '../../fakes/builders.js';
import { pressPolicy } from '../../fakes/memory-geo.js';
import { MemoryDirectory } from '../../fakes/memory-services.js';

const unverified = (username: string, fields: Partial<Account> = {}) =>
  account(username, { emailVerified: false, ...fields });

function findingOf(a: Account, fields: Partial<Finding> = {}): Finding {
  return {
    source: a.source,
    username: a.username,
    accountKey: a.sub as string,
    enabled: a.enabled,
    situation: 'active',
    match: 'employee_id',
    action: 'none',
    reason: 'active in HR',
    ...fields,
  };
}

async function check(action: PostureAction = 'report', policy = pressPolicy()) {
  const directory = new MemoryDirectory(POOL, []);
  directory.groups.set('press-admins', ['ana', 'ben']);
  directory.groups.set('correspondents', ['ana', 'dana']);
  directory.groups.set('unfenced', ['ana']);
  const posture = await PostureCheck.start(policy, action, directory);
  return (a: Account, fields: Partial<Finding> = {}) => posture.assess(a, findingOf(a, fields));
}

describe('MFA posture check', () => {
  it('finds people who may be asked for a code but have no verified email, with their fenced groups', async () => {
    const assess = await check();
    expect(assess(unverified('dana'))).toEqual({
      kind: 'gap',
      gap: { source: POOL, username: 'dana', groups: ['correspondents'] },
    });
    // Inside Mexico both of Ana's fences allow; outside it, press-admins denies: never a code.
    expect(assess(unverified('ana'))).toEqual({ kind: 'ok' });
    expect(assess(unverified('cruz'))).toEqual({
      kind: 'gap',
      gap: { source: POOL, username: 'cruz', groups: [] },
    });
  });

  it('is content with a verified email, or with a policy that never asks this person for a code', async () => {
    expect((await check())(account('ana', { emailVerified: true }))).toEqual({ kind: 'ok' });
    const neverAsks = pressPolicy({ unknown: 'deny' });
    expect((await check('disable', neverAsks))(unverified('ben'))).toEqual({ kind: 'ok' });
  });

  it('leaves out people who are not keeping their access', async () => {
    const assess = await check('disable');
    expect(assess(unverified('ana', { enabled: false }))).toEqual({ kind: 'not_checked' });
    expect(assess(unverified('ana'), { situation: 'leaver', action: 'disable' })).toEqual({
      kind: 'not_checked',
    });
    expect(assess(unverified('ana'), { situation: 'leaver_disabled', actionId: 'a1' })).toEqual({
      kind: 'not_checked',
    });
  });

  it('plans, under a disable policy, a change with an id that stays the same from run to run', async () => {
    const first = (await check('disable'))(unverified('cruz'));
    const again = (await check('disable'))(unverified('cruz'));
    expect(first).toMatchObject({
      kind: 'gap',
      disable: {
        actionId: expect.stringMatching(/^[0-9a-f]{32}$/),
        reason: 'MFA posture: no verified email to receive a one-time code, disabled per policy',
      },
    });
    expect(again).toEqual(first);
    // Of this account, for this reason: apart from any leaver or orphan disable of it.
    expect(first).toMatchObject({
      disable: { actionId: actionId('disable', POOL, 'sub-cruz', 'posture:no-verified-email') },
    });
  });

  it('never disables an exempt person, only reports them', async () => {
    const decision = (await check('disable'))(unverified('cruz'), { situation: 'exempt' });
    expect(decision).toEqual({ kind: 'gap', gap: { source: POOL, username: 'cruz', groups: [] } });
  });
});
