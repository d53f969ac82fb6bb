import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GEO_CONTEXT_TTL_MS,
  type GeoContext,
  resolvedUser,
  seal,
  signGeoContext,
  typedName,
  verifyGeoContext,
} from '../../../functions/core/geo/geo-context.js';
import { keySetOf, parseStoredKeys } from '../../../functions/core/geo/key-set.js';
import { ConfigError } from '../../../functions/core/shared/errors.js';
import { hostile, notText, oneFieldWrong, withField } from './mutations.js';
import { propertySuite } from './property-suite.js';

/**
 * The geo context the gateway signs and the triggers verify (`verifyGeoContext`), and the key
 * secret it is signed with: whatever a caller puts in the client metadata, a verdict and never a
 * crash; a context is accepted only whole, fresh, signed and bound to this user and client; a
 * signed context verifies as exactly what was signed.
 */
const { check } = propertySuite('geo-context-properties');
const KEYS = keySetOf({ current: 'k'.repeat(40), next: 'n'.repeat(40) });
const NOW = new Date('2026-11-29T12:00:00Z');
const FAILURES = [
  'missing',
  'malformed',
  'unknown_key',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'other_user',
  'other_client',
];

const payload: fc.Arbitrary<GeoContext> = fc.record({
  ip: fc.oneof(fc.ipV4(), fc.ipV6()),
  country: fc.option(fc.stringMatching(/^[A-Z]{2}$/), { nil: null }),
  username: fc.string({ minLength: 1, maxLength: 128 }),
  clientId: fc.stringMatching(/^[a-z0-9]{1,40}$/),
  // Signed up to 5 s after the verifier's clock, or up to the TTL before it.
  issuedAt: fc.integer({ min: NOW.getTime() - GEO_CONTEXT_TTL_MS, max: NOW.getTime() + 5_000 }),
  nonce: fc.stringMatching(/^[0-9a-f]{32}$/),
});
const sealed = (value: unknown) => seal('geo', KEYS.signing, value as object);
const bindingFor = (context: GeoContext) => resolvedUser(context.username, context.clientId);

/** What a caller may put where the context travels: any text, real-looking tokens, signed junk. */
const tokens = fc.oneof(
  fc.string(),
  fc.constant(undefined),
  fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{0,50}$/), { maxLength: 4 }).map((p) => p.join('.')),
  payload.map(sealed).map((t) => t.slice(0, -1)),
  hostile(payload).map(sealed),
);

describe('geo context properties', () => {
  it('any token: a verdict, never a crash; an accepted context is fresh, whole and bound', () => {
    const binding = fc.record({
      username: fc.string({ minLength: 1 }),
      clientId: fc.string({ minLength: 1 }),
    });
    check(fc.tuple(tokens, binding), ([token, { username, clientId }]) => {
      const verdict = verifyGeoContext(token, KEYS, NOW, resolvedUser(username, clientId));
      if (!verdict.ok) {
        expect(FAILURES).toContain(verdict.failure);
        return;
      }
      const { context } = verdict;
      expect(context.username).toBe(username);
      expect(context.clientId).toBe(clientId);
      expect(NOW.getTime() - context.issuedAt).toBeLessThanOrEqual(GEO_CONTEXT_TTL_MS);
      expect(context.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(context.country === null || context.country.length === 2).toBe(true);
    });
  });

  it('a signed context with one field broken is refused as malformed', () => {
    const rules = [
      { path: ['ip'], wrong: fc.oneof(notText, fc.constant(''), fc.string({ minLength: 46 })) },
      { path: ['country'], wrong: fc.oneof(fc.integer(), fc.constantFrom('', 'ESP', 'E')) },
      {
        path: ['username'],
        wrong: fc.oneof(notText, fc.constant(''), fc.string({ minLength: 129 })),
      },
      { path: ['clientId'], wrong: fc.oneof(notText, fc.constant('')) },
      { path: ['issuedAt'], wrong: fc.oneof(fc.string(), fc.constantFrom(0, -1, 1.5, null)) },
      { path: ['nonce'], wrong: fc.oneof(notText, fc.stringMatching(/^[0-9A-Fg-z]{0,31}$/)) },
      { path: ['role'], wrong: fc.jsonValue().filter((v) => v !== undefined) },
    ];
    const broken = fc.tuple(payload, fc.nat({ max: rules.length - 1 })).chain(([p, r]) =>
      oneFieldWrong(fc.constant(p), [rules[r] as (typeof rules)[number]]).map((b) => ({
        ...b,
        original: p,
      })),
    );
    check(broken, ({ value, original }) => {
      // Bound to the original's user and client: only the broken field can refuse it.
      const verdict = verifyGeoContext(sealed(value), KEYS, NOW, bindingFor(original));
      expect(verdict).toEqual({ ok: false, failure: 'malformed' });
    });
  });

  it('signed by the gateway, a context verifies as exactly what was signed, within its lifetime', () => {
    check(payload, (context) => {
      const { issuedAt, nonce, ...fields } = context;
      const token = signGeoContext(fields, KEYS.signing, new Date(issuedAt), nonce);
      expect(verifyGeoContext(token, KEYS, NOW, bindingFor(context))).toEqual({
        ok: true,
        context,
      });
    });
  });

  it('one character of a signed token changed: refused, or the very same context', () => {
    const changed = payload.chain((context) => {
      const { issuedAt, nonce, ...fields } = context;
      const token = signGeoContext(fields, KEYS.signing, new Date(issuedAt), nonce);
      return fc
        .tuple(fc.nat({ max: token.length - 1 }), fc.stringMatching(/^[A-Za-z0-9_.-]$/))
        .filter(([i, c]) => token[i] !== c)
        .map(([i, c]) => ({ context, token: token.slice(0, i) + c + token.slice(i + 1) }));
    });
    check(changed, ({ context, token }) => {
      const verdict = verifyGeoContext(token, KEYS, NOW, bindingFor(context));
      if (verdict.ok) expect(verdict.context).toEqual(context);
    });
  });

  it('bound to a whole name: a context for another user is refused, before or after Cognito resolves it', () => {
    const names = fc
      .tuple(payload, fc.string({ minLength: 1, maxLength: 20 }))
      .filter(([c, other]) => c.username.trim().toLowerCase() !== other.trim().toLowerCase());
    check(names, ([context, other]) => {
      const { issuedAt, nonce, ...fields } = context;
      const token = signGeoContext(fields, KEYS.signing, new Date(issuedAt), nonce);
      for (const binding of [
        resolvedUser(other, context.clientId),
        typedName([other], context.clientId),
      ])
        expect(verifyGeoContext(token, KEYS, NOW, binding)).toEqual({
          ok: false,
          failure: 'other_user',
        });
    });
  });

  it('the key secret: any text gives keys of at least 32 characters, or a ConfigError', () => {
    const stored = fc.record(
      {
        previous: fc.string({ minLength: 32 }),
        current: fc.string({ minLength: 32 }),
        next: fc.string({ minLength: 32 }),
      },
      { requiredKeys: ['current'] },
    );
    const secrets = fc.oneof(
      fc.string(),
      fc.string({ minLength: 32 }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      hostile(stored).map((v) => JSON.stringify(v) ?? ''),
      stored.map((s) => JSON.stringify(withField(s, ['current'], 'short'))),
    );
    check(secrets, (secret) => {
      try {
        const keys = parseStoredKeys(secret);
        for (const material of [keys.previous, keys.current, keys.next])
          if (material !== undefined) expect(material.length).toBeGreaterThanOrEqual(32);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
      }
    });
  });
});
