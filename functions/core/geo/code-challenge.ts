import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { KeySet, SigningKey } from './key-set.js';
import { CODE_TTL_MS } from './sign-in-steps.js';

/**
 * A one-time code as Cognito keeps it between the steps of a sign-in: never the code itself,
 * only an HMAC of it (bound to the user and the expiry) and the id of the key that made it.
 */
export interface StoredCode {
  expiresAt: number;
  kid: string;
  digest: string;
}

// Kept by Cognito in the session, never sent to the client: lets a retry reuse the code.
const CODE_METADATA = /^CODE:(\d+):([A-Za-z0-9_-]{1,16}):([A-Za-z0-9_-]{43})$/;

function digestOf(key: Buffer, username: string, code: string, expiresAt: number): string {
  return createHmac('sha256', key)
    .update(`code.${username}.${expiresAt}.${code}`)
    .digest('base64url');
}

/** A fresh six-digit code (random unless given), and how Cognito will keep it. */
export function newCode(
  username: string,
  key: SigningKey,
  now: Date,
  code = String(randomInt(0, 1_000_000)).padStart(6, '0'),
): { code: string; stored: StoredCode } {
  const expiresAt = now.getTime() + CODE_TTL_MS;
  return {
    code,
    stored: { expiresAt, kid: key.id, digest: digestOf(key.key, username, code, expiresAt) },
  };
}

/**
 * The code for this challenge: the one still valid from an earlier attempt of the same sign-in
 * (a retry after a wrong answer sends nothing new), or a fresh one that must be sent.
 */
export function challengeCode(
  username: string,
  sessionMetadata: readonly (string | undefined)[],
  key: SigningKey,
  now: Date,
): { reuse: StoredCode } | { fresh: { code: string; stored: StoredCode } } {
  const previous = previousCode(sessionMetadata);
  if (previous && previous.expiresAt > now.getTime()) return { reuse: previous };
  return { fresh: newCode(username, key, now) };
}

/** What create-auth-challenge answers Cognito: public hints, the private digest, session metadata. */
export function challengeResponse(stored: StoredCode, email: string) {
  return {
    publicChallengeParameters: { delivery: 'EMAIL', destination: maskEmail(email) },
    privateChallengeParameters: {
      expiresAt: String(stored.expiresAt),
      kid: stored.kid,
      digest: stored.digest,
    },
    challengeMetadata: `CODE:${stored.expiresAt}:${stored.kid}:${stored.digest}`,
  };
}

/** Verify-auth-challenge's check of an answer in constant time, with the reason the trail records. */
export function checkAnswer(
  expected: { expiresAt?: string; kid?: string; digest?: string },
  username: string,
  answer: string,
  keys: KeySet,
  now: Date,
): { correct: boolean; reason: string } {
  const expiresAt = Number(expected.expiresAt);
  const key = expected.kid ? keys.accepted.get(expected.kid) : undefined;
  if (!key || !expected.digest || !Number.isFinite(expiresAt))
    return { correct: false, reason: 'no code was issued' };
  const given = Buffer.from(digestOf(key, username, answer.trim(), expiresAt));
  const wanted = Buffer.from(expected.digest);
  const same = given.length === wanted.length && timingSafeEqual(given, wanted);
  if (now.getTime() > expiresAt) return { correct: false, reason: 'code expired' };
  return same
    ? { correct: true, reason: 'correct code' }
    : { correct: false, reason: 'wrong code' };
}

function previousCode(metadata: readonly (string | undefined)[]): StoredCode | undefined {
  const last = metadata.filter((m) => m && CODE_METADATA.test(m)).at(-1);
  if (!last) return undefined;
  const [, expiresAt, kid, digest] = CODE_METADATA.exec(last) as RegExpExecArray;
  return { expiresAt: Number(expiresAt), kid: kid as string, digest: digest as string };
}

/** `r***@presidencia.example`: enough for the person to know where to look. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
