import { describe, expect, it } from 'vitest';
import { assessSignIn } from '../../../../functions/core/geo/assess-sign-in.js';
import { signGeoContext } from '../../../../functions/core/geo/geo-context.js';
import { KEY, MemoryGroups, MemoryNonces, pressPolicy } from '../../fakes/memory-geo.js';
import { MemoryAccessEnds } from '../../fakes/memory-storage.js';

const POOL = 'us-east-1_Press';
const NOW = new Date('2026-11-29T12:00:00Z');
const from = (country: string | null, ip = '88.1.1.1', username = 'ana.lopez') =>
  signGeoContext({ ip, country, username }, KEY, NOW);

function world() {
  const deps = {
    policy: pressPolicy(),
    key: KEY,
    nonces: new MemoryNonces(),
    accessEnds: new MemoryAccessEnds(),
    groups: new MemoryGroups(),
  };
  const assess = (token: string | undefined, trigger = 'define-auth-challenge', now = NOW) =>
    assessSignIn(
      { source: POOL, username: 'ana.lopez', names: ['ana.lopez'], token, trigger, now },
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
    deps.groups.set(POOL, 'ana.lopez', ['press-admins']);
    expect(await assess(from('ES'))).toMatchObject({
      decision: 'deny',
      rule: 'groups.press-admins',
    });
  });

  it('treats a replayed context as an unknown location, once per trigger', async () => {
    const { deps, assess } = world();
    deps.policy = pressPolicy({ unknown: 'deny' });
    const token = from('MX');
    expect((await assess(token)).decision).toBe('allow');
    const replay = await assess(token);
    expect(replay).toMatchObject({ decision: 'deny', rule: 'unknown', country: null });
    expect(replay.reason).toMatch(/\(geo context: replayed\)$/);
    expect((await assess(token, 'pre-token-generation')).decision).toBe('allow');
  });

  it('remembers a nonce for as long as its context could be presented', async () => {
    const { deps, assess } = world();
    await assess(from('MX'));
    expect([...deps.nonces.claimed.values()]).toEqual([new Date(NOW.getTime() + 120_000)]);
  });

  it('applies the unknown rule, and keeps no address, when the context is missing or forged', async () => {
    const { deps, assess } = world();
    const missing = await assess(undefined);
    expect(missing).toMatchObject({ decision: 'require_mfa', rule: 'unknown', country: null });
    expect(missing.reason).toMatch(/\(geo context: missing\)$/);
    expect(missing).not.toHaveProperty('ip');
    const forged = signGeoContext(
      { ip: '1.1.1.1', country: 'MX', username: 'ana.lopez' },
      Buffer.alloc(32, 1),
      NOW,
    );
    expect((await assess(forged)).reason).toMatch(/\(geo context: bad_signature\)$/);
    expect(deps.nonces.claimed.size).toBe(0);
  });

  it('refuses a person whose access has ended, from anywhere, and not before it ends', async () => {
    const { deps, assess } = world();
    const lastDay = new Date('2026-11-30T06:00:00Z');
    await deps.accessEnds.recordAccessEnds(POOL, new Map([['ana.lopez', lastDay]]), true);
    expect((await assess(from('MX'))).decision).toBe('allow');
    const after = await assess(
      signGeoContext({ ip: '88.1.1.1', country: 'MX', username: 'ana.lopez' }, KEY, lastDay),
      'define-auth-challenge',
      lastDay,
    );
    expect(after).toMatchObject({
      decision: 'deny',
      rule: 'offboarded',
      reason: 'access ended at 2026-11-30T06:00:00.000Z',
    });
  });
});
