import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GatewayDependencies } from '../../../functions/core/geo/gateway.js';
import type { AuthStep, CustomAuthApi } from '../../../functions/core/geo/ports.js';
import { createGatewayHandler } from '../../../functions/sign-in-gateway/create-handler.js';
import {
  CountingLimiter,
  GATEWAY_CLIENT,
  KEYS,
  TableLocator,
} from '../../unit/fakes/memory-geo.js';
import { FixedClock } from '../../unit/fakes/memory-services.js';
import { hostile, namesField, notText, oneFieldWrong } from './mutations.js';
import { propertySuite } from './property-suite.js';

/**
 * The sign-in gateway's HTTP event (an API Gateway proxy event) and its three bodies: whatever
 * arrives gets an HTTP answer and never a crash; a bad body is refused with 400 naming the field
 * (never echoing a value) before Cognito is called; what the caller sent reaches Cognito as sent,
 * whether the body came base64-encoded or not.
 */
const { checkAsync } = propertySuite('gateway-properties');
const SECRET = 's3cr3t';
const ANSWERS = new Set([200, 400, 401, 404, 405, 429]);

/** Cognito, answering every call with `reply` and keeping the calls. */
function gateway(reply: (username: string) => AuthStep = () => ({ kind: 'refused' })) {
  const calls: { kind: string; values: string[] }[] = [];
  const api: CustomAuthApi = {
    start: (username, password) => {
      calls.push({ kind: 'start', values: [username, password] });
      return Promise.resolve(reply(username));
    },
    answer: (session, username, code) => {
      calls.push({ kind: 'answer', values: [session, username, code] });
      return Promise.resolve(reply(username));
    },
    refresh: (refreshToken, username) => {
      calls.push({ kind: 'refresh', values: [refreshToken, username] });
      return Promise.resolve(reply(username));
    },
  };
  const deps: GatewayDependencies = {
    api,
    locator: new TableLocator({ '88.1.1.1': 'ES' }),
    keys: () => Promise.resolve(KEYS),
    limiter: new CountingLimiter(),
    clock: new FixedClock(new Date('2026-11-29T12:00:00Z')),
    clientId: GATEWAY_CLIENT,
    limits: { perAddress: 1_000, perUsername: 1_000 },
  };
  const handler = createGatewayHandler(() => Promise.resolve(deps));
  const call = async (event: unknown) => {
    const result = await handler(event);
    return { status: result.statusCode, json: JSON.parse(result.body) as Record<string, string> };
  };
  return { calls, call };
}

const signIn = fc.record({
  username: fc
    .string({ unit: 'binary', minLength: 1, maxLength: 128 })
    .filter((u) => u.length <= 128 && u.trim().length > 0 && u.trim() === u),
  // Limits count UTF-16 units, as JavaScript (and zod) measure a string's length.
  password: fc
    .string({ unit: 'binary', minLength: 1, maxLength: 256 })
    .filter((p) => p.length <= 256),
});
const respond = fc.record({
  session: fc.string({ minLength: 1, maxLength: 200 }),
  code: fc.stringMatching(/^\d{6}$/),
});
const refresh = fc.record({ refreshToken: fc.string({ minLength: 1, maxLength: 500 }) });
const bodies = fc.oneof(
  signIn.map((body) => ({ route: '/auth/sign-in', body })),
  respond.map((body) => ({ route: '/auth/respond', body })),
  refresh.map((body) => ({ route: '/auth/refresh', body })),
);
const eventOf = (route: string, body: string | null, fields: Record<string, unknown> = {}) => ({
  resource: '/{proxy+}',
  path: `/prod${route}`,
  httpMethod: 'POST',
  headers: { 'X-Forwarded-For': '189.203.0.1' },
  body,
  isBase64Encoded: false,
  requestContext: { identity: { sourceIp: '88.1.1.1' }, stage: 'prod' },
  ...fields,
});
const events = bodies.map(({ route, body }) => eventOf(route, JSON.stringify(body)));

describe('sign-in gateway properties', () => {
  it('any event or body: an HTTP answer in JSON, never a crash; a 400 never reaches Cognito', async () => {
    const anyBody = fc.oneof(
      fc.string(),
      fc.json(),
      hostile(bodies.map(({ body }) => body)).map((b) => JSON.stringify(b) ?? null),
    );
    const inputs = fc.oneof(
      hostile(events),
      fc
        .tuple(
          fc.constantFrom('/auth/sign-in', '/auth/respond', '/auth/refresh'),
          anyBody,
          fc.boolean(),
        )
        .map(([route, body, base64]) => eventOf(route, body, { isBase64Encoded: base64 })),
    );
    await checkAsync(inputs, async (event) => {
      const { calls, call } = gateway();
      const { status, json } = await call(event);
      expect(ANSWERS.has(status)).toBe(true);
      expect(typeof json.status).toBe('string');
      if (status === 400) expect(calls).toEqual([]);
    });
  });

  it('a body with one field broken is refused with 400 naming the field, echoing no value', async () => {
    const long = (n: number) => SECRET.repeat(Math.ceil(n / SECRET.length));
    const extra = { path: ['extra'], wrong: fc.constant(`${SECRET}-value`) };
    const broken = fc.oneof(
      oneFieldWrong(signIn, [
        { path: ['username'], wrong: fc.oneof(notText, fc.constantFrom('', '   ', long(129))) },
        { path: ['password'], wrong: fc.oneof(notText, fc.constantFrom('', long(257))) },
        extra,
      ]).map((b) => ({ ...b, route: '/auth/sign-in' })),
      oneFieldWrong(respond, [
        { path: ['session'], wrong: fc.oneof(notText, fc.constantFrom('', long(8193))) },
        {
          path: ['code'],
          wrong: fc.oneof(notText, fc.constantFrom(SECRET, '12345', '1234567', 'l23456')),
        },
        extra,
      ]).map((b) => ({ ...b, route: '/auth/respond' })),
      oneFieldWrong(refresh, [
        { path: ['refreshToken'], wrong: fc.oneof(notText, fc.constantFrom('', long(16385))) },
        extra,
      ]).map((b) => ({ ...b, route: '/auth/refresh' })),
    );
    await checkAsync(broken, async ({ value, path, route }) => {
      const { calls, call } = gateway();
      const { status, json } = await call(eventOf(route, JSON.stringify(value)));
      expect(status).toBe(400);
      // The gateway joins its `path: message` lines with "; ".
      expect(namesField(String(json.message).split('; '), path)).toBe(true);
      expect(json.message).not.toContain(SECRET);
      expect(calls).toEqual([]);
    });
  });

  it('an event with one field API Gateway sets broken is refused as malformed, before Cognito', async () => {
    const broken = oneFieldWrong(events, [
      { path: ['path'], wrong: fc.oneof(notText, fc.constant(undefined)) },
      { path: ['httpMethod'], wrong: fc.oneof(notText, fc.constant(undefined)) },
      { path: ['body'], wrong: fc.oneof(fc.integer(), fc.boolean(), fc.constant({})) },
      { path: ['isBase64Encoded'], wrong: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
      { path: ['requestContext'], wrong: fc.oneof(notText, fc.constant(undefined)) },
      {
        path: ['requestContext', 'identity', 'sourceIp'],
        wrong: fc.oneof(notText, fc.constant(''), fc.constant(undefined)),
      },
    ]);
    await checkAsync(broken, async ({ value }) => {
      const { calls, call } = gateway();
      expect(await call(value)).toEqual({
        status: 400,
        json: { status: 'invalid', message: 'malformed request' },
      });
      expect(calls).toEqual([]);
    });
  });

  it('a sign-in reaches Cognito as sent, and a sealed session comes back as Cognito gave it, base64 or not', async () => {
    const flows = fc.tuple(
      signIn,
      fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
      fc.boolean(),
    );
    await checkAsync(flows, async ([body, session, base64]) => {
      const { calls, call } = gateway((username) => ({ kind: 'code_required', session, username }));
      const encode = (b: object) => {
        const text = JSON.stringify(b);
        return base64 ? Buffer.from(text).toString('base64') : text;
      };
      const first = await call(eventOf('/auth/sign-in', encode(body), { isBase64Encoded: base64 }));
      expect(first.json.status).toBe('code_required');
      await call(
        eventOf('/auth/respond', encode({ session: first.json.session, code: '123456' }), {
          isBase64Encoded: base64,
        }),
      );
      expect(calls).toEqual([
        { kind: 'start', values: [body.username, body.password] },
        { kind: 'answer', values: [session, body.username, '123456'] },
      ]);
    });
  });

  it('a sealed session changed by the caller continues no sign-in but the one it was sealed for', async () => {
    const changed = fc.tuple(signIn, fc.nat(), fc.stringMatching(/^[A-Za-z0-9_.-]$/));
    await checkAsync(changed, async ([body, at, c]) => {
      const { calls, call } = gateway((username) => ({
        kind: 'code_required',
        session: 'cognito',
        username,
      }));
      const first = await call(eventOf('/auth/sign-in', JSON.stringify(body)));
      const sealed = first.json.session as string;
      const i = at % sealed.length;
      if (sealed[i] === c) return;
      const tampered = sealed.slice(0, i) + c + sealed.slice(i + 1);
      await call(eventOf('/auth/respond', JSON.stringify({ session: tampered, code: '123456' })));
      // Only a change Base64 ignores (the unused bits of the last character) may still open it.
      const answered = calls.filter((x) => x.kind === 'answer');
      for (const a of answered) expect(a.values.slice(0, 2)).toEqual(['cognito', body.username]);
    });
  });
});
