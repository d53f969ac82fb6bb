import * as z from 'zod/mini';
import { systemClock } from '../aws/system.js';
import { parseGeoPolicy } from '../core/geo/geo-policy.js';
import { ENV, idList, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import type { TriggerDependencies } from './handlers/trigger-dependencies.js';

// The composition root of the sign-in triggers, in parts: this module reads the environment
// and builds what needs no AWS client; `wiring/` adds the AWS adapters, one module per set of
// clients, so that each trigger's bundle holds only the clients it uses (only create-auth-
// challenge sends email, only define-auth-challenge and pre-token generation read groups).
// The handler entries load their wiring on the first invocation: no client is evaluated at init.

const environment = {
  table: z.string().check(z.minLength(1)),
  geoPolicy: jsonVariable,
  geoKeySecret: z.string().check(z.minLength(1)),
  codeSender: z.optional(z.email()),
  /** The gateway's client ids when the configuration names them (else the signed context does). */
  gatewayClients: z.optional(idList),
  unfencedClients: z._default(idList, []),
  signInRecordDays: z._default(z.coerce.number().check(z.int(), z.positive()), 400),
};
export type TriggerEnvironment = ReturnType<typeof readEnvironment<typeof environment>>;

/**
 * A trigger's dependencies, wired once per container (again if the environment changes, as it
 * does between local runs).
 */
export function containerDependencies<D>(wire: (env: TriggerEnvironment) => D): () => Promise<D> {
  let cached: { fingerprint: string; deps: Promise<D> } | undefined;
  return () => {
    const env = readEnvironment(environment, process.env);
    const fingerprint = JSON.stringify(env);
    if (cached?.fingerprint !== fingerprint)
      cached = { fingerprint, deps: Promise.resolve(wire(env)) };
    return cached.deps;
  };
}

/** The policy, the app clients and the clock: what every trigger decides with. */
export function settings(
  env: TriggerEnvironment,
): Pick<TriggerDependencies, 'policy' | 'clients' | 'clock'> {
  return {
    policy: parseGeoPolicy(env.geoPolicy, ENV.geoPolicy),
    clients: { gateways: env.gatewayClients, unfenced: env.unfencedClients },
    clock: systemClock,
  };
}
