import { codeMatches, newCode, type OneTimeCode } from './sign-in-steps.js';

// Kept by Cognito in the session, never sent to the client: lets a retry reuse the code.
const CODE_METADATA = /^CODE:(\d+):(\d{6})$/;

/**
 * The code for this challenge: the one still valid from an earlier attempt of the same sign-in
 * (a retry after a wrong answer sends nothing new), or a fresh one that must be sent.
 */
export function challengeCode(
  sessionMetadata: readonly (string | undefined)[],
  now: Date,
): { code: OneTimeCode; send: boolean } {
  const previous = previousCode(sessionMetadata);
  if (previous && previous.expiresAt > now.getTime()) return { code: previous, send: false };
  return { code: newCode(now), send: true };
}

/** What create-auth-challenge answers Cognito: public hints, private code, session metadata. */
export function challengeResponse(code: OneTimeCode, email: string) {
  return {
    publicChallengeParameters: { delivery: 'EMAIL', destination: maskEmail(email) },
    privateChallengeParameters: { code: code.code, expiresAt: String(code.expiresAt) },
    challengeMetadata: `CODE:${code.expiresAt}:${code.code}`,
  };
}

/** Verify-auth-challenge's check of an answer, with the reason the audit records. */
export function checkAnswer(
  expected: { code?: string; expiresAt?: string },
  answer: string,
  now: Date,
): { correct: boolean; reason: string } {
  const expiresAt = Number(expected.expiresAt);
  const correct =
    Boolean(expected.code) &&
    codeMatches({ code: expected.code as string, expiresAt }, answer, now);
  if (correct) return { correct, reason: 'correct code' };
  return { correct, reason: expiresAt < now.getTime() ? 'code expired' : 'wrong code' };
}

function previousCode(metadata: readonly (string | undefined)[]): OneTimeCode | undefined {
  const last = metadata.filter((m) => m && CODE_METADATA.test(m)).at(-1);
  const [, expiresAt, code] = last ? (CODE_METADATA.exec(last) as RegExpExecArray) : [];
  return code ? { code, expiresAt: Number(expiresAt) } : undefined;
}

/** `r***@presidencia.example`: enough for the person to know where to look. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
