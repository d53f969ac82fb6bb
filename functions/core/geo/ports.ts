// The ports of the geo-fenced sign-in capability, implemented in functions/aws/.
import type { AccessEndRegister } from '../shared/access-end-register.js';

/** Where an address is, as far as the database knows; `country` null means unknown. */
export interface GeoLocation {
  country: string | null;
  /** Why the country is unknown: a private or reserved address, absent from the database, or a lookup error. */
  unknownBecause?: 'private' | 'not_in_database' | 'lookup_failed';
}

export interface GeoLocator {
  /** Never throws: any failure is an unknown location, never an allowed one. */
  locate(ip: string): GeoLocation;
}

export type SignInOutcome =
  | 'allowed'
  | 'step_up_required'
  | 'step_up_passed'
  | 'step_up_failed'
  | 'denied';

/** One recorded sign-in decision; the address is kept for investigation, never logged. */
export interface SignInDecisionEntry {
  source: string;
  username: string;
  at: Date;
  outcome: SignInOutcome;
  country: string | null;
  rule: string;
  reason: string;
  ip?: string;
}

/** Every sign-in decision, per person. */
export interface SignInLog {
  recordDecision(entry: SignInDecisionEntry): Promise<void>;
  listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]>;
}

/** Geo-context nonces already used, so a context is honoured once per trigger. */
export interface NonceRegister {
  /** True the first time a trigger sees this nonce; false for a replay. */
  claimNonce(nonce: string, trigger: string, expiresAt: Date): Promise<boolean>;
}

/** The triggers only read when access ends; reconciliation and offboarding write it. */
export type AccessEndReader = Pick<AccessEndRegister, 'accessEndsAt'>;

export interface GroupReader {
  groupsOf(source: string, username: string): Promise<string[]>;
}

export interface CodeSender {
  /** Sends a one-time code to a verified address. */
  send(email: string, code: string): Promise<void>;
}

export interface IssuedTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
}

/** Where a custom-auth sign-in stands after a call to Cognito. */
export type AuthStep =
  | { kind: 'tokens'; tokens: IssuedTokens }
  | { kind: 'code_required'; session: string; destination?: string }
  | { kind: 'refused' };

/** Cognito's custom-auth flow as the gateway uses it: password (SRP) first, then a code. */
export interface CustomAuthApi {
  start(
    username: string,
    password: string,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep>;
  answer(
    session: string,
    username: string,
    code: string,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep>;
}

export interface RateLimiter {
  /** False once `key` has been used `limit` times in the current window. */
  allow(key: string, limit: number, now: Date): Promise<boolean>;
}
