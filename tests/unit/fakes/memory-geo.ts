// In-memory implementations of the geo-fenced sign-in's ports, for unit tests of the core and
// of the trigger and gateway handler factories.
import type { GeoPolicy } from '../../../functions/core/geo/geo-policy.js';
import { parseGeoPolicy } from '../../../functions/core/geo/geo-policy.js';
import { keySetOf } from '../../../functions/core/geo/key-set.js';
import type { AppClientFacts, FenceTriggers } from '../../../functions/core/geo/pool-fence.js';
import type {
  AuthStep,
  CodeSender,
  ContextFor,
  CustomAuthApi,
  GeoLocation,
  GeoLocator,
  GroupReader,
  NonceRegister,
  RateLimiter,
  SignInDecisionEntry,
  SignInGrant,
  SignInGrants,
  SignInLog,
} from '../../../functions/core/geo/ports.js';

/** The gateway's keys: one signing, one published next. */
export const KEYS = keySetOf({ current: 'k'.repeat(40), next: 'n'.repeat(40) });
export const GATEWAY_CLIENT = 'gateway-client';

/** Warden's trigger functions, one per slot of a fenced pool. */
export const FENCE_TRIGGERS: FenceTriggers = {
  PreAuthentication: 'arn:w:pre',
  DefineAuthChallenge: 'arn:w:define',
  CreateAuthChallenge: 'arn:w:create',
  VerifyAuthChallengeResponse: 'arn:w:verify',
  PreTokenGeneration: 'arn:w:token',
};

/** A gateway app client as the fence wants it: custom and refresh flows only, short tokens. */
export const FENCED_GATEWAY: AppClientFacts = {
  clientId: 'gw',
  explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  oauthFlows: [],
  accessTokenMinutes: 15,
  idTokenMinutes: 15,
};

/** The press office's policy: Mexico at home, correspondents abroad, admins never abroad. */
export function pressPolicy(overrides: Record<string, unknown> = {}): GeoPolicy {
  return parseGeoPolicy(
    {
      default: { allowedCountries: ['MX'], outside: 'require_mfa' },
      groups: {
        'press-admins': { allowedCountries: ['MX'], outside: 'deny' },
        correspondents: { allowedCountries: ['MX', 'US', 'ES'], outside: 'require_mfa' },
      },
      unknown: 'require_mfa',
      deniedCountries: ['KP'],
      ...overrides,
    },
    'policy.json',
  );
}

export class MemoryNonces implements NonceRegister {
  readonly claimed = new Map<string, Date>();

  claimNonce(nonce: string, trigger: string, expiresAt: Date): Promise<boolean> {
    const key = `${nonce}/${trigger}`;
    if (this.claimed.has(key)) return Promise.resolve(false);
    this.claimed.set(key, expiresAt);
    return Promise.resolve(true);
  }
}

export class MemoryGroups implements GroupReader {
  readonly members = new Map<string, string[]>();

  groupsOf(source: string, username: string): Promise<string[]> {
    return Promise.resolve(this.members.get(`${source}/${username}`) ?? []);
  }

  set(source: string, username: string, groups: string[]): void {
    this.members.set(`${source}/${username}`, groups);
  }
}

export class MemoryGrants implements SignInGrants {
  readonly granted = new Map<string, SignInGrant>();

  grant(nonce: string, grant: SignInGrant): Promise<void> {
    this.granted.set(nonce, grant);
    return Promise.resolve();
  }

  find(nonce: string): Promise<SignInGrant | undefined> {
    return Promise.resolve(this.granted.get(nonce));
  }
}

export class MemorySignInLog implements SignInLog {
  readonly entries: SignInDecisionEntry[] = [];

  recordDecision(entry: SignInDecisionEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }

  listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]> {
    return Promise.resolve(
      this.entries.filter((e) => e.source === source && e.username === username),
    );
  }
}

export class MemoryCodeSender implements CodeSender {
  readonly sent: { email: string; code: string }[] = [];

  send(email: string, code: string): Promise<void> {
    this.sent.push({ email, code });
    return Promise.resolve();
  }
}

/** Addresses placed by a table; any other address is unknown, as a real database would say. */
export class TableLocator implements GeoLocator {
  constructor(private readonly countries: Record<string, string>) {}

  locate(ip: string): GeoLocation {
    const country = this.countries[ip];
    return country ? { country } : { country: null, unknownBecause: 'not_in_database' };
  }
}

/** Counts every attempt per key; refuses once a key is over its limit. */
export class CountingLimiter implements RateLimiter {
  readonly attempts = new Map<string, number>();

  allow(key: string, limit: number): Promise<boolean> {
    const count = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, count);
    return Promise.resolve(count <= limit);
  }
}

type AuthCall =
  | { kind: 'start'; username: string; password: string; metadata: Record<string, string> }
  | {
      kind: 'answer' | 'refresh';
      session: string;
      username: string;
      code?: string;
      metadata: Record<string, string>;
    };

/**
 * Cognito's custom-auth flow, answering from a script and keeping every call. Like Cognito, the
 * first call is for the name as typed; a script's reply says which name Cognito resolved.
 */
export class ScriptedAuthApi implements CustomAuthApi {
  readonly calls: AuthCall[] = [];

  constructor(private readonly replies: AuthStep[]) {}

  start(username: string, password: string, contextFor: ContextFor): Promise<AuthStep> {
    this.calls.push({ kind: 'start', username, password, metadata: contextFor(username) });
    return this.next();
  }

  answer(
    session: string,
    username: string,
    code: string,
    contextFor: ContextFor,
  ): Promise<AuthStep> {
    this.calls.push({ kind: 'answer', session, username, code, metadata: contextFor(username) });
    return this.next();
  }

  refresh(refreshToken: string, username: string, contextFor: ContextFor): Promise<AuthStep> {
    this.calls.push({
      kind: 'refresh',
      session: refreshToken,
      username,
      metadata: contextFor(username),
    });
    return this.next();
  }

  private next(): Promise<AuthStep> {
    const reply = this.replies.shift();
    return reply ? Promise.resolve(reply) : Promise.reject(new Error('no scripted reply left'));
  }
}
