import type { APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { GatewayDependencies } from '../../../functions/core/geo/gateway.js';
import {
  GEO_CONTEXT_FIELD,
  typedName,
  verifyGeoContext,
} from '../../../functions/core/geo/geo-context.js';
import type { AuthStep } from '../../../functions/core/geo/ports.js';
import { createGatewayHandler } from '../../../functions/sign-in-gateway/create-handler.js';
import {
  CountingLimiter,
  GATEWAY_CLIENT,
  KEYS,
  ScriptedAuthApi,
  TableLocator,
} from '../fakes/memory-geo.js';
import { FixedClock } from '../fakes/memory-services.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const TOKENS: AuthStep = {
  kind: 'tokens',
  tokens: { idToken: 'id', accessToken: 'access' },
  username: 'ana.lopez',
};

function gateway(replies: AuthStep[] = [TOKENS]) {
  const api = new ScriptedAuthApi(replies);
  const deps: GatewayDependencies = {
    api,
    locator: new TableLocator({ '88.1.1.1': 'ES' }),
    keys: () => Promise.resolve(KEYS),
    limiter: new CountingLimiter(),
    clock: new FixedClock(NOW),
    clientId: GATEWAY_CLIENT,
    limits: { perAddress: 10, perUsername: 10 },
  };
  const handler = createGatewayHandler(() => Promise.resolve(deps));
  const call = async (
    path: string,
    body: unknown,
    fields: Record<string, unknown> = {},
  ): Promise<APIGatewayProxyResult & { json: Record<string, unknown> }> => {
    const result = await handler({
      resource: '/{proxy+}',
      path,
      httpMethod: 'POST',
      headers: { 'X-Forwarded-For': '189.203.0.1' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { identity: { sourceIp: '88.1.1.1' }, stage: 'prod' },
      ...fields,
    });
    return { ...result, json: JSON.parse(result.body) };
  };
  return { api, call };
}

const SIGN_IN = { username: 'ana.lopez', password: 'correct horse' };

describe('sign-in gateway handler', () => {
  it('signs in over POST /auth/sign-in and answers JSON that is never cached', async () => {
    const { call } = gateway();
    const result = await call('/prod/auth/sign-in', SIGN_IN);
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    expect(result.json).toEqual({
      status: 'signed_in',
      tokens: { idToken: 'id', accessToken: 'access' },
    });
  });

  it('places the caller by the address API Gateway saw, never by a forwarded header', async () => {
    const { api, call } = gateway();
    await call('/auth/sign-in', SIGN_IN);
    const token = api.calls[0]?.metadata[GEO_CONTEXT_FIELD];
    expect(
      verifyGeoContext(token, KEYS, NOW, typedName(['ana.lopez'], GATEWAY_CLIENT)),
    ).toMatchObject({
      ok: true,
      context: { ip: '88.1.1.1', country: 'ES' },
    });
  });

  it('reads a base64-encoded body', async () => {
    const { api, call } = gateway();
    const body = Buffer.from(JSON.stringify(SIGN_IN)).toString('base64');
    expect((await call('/auth/sign-in', body, { isBase64Encoded: true })).statusCode).toBe(200);
    expect(api.calls[0]).toMatchObject({ username: 'ana.lopez', password: 'correct horse' });
  });

  it('continues a sign-in with the code over POST /auth/respond', async () => {
    const { call } = gateway([
      { kind: 'code_required', session: 'cognito-session', username: 'ana.lopez' },
      TOKENS,
    ]);
    const first = await call('/auth/sign-in', SIGN_IN);
    expect(first.json.status).toBe('code_required');
    const second = await call('/auth/respond', { session: first.json.session, code: ' 123456 ' });
    expect([second.statusCode, second.json.status]).toEqual([200, 'signed_in']);
  });

  it('answers a refused sign-in with 401 and nothing more', async () => {
    const { call } = gateway([{ kind: 'refused' }]);
    const result = await call('/auth/sign-in', SIGN_IN);
    expect([result.statusCode, result.json]).toEqual([
      401,
      { status: 'refused', message: 'Sign-in failed' },
    ]);
  });

  it('names the bad field of a body without echoing what was sent', async () => {
    const { api, call } = gateway();
    const result = await call('/auth/sign-in', { username: 'ana.lopez', password: '', extra: 'x' });
    expect(result.statusCode).toBe(400);
    expect(result.json.status).toBe('invalid');
    expect(result.json.message).toMatch(/^password: .*; \(root\): Unrecognized key: "extra"$/);
    const code = await call('/auth/respond', { session: 's', code: 'hunter2' });
    expect(code.json).toEqual({ status: 'invalid', message: 'code: must be the 6-digit code' });
    expect(api.calls).toEqual([]);
  });

  it('refuses a body that is not JSON, a malformed event, other methods and other paths', async () => {
    const { api, call } = gateway();
    expect((await call('/auth/sign-in', '{not json')).statusCode).toBe(400);
    expect((await call('/auth/sign-in', null, { body: null })).statusCode).toBe(400);
    expect((await call('/auth/sign-in', SIGN_IN, { requestContext: {} })).json).toEqual({
      status: 'invalid',
      message: 'malformed request',
    });
    expect((await call('/auth/sign-in', SIGN_IN, { httpMethod: 'GET' })).statusCode).toBe(405);
    expect((await call('/auth/sign-up', SIGN_IN)).statusCode).toBe(404);
    expect(api.calls).toEqual([]);
  });
});
