import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type GatewayDependencies,
  gatewayRespond,
  gatewaySignIn,
} from '../../../../functions/core/geo/gateway.js';
import { GEO_CONTEXT_FIELD, verifyGeoContext } from '../../../../functions/core/geo/geo-context.js';
import type { AuthStep } from '../../../../functions/core/geo/ports.js';
import { CountingLimiter, KEY, ScriptedAuthApi, TableLocator } from '../../fakes/memory-geo.js';
import { FixedClock } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const TOKENS: AuthStep = { kind: 'tokens', tokens: { idToken: 'id', accessToken: 'access' } };
const CODE: AuthStep = {
  kind: 'code_required',
  session: 'cognito-session',
  destination: 'a***@x.org',
};
const SPAIN = '88.1.1.1';

function gateway(replies: AuthStep[], attemptsPerMinute = 10) {
  const api = new ScriptedAuthApi(replies);
  const deps: GatewayDependencies = {
    api,
    locator: new TableLocator({ [SPAIN]: 'ES' }),
    key: KEY,
    limiter: new CountingLimiter(),
    clock: new FixedClock(NOW),
    attemptsPerMinute,
  };
  const signIn = (ip = SPAIN) => gatewaySignIn({ username: 'ana.lopez', password: 'pw', ip }, deps);
  const respond = (session: string, ip = SPAIN) =>
    gatewayRespond({ session, code: '123456', ip }, deps);
  return { api, signIn, respond };
}

const contextOf = (metadata: Record<string, string>) =>
  verifyGeoContext(metadata[GEO_CONTEXT_FIELD], KEY, NOW, ['ana.lopez']);

/** An envelope signed with the gateway's key around any body, as only the gateway could make. */
const signed = (body: string) => {
  const encoded = Buffer.from(body).toString('base64url');
  return `${encoded}.${createHmac('sha256', KEY).update(`envelope.${encoded}`).digest('base64url')}`;
};

describe('gateway sign-in', () => {
  it('signs in with a geo context that vouches for the caller’s address and country', async () => {
    const { api, signIn } = gateway([TOKENS]);
    expect(await signIn()).toEqual({
      status: 200,
      body: { status: 'signed_in', tokens: { idToken: 'id', accessToken: 'access' } },
    });
    const [call] = api.calls;
    expect(call).toMatchObject({ kind: 'start', username: 'ana.lopez', password: 'pw' });
    expect(contextOf(call?.metadata ?? {})).toMatchObject({
      ok: true,
      context: { ip: SPAIN, country: 'ES', username: 'ana.lopez' },
    });
  });

  it('vouches for an unknown location as unknown, never as a country', async () => {
    const { api, signIn } = gateway([TOKENS]);
    await signIn('10.0.0.1');
    expect(contextOf(api.calls[0]?.metadata ?? {})).toMatchObject({
      ok: true,
      context: { country: null },
    });
  });

  it('answers every refusal alike, never saying why', async () => {
    const { signIn } = gateway([{ kind: 'refused' }]);
    expect(await signIn()).toEqual({
      status: 401,
      body: { status: 'refused', message: 'Sign-in failed' },
    });
  });

  it('asks for the code with a sealed session, and continues that sign-in with it', async () => {
    const { api, signIn, respond } = gateway([CODE, TOKENS]);
    const first = await signIn();
    expect(first).toMatchObject({
      status: 200,
      body: { status: 'code_required', destination: 'a***@x.org' },
    });
    const session = (first.body as { session: string }).session;
    expect(session).not.toBe('cognito-session');

    expect((await respond(session)).body.status).toBe('signed_in');
    const [start, answer] = api.calls;
    expect(answer).toMatchObject({
      kind: 'answer',
      session: 'cognito-session',
      username: 'ana.lopez',
      code: '123456',
    });
    const nonce = (c: typeof start) => {
      const check = contextOf(c?.metadata ?? {});
      return check.ok ? check.context.nonce : undefined;
    };
    expect(nonce(answer)).toBeDefined();
    expect(nonce(answer)).not.toBe(nonce(start));
  });

  it('refuses a session that was tampered with, forged or made up, without asking Cognito', async () => {
    const { api, signIn, respond } = gateway([CODE]);
    const session = ((await signIn()).body as { session: string }).session;
    const [body, signature] = session.split('.') as [string, string];
    const swapped = Buffer.from(
      JSON.stringify({ session: 'cognito-session', username: 'boss' }),
    ).toString('base64url');
    const forged = `${body}.${createHmac('sha256', Buffer.alloc(32, 1)).update(`envelope.${body}`).digest('base64url')}`;
    for (const bad of [
      `${swapped}.${signature}`,
      forged,
      body,
      'garbage',
      signed('not json'),
      signed(JSON.stringify({ session: 42, username: 'ana.lopez' })),
    ]) {
      expect(await respond(bad)).toEqual({
        status: 401,
        body: { status: 'refused', message: 'Sign-in failed' },
      });
    }
    expect(api.calls).toHaveLength(1);
  });

  it('throttles an address past its attempts per minute, sign-ins and codes alike', async () => {
    const { api, signIn, respond } = gateway([TOKENS, TOKENS, TOKENS], 2);
    expect((await signIn()).status).toBe(200);
    expect((await signIn()).status).toBe(200);
    const throttled = {
      status: 429,
      body: { status: 'throttled', message: 'Too many attempts; wait a minute' },
    };
    expect(await signIn()).toEqual(throttled);
    expect(await respond(signed(JSON.stringify({ session: 's', username: 'ana.lopez' })))).toEqual(
      throttled,
    );
    expect((await signIn('189.203.0.1')).status).toBe(200);
    expect(api.calls).toHaveLength(3);
  });
});
