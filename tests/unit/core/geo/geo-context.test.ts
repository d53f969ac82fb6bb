import { describe, expect, it } from 'vitest';
import { signGeoContext, verifyGeoContext } from '../../../../functions/core/geo/geo-context.js';

const KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-11-29T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const sign = () =>
  signGeoContext({ ip: '88.1.1.1', country: 'ES', username: 'Ricardo.Salazar' }, KEY, NOW);

describe('geo context', () => {
  it('verifies a fresh context for the same user, whatever the case of the typed name', () => {
    const check = verifyGeoContext(sign(), KEY, later(59_000), ['ricardo.salazar']);
    expect(check).toMatchObject({ ok: true, context: { ip: '88.1.1.1', country: 'ES' } });
  });

  it('accepts the context for any of the names the account answers to', () => {
    expect(
      verifyGeoContext(sign(), KEY, NOW, [
        'a1b2-sub',
        'ricardo.salazar@presidencia.example',
        'Ricardo.Salazar',
      ]).ok,
    ).toBe(true);
  });

  it('treats missing, stale, forged, tampered and borrowed contexts as failures', () => {
    const token = sign();
    const [body, sig] = token.split('.') as [string, string];
    const forgedBody = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), country: 'MX' }),
    ).toString('base64url');
    const cases: [string | undefined, Buffer, Date, string, string][] = [
      [undefined, KEY, NOW, 'ricardo.salazar', 'missing'],
      ['not-a-token', KEY, NOW, 'ricardo.salazar', 'malformed'],
      [token, KEY, later(60_001), 'ricardo.salazar', 'expired'],
      [token, KEY, later(-10_000), 'ricardo.salazar', 'not_yet_valid'],
      [token, Buffer.alloc(32, 8), NOW, 'ricardo.salazar', 'bad_signature'],
      [`${forgedBody}.${sig}`, KEY, NOW, 'ricardo.salazar', 'bad_signature'],
      [`${body}.${sig.slice(0, -2)}`, KEY, NOW, 'ricardo.salazar', 'bad_signature'],
      [token, KEY, NOW, 'ana.lopez', 'other_user'],
    ];
    for (const [t, key, at, user, failure] of cases) {
      expect(verifyGeoContext(t, key, at, [user]), failure).toEqual({ ok: false, failure });
    }
  });

  it('gives every context a fresh nonce', () => {
    const nonce = (t: string) =>
      JSON.parse(Buffer.from(t.split('.')[0] as string, 'base64url').toString()).nonce;
    expect(nonce(sign())).not.toBe(nonce(sign()));
  });
});
