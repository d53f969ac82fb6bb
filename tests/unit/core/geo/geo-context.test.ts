import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  resolvedUser,
  seal,
  signGeoContext,
  typedName,
  unseal,
  verifyGeoContext,
} from '../../../../functions/core/geo/geo-context.js';
import { keySetOf } from '../../../../functions/core/geo/key-set.js';

const KEYS = keySetOf({ current: 'k'.repeat(40), next: 'n'.repeat(40) });
const OTHER = keySetOf({ current: 'o'.repeat(40) });
const NOW = new Date('2026-11-29T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const CLIENT = 'gateway-client';
const sign = (username = 'Ricardo.Salazar', clientId = CLIENT) =>
  signGeoContext({ ip: '88.1.1.1', country: 'ES', username, clientId }, KEYS.signing, NOW);

describe('geo context', () => {
  it('verifies a fresh context for the name as typed, whatever its case, on the first call', () => {
    const check = verifyGeoContext(
      sign(),
      KEYS,
      later(59_000),
      typedName(['ricardo.salazar'], CLIENT),
    );
    expect(check).toMatchObject({
      ok: true,
      context: { ip: '88.1.1.1', country: 'ES', clientId: CLIENT },
    });
  });

  it('accepts any sign-in alias before Cognito resolves the name, phone numbers included', () => {
    const aliases = ['a1b2-sub', 'ricardo@presidencia.example', '+525555550100'];
    expect(verifyGeoContext(sign('+525555550100'), KEYS, NOW, typedName(aliases, CLIENT)).ok).toBe(
      true,
    );
  });

  it('binds the first call to a whole alias: a longer or shorter name is another user', () => {
    const aliases = ['ana.lopez', 'ana@presidencia.example'];
    for (const name of ['ana.lopez2', 'ana.lope', 'ana@presidencia.example.evil']) {
      expect(verifyGeoContext(sign(name), KEYS, NOW, typedName(aliases, CLIENT))).toEqual({
        ok: false,
        failure: 'other_user',
      });
    }
  });

  it('binds later calls to the exact username Cognito resolved: an alias or a prefix is another user', () => {
    expect(
      verifyGeoContext(sign('ana.lopez'), KEYS, NOW, resolvedUser('ana.lopez', CLIENT)).ok,
    ).toBe(true);
    for (const name of ['ana.lopez2', 'ana@presidencia.example', 'Ana.Lopez']) {
      expect(verifyGeoContext(sign(name), KEYS, NOW, resolvedUser('ana.lopez', CLIENT))).toEqual({
        ok: false,
        failure: 'other_user',
      });
    }
  });

  it('treats missing, stale, forged, tampered, unknown-key, borrowed and other-client contexts as failures', () => {
    const token = sign('ricardo.salazar');
    const [kid, body, sig] = token.split('.') as [string, string, string];
    const forgedBody = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), country: 'MX' }),
    ).toString('base64url');
    const ricardo = resolvedUser('ricardo.salazar', CLIENT);
    const cases: [
      string | undefined,
      typeof KEYS,
      Date,
      ReturnType<typeof resolvedUser>,
      string,
    ][] = [
      [undefined, KEYS, NOW, ricardo, 'missing'],
      ['not-a-token', KEYS, NOW, ricardo, 'malformed'],
      [token, KEYS, later(60_001), ricardo, 'expired'],
      [token, KEYS, later(-10_000), ricardo, 'not_yet_valid'],
      [token, OTHER, NOW, ricardo, 'unknown_key'],
      [`${kid}.${forgedBody}.${sig}`, KEYS, NOW, ricardo, 'bad_signature'],
      [`${kid}.${body}.${sig.slice(0, -2)}`, KEYS, NOW, ricardo, 'bad_signature'],
      [token, KEYS, NOW, resolvedUser('ana.lopez', CLIENT), 'other_user'],
      [token, KEYS, NOW, resolvedUser('ricardo.salazar', 'a-password-client'), 'other_client'],
    ];
    for (const [t, keys, at, binding, failure] of cases) {
      expect(verifyGeoContext(t, keys, at, binding), failure).toEqual({ ok: false, failure });
    }
  });

  it('verifies a context signed with a key the set only publishes as next, as after a rotation', () => {
    const rotated = keySetOf({
      previous: 'k'.repeat(40),
      current: 'n'.repeat(40),
      next: 'x'.repeat(40),
    });
    expect(verifyGeoContext(sign('ana'), rotated, NOW, resolvedUser('ana', CLIENT)).ok).toBe(true);
    const signedAfter = signGeoContext(
      { ip: '1.1.1.1', country: 'MX', username: 'ana', clientId: CLIENT },
      rotated.signing,
      NOW,
    );
    expect(verifyGeoContext(signedAfter, KEYS, NOW, resolvedUser('ana', CLIENT)).ok).toBe(true);
  });

  it('gives every context a fresh nonce', () => {
    const nonce = (t: string) =>
      JSON.parse(Buffer.from(t.split('.')[1] as string, 'base64url').toString()).nonce;
    expect(nonce(sign())).not.toBe(nonce(sign()));
  });

  it('ignores case and surrounding spaces on both the alias and the name in the context', () => {
    expect(
      verifyGeoContext(sign('ana.lopez'), KEYS, NOW, typedName([' Ana.Lopez '], CLIENT)).ok,
    ).toBe(true);
    expect(
      verifyGeoContext(sign(' ana.lopez '), KEYS, NOW, typedName(['ana.lopez'], CLIENT)).ok,
    ).toBe(true);
  });

  it('accepts a context exactly at the end of its minute and exactly five seconds early, no further', () => {
    const ana = resolvedUser('ana', CLIENT);
    expect(verifyGeoContext(sign('ana'), KEYS, later(60_000), ana).ok).toBe(true);
    expect(verifyGeoContext(sign('ana'), KEYS, later(-5_000), ana).ok).toBe(true);
    expect(verifyGeoContext(sign('ana'), KEYS, later(-5_001), ana)).toEqual({
      ok: false,
      failure: 'not_yet_valid',
    });
  });

  it('refuses a token with an empty part or a part too many as malformed, before any key lookup', () => {
    const [kid, body, sig] = sign('ana').split('.') as [string, string, string];
    for (const token of [
      `.${body}.${sig}`,
      `${kid}..${sig}`,
      `${kid}.${body}.`,
      `${kid}.${body}.${sig}.x`,
    ]) {
      expect(unseal('geo', KEYS, token), token).toEqual({ ok: false, failure: 'malformed' });
      expect(verifyGeoContext(token, KEYS, NOW, resolvedUser('ana', CLIENT))).toEqual({
        ok: false,
        failure: 'malformed',
      });
    }
  });

  it('refuses a correctly signed payload that is not a geo context as malformed', () => {
    const ana = resolvedUser('ana', CLIENT);
    const fields = { ip: '1.1.1.1', country: 'MX', username: 'ana', clientId: CLIENT };
    const hex = 'a'.repeat(32);
    for (const nonce of [`x${hex}`, `${hex}x`, 'a'.repeat(31)]) {
      expect(
        verifyGeoContext(signGeoContext(fields, KEYS.signing, NOW, nonce), KEYS, NOW, ana),
        nonce,
      ).toEqual({
        ok: false,
        failure: 'malformed',
      });
    }
    expect(
      verifyGeoContext(signGeoContext(fields, KEYS.signing, NOW, hex), KEYS, NOW, ana).ok,
    ).toBe(true);
    expect(verifyGeoContext(seal('geo', KEYS.signing, { country: 'MX' }), KEYS, NOW, ana)).toEqual({
      ok: false,
      failure: 'malformed',
    });
  });

  it('refuses a correctly signed body that is not JSON as malformed', () => {
    // The documented format: HMAC-SHA256 over `purpose.kid.body`, by a holder of the key.
    const { id, key } = KEYS.signing;
    const body = Buffer.from('{not json').toString('base64url');
    const signature = createHmac('sha256', key).update(`geo.${id}.${body}`).digest('base64url');
    expect(unseal('geo', KEYS, `${id}.${body}.${signature}`)).toEqual({
      ok: false,
      failure: 'malformed',
    });
  });
});
