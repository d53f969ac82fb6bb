import { describe, expect, it } from 'vitest';
import {
  challengeCode,
  challengeResponse,
  checkAnswer,
  maskEmail,
} from '../../../../functions/core/geo/code-challenge.js';
import { keySetOf } from '../../../../functions/core/geo/key-set.js';
import { CODE_TTL_MS } from '../../../../functions/core/geo/sign-in-steps.js';

const KEYS = keySetOf({ current: 'c'.repeat(40) });
const NOW = new Date('2026-11-30T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('one-time codes', () => {
  it('are kept by Cognito only as an HMAC, never as the code itself', () => {
    const issued = challengeCode('ana', [], KEYS.signing, NOW);
    if (!('fresh' in issued)) throw new Error('expected a fresh code');
    const response = challengeResponse(issued.fresh.stored, 'ana@x.org');
    expect(JSON.stringify(response)).not.toContain(issued.fresh.code);
    expect(response.publicChallengeParameters).toEqual({
      delivery: 'EMAIL',
      destination: 'a***@x.org',
    });
  });

  it('check an answer against the HMAC: right, wrong, expired, or for another person', () => {
    const issued = challengeCode('ana', [], KEYS.signing, NOW);
    if (!('fresh' in issued)) throw new Error('expected a fresh code');
    const { privateChallengeParameters: expected } = challengeResponse(
      issued.fresh.stored,
      'ana@x.org',
    );
    expect(checkAnswer(expected, 'ana', ` ${issued.fresh.code} `, KEYS, later(1000))).toEqual({
      correct: true,
      reason: 'correct code',
    });
    const wrong = issued.fresh.code === '000000' ? '111111' : '000000';
    expect(checkAnswer(expected, 'ana', wrong, KEYS, later(1000))).toEqual({
      correct: false,
      reason: 'wrong code',
    });
    expect(checkAnswer(expected, 'ana', issued.fresh.code, KEYS, later(5 * 60_000 + 1))).toEqual({
      correct: false,
      reason: 'code expired',
    });
    expect(checkAnswer(expected, 'bea', issued.fresh.code, KEYS, later(1000)).correct).toBe(false);
    expect(checkAnswer({}, 'ana', issued.fresh.code, KEYS, NOW)).toEqual({
      correct: false,
      reason: 'no code was issued',
    });
  });

  it('are reused on a retry while still valid, so no second email is sent', () => {
    const first = challengeCode('ana', [], KEYS.signing, NOW);
    if (!('fresh' in first)) throw new Error('expected a fresh code');
    const metadata = challengeResponse(first.fresh.stored, 'ana@x.org').challengeMetadata;
    expect(challengeCode('ana', [undefined, metadata], KEYS.signing, later(60_000))).toEqual({
      reuse: first.fresh.stored,
    });
    expect('fresh' in challengeCode('ana', [metadata], KEYS.signing, later(6 * 60_000))).toBe(true);
  });

  it('masks the address they go to', () => {
    expect(maskEmail('ricardo.salazar@presidencia.example')).toBe('r***@presidencia.example');
    expect(maskEmail('ricardo')).toBe('r***@');
  });

  it('are always six digits, with leading zeros kept', () => {
    // One fresh code in ten is below 100000: among 200, a lost leading zero shows.
    for (let i = 0; i < 200; i += 1) {
      const issued = challengeCode('ana', [], KEYS.signing, NOW);
      if (!('fresh' in issued)) throw new Error('expected a fresh code');
      expect(issued.fresh.code).toMatch(/^\d{6}$/);
    }
  });

  it('are valid up to and including their expiry instant, and a fresh one follows', () => {
    const first = challengeCode('ana', [], KEYS.signing, NOW);
    if (!('fresh' in first)) throw new Error('expected a fresh code');
    const { privateChallengeParameters: expected, challengeMetadata } = challengeResponse(
      first.fresh.stored,
      'ana@x.org',
    );
    expect(checkAnswer(expected, 'ana', first.fresh.code, KEYS, later(CODE_TTL_MS))).toEqual({
      correct: true,
      reason: 'correct code',
    });
    expect(
      'fresh' in challengeCode('ana', [challengeMetadata], KEYS.signing, later(CODE_TTL_MS)),
    ).toBe(true);
  });

  it('are reused from the last code record of the session, whatever follows it', () => {
    const first = challengeCode('ana', [], KEYS.signing, NOW);
    if (!('fresh' in first)) throw new Error('expected a fresh code');
    const metadata = challengeResponse(first.fresh.stored, 'ana@x.org').challengeMetadata;
    expect(challengeCode('ana', [metadata, undefined, 'SRP'], KEYS.signing, NOW)).toEqual({
      reuse: first.fresh.stored,
    });
    for (const altered of [`x${metadata}`, `${metadata}x`]) {
      expect('fresh' in challengeCode('ana', [altered], KEYS.signing, NOW), altered).toBe(true);
    }
  });

  it('refuse an answer when the stored code is incomplete, from an unknown key, or of another length', () => {
    const issued = challengeCode('ana', [], KEYS.signing, NOW);
    if (!('fresh' in issued)) throw new Error('expected a fresh code');
    const { privateChallengeParameters: expected } = challengeResponse(
      issued.fresh.stored,
      'ana@x.org',
    );
    const code = issued.fresh.code;
    const notIssued = { correct: false, reason: 'no code was issued' };
    expect(checkAnswer({ ...expected, kid: 'retired' }, 'ana', code, KEYS, NOW)).toEqual(notIssued);
    expect(checkAnswer({ ...expected, digest: '' }, 'ana', code, KEYS, NOW)).toEqual(notIssued);
    expect(checkAnswer({ ...expected, expiresAt: 'soon' }, 'ana', code, KEYS, NOW)).toEqual(
      notIssued,
    );
    expect(
      checkAnswer({ ...expected, digest: expected.digest.slice(1) }, 'ana', code, KEYS, NOW),
    ).toEqual({ correct: false, reason: 'wrong code' });
  });
});
