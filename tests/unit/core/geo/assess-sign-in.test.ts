import { describe, expect, it } from 'vitest';
import { assessSignIn, checkContext } from '../../../../functions/core/geo/assess-sign-in.js';
import { resolvedUser, signGeoContext } from '../../../../functions/core/geo/geo-context.js';
import { GATEWAY_CLIENT } from '../../fakes/memory-geo.js';
import { geoFrom, NOW, POOL, SPAIN, triggerWorld, USERNAME } from '../../fakes/sign-in-triggers.js';

const from = (country: string | null) => geoFrom(country).warden_geo;

function world() {
  const { deps } = triggerWorld();
  const assess = (token: string | undefined, trigger = 'define-auth-challenge', now = NOW) =>
    assessSignIn(
      {
        source: POOL,
        username: USERNAME,
        binding: resolvedUser(USERNAME, GATEWAY_CLIENT),
        token,
        trigger,
        now,
      },
      deps,
    );
  return { deps, assess };
}

describe('assessing a sign-in', () => {
  it('decides from the country the gateway vouched for, and keeps the address', async () => {
    const { assess } = world();
    expect(await assess(from('MX'))).toMatchObject({
      decision: 'allow',
      rule: 'default',
      country: 'MX',
      ip: '88.1.1.1',
    });
    expect((await assess(from('ES'))).decision).toBe('require_mfa');
    expect((await assess(from('KP'))).decision).toBe('deny');
  });

  it('reads the person’s groups from the directory', async () => {
    const { deps, assess } = world();
    deps.groups.set(POOL, USERNAME, ['press-admins']);
    expect(await assess(from('ES'))).toMatchObject({
      decision: 'deny',
      rule: 'groups.press-admins',
    });
  });

  it('refuses a replayed context, once per trigger, whatever the policy says of unknown places', async () => {
    const { assess } = world();
    const token = from('MX');
    expect((await assess(token)).decision).toBe('allow');
    const replay = await assess(token);
    expect(replay).toMatchObject({
      decision: 'deny',
      rule: 'geo-context',
      reason: 'no valid geo context (replayed)',
    });
    expect((await assess(token, 'pre-token-generation')).decision).toBe('allow');
  });

  it('remembers a nonce for as long as its context could be presented', async () => {
    const { deps, assess } = world();
    await assess(from('MX'));
    expect([...deps.nonces.claimed.values()]).toEqual([new Date(NOW.getTime() + 120_000)]);
  });

  it('refuses, and keeps no address, when the context is missing or forged', async () => {
    const { deps, assess } = world();
    const missing = await assess(undefined);
    expect(missing).toMatchObject({ decision: 'deny', rule: 'geo-context', country: null });
    expect(missing.reason).toBe('no valid geo context (missing)');
    expect(missing.ip).toBeUndefined();
    const forged = signGeoContext(
      { ip: '1.1.1.1', country: 'MX', username: USERNAME, clientId: GATEWAY_CLIENT },
      { id: deps.policy ? (await deps.keys()).signing.id : 'x', key: Buffer.alloc(32, 1) },
      NOW,
    );
    expect((await assess(forged)).reason).toBe('no valid geo context (bad_signature)');
    expect(deps.nonces.claimed.size).toBe(0);
  });

  it('refuses a person whose access has ended, from anywhere, and not before it ends', async () => {
    const { deps, assess } = world();
    const lastDay = new Date('2026-11-30T06:00:00Z');
    await deps.accessEnds.recordAccessEnds(POOL, new Map([[USERNAME, lastDay]]), true);
    expect((await assess(from('MX'))).decision).toBe('allow');
    const after = await assess(
      geoFrom('MX', SPAIN, lastDay).warden_geo,
      'define-auth-challenge',
      lastDay,
    );
    expect(after).toMatchObject({
      decision: 'deny',
      rule: 'offboarded',
      reason: 'access ended at 2026-11-30T06:00:00.000Z',
    });
  });

  it('calls a context that does not verify what it is, never a replay', async () => {
    const { deps } = world();
    const check = (token: string | undefined) =>
      checkContext(
        {
          token,
          binding: resolvedUser(USERNAME, GATEWAY_CLIENT),
          trigger: 'pre-authentication',
          now: NOW,
        },
        deps,
      );
    expect(await check(undefined)).toEqual({
      geo: { ok: false, failure: 'missing' },
      replayed: false,
    });
    const token = from('MX');
    expect((await check(token)).replayed).toBe(false);
    expect((await check(token)).replayed).toBe(true);
  });
});
