// In-memory implementations of the geo-fenced sign-in ports, for unit tests of the core and
// of the trigger factories.
import { parseGeoPolicy } from '../../../functions/core/geo/geo-policy.js';
import { keySetOf } from '../../../functions/core/geo/key-set.js';
import type { SignInDecisionEntry, SignInGrant } from '../../../functions/core/geo/ports.js';
import type { TriggerDependencies } from '../../../functions/geo-triggers/handlers/trigger-dependencies.js';
import { FixedClock, MemoryLog } from './memory-services.js';

export const SAMPLE_POLICY = parseGeoPolicy(
  {
    default: { allowedCountries: ['MX'], outside: 'require_mfa' },
    groups: { 'press-admins': { allowedCountries: ['MX'], outside: 'deny' } },
    deniedCountries: ['KP'],
  },
  'test',
);

/** Everything a trigger needs, in memory; each field can be looked at or replaced by a test. */
export function memoryTriggerDependencies(now = new Date('2026-11-30T12:00:00Z')) {
  const nonces = new Set<string>();
  const grants = new Map<string, SignInGrant>();
  const decisions: SignInDecisionEntry[] = [];
  const accessEnds = new Map<string, Date>();
  const groups = new Map<string, string[]>();
  const sent: { email: string; code: string }[] = [];
  const keys = keySetOf({ current: 'k'.repeat(40), next: 'n'.repeat(40) });
  const deps: TriggerDependencies = {
    policy: SAMPLE_POLICY,
    keys: () => Promise.resolve(keys),
    nonces: {
      claimNonce: (nonce, trigger) => {
        const key = `${nonce}/${trigger}`;
        const first = !nonces.has(key);
        nonces.add(key);
        return Promise.resolve(first);
      },
    },
    accessEnds: { accessEndsAt: (_pool, username) => Promise.resolve(accessEnds.get(username)) },
    groups: { groupsOf: (_pool, username) => Promise.resolve(groups.get(username) ?? []) },
    signIns: {
      recordDecision: (entry) => {
        decisions.push(entry);
        return Promise.resolve();
      },
      listDecisions: () => Promise.resolve(decisions),
    },
    grants: {
      grant: (nonce, grant) => {
        grants.set(nonce, grant);
        return Promise.resolve();
      },
      find: (nonce) => Promise.resolve(grants.get(nonce)),
    },
    clients: { unfenced: ['m2m-client'] },
    codeSender: {
      send: (email, code) => {
        sent.push({ email, code });
        return Promise.resolve();
      },
    },
    clock: new FixedClock(now),
    log: new MemoryLog(),
  };
  return { deps, keys, grants, decisions, accessEnds, groups, sent };
}
