import { randomInt, timingSafeEqual } from 'node:crypto';
import { decide, type GeoVerdict } from './decide.js';
import type { GeoContextCheck } from './geo-context.js';
import type { GeoPolicy } from './geo-policy.js';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_CODE_ATTEMPTS = 3;

export interface SessionStep {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export interface SignInFacts {
  now: Date;
  geo: GeoContextCheck;
  /** The nonce of this geo context was already used by the same trigger: a replay. */
  replayed: boolean;
  groups: string[];
  /** When the person's access ended or ends (leaver or offboarded), if Warden knows. */
  accessEndsAt?: Date;
}

export interface SignInVerdict extends GeoVerdict {
  country: string | null;
}

/** The decision for one sign-in attempt: offboarded people first, then the geo policy. */
export function signInVerdict(policy: GeoPolicy, facts: SignInFacts): SignInVerdict {
  const country = facts.geo.ok && !facts.replayed ? facts.geo.context.country : null;
  if (facts.accessEndsAt && facts.accessEndsAt <= facts.now) {
    return {
      decision: 'deny',
      rule: 'offboarded',
      reason: `access ended at ${facts.accessEndsAt.toISOString()}`,
      country,
    };
  }
  const verdict = decide(policy, country, facts.groups);
  if (country === null) {
    const why = facts.replayed ? 'replayed' : facts.geo.ok ? 'unresolved' : facts.geo.failure;
    return { ...verdict, reason: `${verdict.reason} (geo context: ${why})`, country };
  }
  return { ...verdict, country };
}

export type NextStep =
  | { issueTokens: true; failAuthentication: false }
  | { issueTokens: false; failAuthentication: true }
  | {
      issueTokens: false;
      failAuthentication: false;
      challengeName: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE';
    };

const FAIL: NextStep = { issueTokens: false, failAuthentication: true };
const TOKENS: NextStep = { issueTokens: true, failAuthentication: false };
const ask = (challengeName: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE'): NextStep => ({
  issueTokens: false,
  failAuthentication: false,
  challengeName,
});

/** The verdict is needed right after the password step, when tokens or a code are decided. */
export function needsVerdict(session: SessionStep[]): boolean {
  return session.length === 2;
}

/**
 * Define-auth-challenge: SRP_A -> PASSWORD_VERIFIER -> (per the verdict) tokens, a one-time
 * code, or refusal. Anything out of order fails: the password step can never be skipped.
 */
export function nextStep(session: SessionStep[], verdict: SignInVerdict | undefined): NextStep {
  const [srp, password, ...codes] = session;
  if (srp?.challengeName !== 'SRP_A' || !srp.challengeResult) return FAIL;
  if (!password) return ask('PASSWORD_VERIFIER');
  if (password.challengeName !== 'PASSWORD_VERIFIER' || !password.challengeResult) return FAIL;
  if (codes.some((c) => c.challengeName !== 'CUSTOM_CHALLENGE')) return FAIL;
  if (codes.length === 0) {
    if (verdict?.decision === 'allow') return TOKENS;
    return verdict?.decision === 'require_mfa' ? ask('CUSTOM_CHALLENGE') : FAIL;
  }
  if (codes.at(-1)?.challengeResult) return TOKENS;
  return codes.length >= MAX_CODE_ATTEMPTS ? FAIL : ask('CUSTOM_CHALLENGE');
}

/** A one-time code and when it stops working. */
export interface OneTimeCode {
  code: string;
  expiresAt: number;
}

export function newCode(now: Date): OneTimeCode {
  return {
    code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    expiresAt: now.getTime() + CODE_TTL_MS,
  };
}

/** Constant-time comparison; an expired code is wrong whatever was typed. */
export function codeMatches(expected: OneTimeCode, answer: string, now: Date): boolean {
  const given = Buffer.from(answer.trim().padEnd(6).slice(0, 64));
  const wanted = Buffer.from(expected.code.padEnd(6));
  const same = given.length === wanted.length && timingSafeEqual(given, wanted);
  return same && now.getTime() <= expected.expiresAt;
}
