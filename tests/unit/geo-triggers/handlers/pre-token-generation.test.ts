import { describe, expect, it } from 'vitest';
import { GEO_CONTEXT_FIELD, signGeoContext } from '../../../../functions/core/geo/geo-context.js';
import { createPreTokenGenerationHandler } from '../../../../functions/geo-triggers/handlers/pre-token-generation.js';
import { GATEWAY_CLIENT, KEYS } from '../../fakes/memory-geo.js';
import { POOL, triggerWorld } from '../../fakes/sign-in-triggers.js';

const CLIENT = GATEWAY_CLIENT;

function world() {
  const { deps, dependencies } = triggerWorld();
  const handler = createPreTokenGenerationHandler(dependencies);
  const grants = deps.grants.granted;
  const decisions = deps.signIns.entries;
  const endAccess = (at: Date) =>
    deps.accessEnds.recordAccessEnds(POOL, new Map([['ana', at]]), false);
  const context = (country = 'MX', nonce = 'a'.repeat(32)) =>
    signGeoContext(
      { ip: '189.203.0.1', country, username: 'ana', clientId: CLIENT },
      KEYS.signing,
      deps.clock.now(),
      nonce,
    );
  const event = (fields: {
    version?: string;
    triggerSource?: string;
    token?: string;
    clientId?: string;
  }) => ({
    version: fields.version ?? '1',
    triggerSource: fields.triggerSource ?? 'TokenGeneration_Authentication',
    userPoolId: POOL,
    userName: 'ana',
    callerContext: { clientId: fields.clientId ?? CLIENT },
    request: {
      userAttributes: {},
      clientMetadata: fields.token ? { [GEO_CONTEXT_FIELD]: fields.token } : {},
    },
    response: {},
  });
  return { deps, grants, decisions, endAccess, handler, context, event };
}

describe('pre-token generation', () => {
  it('issues tokens only with the grant define-auth-challenge recorded for that very call', async () => {
    const w = world();
    await expect(w.handler(w.event({ token: w.context() }))).rejects.toThrow('Sign-in refused');
    w.grants.set('b'.repeat(32), { username: 'ana', decision: 'mfa_passed', country: 'ES' });
    const answer = (await w.handler(w.event({ token: w.context('ES', 'b'.repeat(32)) }))) as {
      response: unknown;
    };
    expect(answer.response).toEqual({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { geo_country: 'ES', geo_decision: 'mfa_passed' },
      },
    });
  });

  it('answers version 2 events in their own shape, for the ID and the access token', async () => {
    const w = world();
    w.grants.set('c'.repeat(32), { username: 'ana', decision: 'allow', country: 'MX' });
    const answer = (await w.handler(
      w.event({ version: '2', token: w.context('MX', 'c'.repeat(32)) }),
    )) as { response: unknown };
    const claims = { claimsToAddOrOverride: { geo_country: 'MX', geo_decision: 'allow' } };
    expect(answer.response).toEqual({
      claimsAndScopeOverrideDetails: { idTokenGeneration: claims, accessTokenGeneration: claims },
    });
  });

  it('renews on a refresh only from an allowed place, and never once access has ended', async () => {
    const w = world();
    const refresh = (country: string, nonce: string) =>
      w.handler(
        w.event({
          triggerSource: 'TokenGeneration_RefreshTokens',
          token: w.context(country, nonce),
        }),
      );
    await expect(refresh('MX', 'd'.repeat(32))).resolves.toBeDefined();
    await expect(refresh('ES', 'e'.repeat(32))).rejects.toThrow('Sign-in refused');
    await w.endAccess(w.deps.clock.now());
    await expect(refresh('MX', 'f'.repeat(32))).rejects.toThrow('Sign-in refused');
    expect(w.decisions.map((d) => `${d.outcome}:${d.rule}`)).toEqual([
      'refreshed:default',
      'denied:default',
      'denied:offboarded',
    ]);
  });

  it('lets a client named as unfenced through without a context, unless access has ended', async () => {
    const w = world();
    const answer = (await w.handler(w.event({ clientId: 'm2m-client' }))) as { response: unknown };
    expect(answer.response).toMatchObject({
      claimsOverrideDetails: { claimsToAddOrOverride: { geo_decision: 'unfenced' } },
    });
    await w.endAccess(new Date('garbage'));
    await expect(w.handler(w.event({ clientId: 'm2m-client' }))).rejects.toThrow('Sign-in refused');
  });
});
