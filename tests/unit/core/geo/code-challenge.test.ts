import { describe, expect, it } from 'vitest';
import {
  challengeCode,
  challengeResponse,
  checkAnswer,
  maskEmail,
} from '../../../../functions/core/geo/code-challenge.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const FIVE_MINUTES = 5 * 60_000;

describe('the one-time code of a challenge', () => {
  it('is a fresh six-digit code, to be sent, that works for five minutes', () => {
    const { code, send } = challengeCode([undefined], NOW);
    expect(send).toBe(true);
    expect(code.code).toMatch(/^\d{6}$/);
    expect(code.expiresAt).toBe(NOW.getTime() + FIVE_MINUTES);
  });

  it('is the same code, not sent again, on a retry while that code is still valid', () => {
    const first = challengeCode([], NOW).code;
    const { challengeMetadata } = challengeResponse(first, 'ana@x.org');
    const retry = challengeCode([undefined, 'PASSWORD', challengeMetadata], at(60_000));
    expect(retry).toEqual({ code: first, send: false });
  });

  it('is a new code, sent, once the earlier one has expired', () => {
    const first = challengeCode([], NOW).code;
    const { challengeMetadata } = challengeResponse(first, 'ana@x.org');
    const later = challengeCode([challengeMetadata], at(FIVE_MINUTES + 1));
    expect(later.send).toBe(true);
    expect(later.code.expiresAt).toBe(at(FIVE_MINUTES + 1).getTime() + FIVE_MINUTES);
  });

  it('follows the latest code of the session', () => {
    const latest = `CODE:${at(FIVE_MINUTES).getTime()}:222222`;
    const metadata = [`CODE:${at(FIVE_MINUTES).getTime()}:111111`, latest, 'NOT-A-CODE'];
    expect(challengeCode(metadata, NOW).code.code).toBe('222222');
  });
});

describe('the challenge Cognito passes on', () => {
  it('shows the client only a masked address, and keeps the code private', () => {
    const response = challengeResponse(
      { code: '123456', expiresAt: 1_000 },
      'ricardo@presidencia.example',
    );
    expect(response).toEqual({
      publicChallengeParameters: { delivery: 'EMAIL', destination: 'r***@presidencia.example' },
      privateChallengeParameters: { code: '123456', expiresAt: '1000' },
      challengeMetadata: 'CODE:1000:123456',
    });
    expect(JSON.stringify(response.publicChallengeParameters)).not.toContain('123456');
  });

  it('masks an address to its first letter and domain', () => {
    expect(maskEmail('ana.lopez@x.org')).toBe('a***@x.org');
    expect(maskEmail('not-an-email')).toBe('n***@');
  });
});

describe('checking an answer', () => {
  const expected = { code: '123456', expiresAt: String(NOW.getTime() + FIVE_MINUTES) };

  it('accepts the right code, typed with stray spaces, until it expires', () => {
    expect(checkAnswer(expected, ' 123456 ', NOW)).toEqual({
      correct: true,
      reason: 'correct code',
    });
    expect(checkAnswer(expected, '123456', at(FIVE_MINUTES)).correct).toBe(true);
  });

  it('tells a wrong code from an expired one', () => {
    expect(checkAnswer(expected, '654321', NOW)).toEqual({ correct: false, reason: 'wrong code' });
    expect(checkAnswer(expected, '123456', at(FIVE_MINUTES + 1))).toEqual({
      correct: false,
      reason: 'code expired',
    });
  });

  it('accepts nothing when no code was issued', () => {
    expect(checkAnswer({}, '', NOW).correct).toBe(false);
    expect(checkAnswer({ expiresAt: expected.expiresAt }, '123456', NOW).correct).toBe(false);
  });
});
