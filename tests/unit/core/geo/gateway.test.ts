import { describe, expect, it } from 'vitest';
import {
  type GatewayDependencies,
  gatewayRefresh,
  gatewayRespond,
  gatewaySignIn,
} from '../../../../functions/core/geo/gateway.js';
import {
  GEO_CONTEXT_FIELD,
  resolvedUser,
  seal,
  verifyGeoContext,
} from '../../../../functions/core/geo/geo-context.js';
import { keySetOf } from '../../../../functions/core/geo/key-set.js';
import type { AuthStep } from '../../../../functions/core/geo/ports.js';
import {
  CountingLimiter,
  GATEWAY_CLIENT,
  KEYS,
  ScriptedAuthApi,
  TableLocator,
} from '../../fakes/memory-geo.js';
import { FixedClock } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const RESOLVED = 'a1b2-sub';
const TOKENS: AuthStep = {
  kind: 'tokens',
  tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'cognito-refresh' },
  username: RESOLVED,
};
const CODE: AuthStep = {
  kind: 'code_required',
  session: 'cognito-session',
  username: RESOLVED,
  destination: 'a***@x.org',
};
const SPAIN = '88.1.1.1';
const REFUSED = { status: 401, body: { status: 'refused', message: 'Sign-in failed' } };

function gateway(replies: AuthStep[], limits = { perAddress: 10, perUsername: 10 }) {
  const api = new ScriptedAuthApi(replies);
  const limiter = new CountingLimiter();
  const deps: GatewayDependencies = {
    api,
    locator: new TableLocator({ [SPAIN]: 'ES' }),
    keys: () => Promise.resolve(KEYS),
    limiter,
    clock: new FixedClock(NOW),
    clientId: GATEWAY_CLIENT,
    limits,
  };
  const signIn = (ip = SPAIN, username = 'ana.lopez') =>
    gatewaySignIn({ username, password: 'pw', ip }, deps);
  const respond = (session: string, ip = SPAIN) =>
    gatewayRespond({ session, code: '123456', ip }, deps);
  const refresh = (refreshToken: string, ip = SPAIN) => gatewayRefresh({ refreshToken, ip }, deps);
  return { api, limiter, signIn, respond, refresh };
}

const contextOf = (metadata: Record<string, string>, username: string) =>
  verifyGeoContext(metadata[GEO_CONTEXT_FIELD], KEYS, NOW, resolvedUser(username, GATEWAY_CLIENT));

describe('gateway sign-in', () => {
  it('signs in with a geo context that vouches for the address, the country and the client', async () => {
    const { api, signIn } = gateway([TOKENS]);
    const answer = await signIn();
    expect(answer).toMatchObject({
      status: 200,
      body: { status: 'signed_in', tokens: { idToken: 'id' } },
    });
    const [call] = api.calls;
    expect(call).toMatchObject({ kind: 'start', username: 'ana.lopez', password: 'pw' });
    expect(contextOf(call?.metadata ?? {}, 'ana.lopez')).toMatchObject({
      ok: true,
      context: { ip: SPAIN, country: 'ES', username: 'ana.lopez', clientId: GATEWAY_CLIENT },
    });
  });

  it('hands out the refresh token sealed with the username Cognito resolved', async () => {
    const { signIn } = gateway([TOKENS]);
    const { tokens } = (await signIn()).body as { tokens: { refreshToken: string } };
    expect(tokens.refreshToken).not.toContain('cognito-refresh');
    expect(tokens.refreshToken.split('.')[0]).toBe(KEYS.signing.id);
  });

  it('vouches for an unknown location as unknown, never as a country', async () => {
    const { api, signIn } = gateway([TOKENS]);
    await signIn('10.0.0.1');
    expect(contextOf(api.calls[0]?.metadata ?? {}, 'ana.lopez')).toMatchObject({
      ok: true,
      context: { country: null },
    });
  });

  it('answers every refusal alike, never saying why', async () => {
    const { signIn } = gateway([{ kind: 'refused' }]);
    expect(await signIn()).toEqual(REFUSED);
  });

  it('asks for the code with a sealed session, and continues that sign-in for the resolved user', async () => {
    const { api, signIn, respond } = gateway([CODE, TOKENS]);
    const first = await signIn();
    expect(first).toMatchObject({
      status: 200,
      body: { status: 'code_required', destination: 'a***@x.org' },
    });
    const session = (first.body as { session: string }).session;
    expect(session).not.toContain('cognito-session');

    expect((await respond(session)).body.status).toBe('signed_in');
    const [start, answer] = api.calls;
    expect(answer).toMatchObject({
      kind: 'answer',
      session: 'cognito-session',
      username: RESOLVED,
      code: '123456',
    });
    const nonceOf = (metadata: Record<string, string> | undefined, username: string) => {
      const check = contextOf(metadata ?? {}, username);
      return check.ok ? check.context.nonce : undefined;
    };
    expect(nonceOf(answer?.metadata, RESOLVED)).toBeDefined();
    expect(nonceOf(answer?.metadata, RESOLVED)).not.toBe(nonceOf(start?.metadata, 'ana.lopez'));
  });

  it('refuses a session that was tampered with, forged or made up, without asking Cognito', async () => {
    const { api, signIn, respond } = gateway([CODE]);
    const session = ((await signIn()).body as { session: string }).session;
    const [kid, , signature] = session.split('.') as [string, string, string];
    const swapped = Buffer.from(
      JSON.stringify({ session: 'cognito-session', username: 'boss' }),
    ).toString('base64url');
    const otherKeys = keySetOf({ current: 'o'.repeat(40) });
    for (const bad of [
      `${kid}.${swapped}.${signature}`,
      seal('envelope', otherKeys.signing, { session: 'cognito-session', username: RESOLVED }),
      seal('refresh', KEYS.signing, { refreshToken: 'x', username: RESOLVED }),
      seal('envelope', KEYS.signing, { session: 42, username: RESOLVED }),
      'garbage',
    ]) {
      expect(await respond(bad)).toEqual(REFUSED);
    }
    expect(api.calls).toHaveLength(1);
  });

  it('refreshes with the sealed token only, for the user it was sealed for', async () => {
    const { api, signIn, refresh } = gateway([
      TOKENS,
      { ...TOKENS, tokens: { idToken: 'id2', accessToken: 'a2' } },
    ]);
    const { tokens } = (await signIn()).body as { tokens: { refreshToken: string } };
    const renewed = await refresh(tokens.refreshToken);
    // Without rotation Cognito returns no new refresh token: the caller's stays good.
    expect(renewed).toMatchObject({
      status: 200,
      body: { tokens: { idToken: 'id2', refreshToken: tokens.refreshToken } },
    });
    expect(api.calls[1]).toMatchObject({
      kind: 'refresh',
      session: 'cognito-refresh',
      username: RESOLVED,
    });
    expect(await refresh('cognito-refresh')).toEqual(REFUSED);
    expect(api.calls).toHaveLength(2);
  });

  it('throttles an address and a username past their attempts, sign-ins, codes and refreshes alike', async () => {
    const { api, limiter, signIn, respond } = gateway([TOKENS, TOKENS, TOKENS], {
      perAddress: 2,
      perUsername: 3,
    });
    expect((await signIn()).status).toBe(200);
    expect((await signIn()).status).toBe(200);
    const throttled = {
      status: 429,
      body: { status: 'throttled', message: 'Too many attempts; wait a minute' },
    };
    expect(await signIn()).toEqual(throttled);
    expect(
      await respond(seal('envelope', KEYS.signing, { session: 's', username: 'ana.lopez' })),
    ).toEqual(throttled);
    // Another address, but the same username: its fourth attempt is over the username's limit.
    expect(await signIn('189.203.0.1')).toEqual(throttled);
    expect((await signIn('189.203.0.2', 'bea')).status).toBe(200);
    expect(api.calls).toHaveLength(3);
    expect([...limiter.attempts.keys()]).toEqual(
      expect.arrayContaining(['ip:88.1.1.1', 'user:ana.lopez']),
    );
  });

  it('refuses a refresh Cognito refuses, and answers a granted one as signed in', async () => {
    const { signIn, refresh } = gateway([TOKENS, TOKENS, { kind: 'refused' }]);
    const { tokens } = (await signIn()).body as { tokens: { refreshToken: string } };
    expect(await refresh(tokens.refreshToken)).toMatchObject({
      status: 200,
      body: { status: 'signed_in' },
    });
    expect(await refresh(tokens.refreshToken)).toEqual(REFUSED);
  });

  it('counts a session it cannot open against the address only, never against some username', async () => {
    const { limiter, respond, refresh } = gateway([], { perAddress: 10, perUsername: 1 });
    expect(await respond('garbage', '189.203.0.1')).toEqual(REFUSED);
    expect(await refresh('garbage', '189.203.0.2')).toEqual(REFUSED);
    expect([...limiter.attempts.keys()]).toEqual(['ip:189.203.0.1', 'ip:189.203.0.2']);
  });
});
