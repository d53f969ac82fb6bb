// The ports of the geo-fenced sign-in capability, implemented in functions/aws/.
import type { AccessEndRegister } from '../shared/access-end-register.js';
import type { AppClientFacts, LambdaConfig } from './pool-fence.js';

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
  | 'password_failed'
  | 'refreshed'
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

/** Where a custom-auth sign-in stands after a call to Cognito; `username` as Cognito resolved it. */
export type AuthStep =
  | { kind: 'tokens'; tokens: IssuedTokens; username: string }
  | { kind: 'code_required'; session: string; username: string; destination?: string }
  | { kind: 'refused' };

/** The ClientMetadata of one call to Cognito, with a geo context bound to the name given. */
export type ContextFor = (username: string) => Record<string, string>;

/** Cognito's custom-auth flow as the gateway uses it: password (SRP) first, then a code. */
export interface CustomAuthApi {
  start(username: string, password: string, contextFor: ContextFor): Promise<AuthStep>;
  answer(
    session: string,
    username: string,
    code: string,
    contextFor: ContextFor,
  ): Promise<AuthStep>;
  /** New tokens from a refresh token, with ClientMetadata so pre-token generation decides again. */
  refresh(refreshToken: string, username: string, contextFor: ContextFor): Promise<AuthStep>;
}

export interface RateLimiter {
  /** Counts one use of `key`; false while it has been used more than `limit` times in the last minute. */
  allow(key: string, limit: number, now: Date): Promise<boolean>;
}

/** A decision define-auth-challenge took for one call, which pre-token generation honours. */
export interface SignInGrant {
  username: string;
  /** `allow`: no code was needed; `mfa_passed`: the person answered the emailed code. */
  decision: 'allow' | 'mfa_passed';
  country: string | null;
}

/** Grants keyed by the geo-context nonce of the call that earned them, short-lived. */
export interface SignInGrants {
  grant(nonce: string, grant: SignInGrant, expiresAt: Date): Promise<void>;
  find(nonce: string): Promise<SignInGrant | undefined>;
}

/** A user pool's trigger configuration and app clients (the pool-fence custom resource). */
export interface UserPools {
  lambdaConfig(userPoolId: string): Promise<LambdaConfig>;
  /** Writes the LambdaConfig, every other setting of the pool kept as it is. */
  setLambdaConfig(userPoolId: string, config: LambdaConfig): Promise<void>;
  appClients(userPoolId: string): Promise<AppClientFacts[]>;
}

/** What each fenced pool's trigger configuration was before Warden attached its own. */
export interface FenceMemory {
  previous(userPoolId: string): Promise<LambdaConfig | undefined>;
  remember(userPoolId: string, config: LambdaConfig): Promise<void>;
  forget(userPoolId: string): Promise<void>;
}
