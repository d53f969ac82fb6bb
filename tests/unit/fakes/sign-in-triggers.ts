// The sign-in triggers' dependencies in memory, and Cognito trigger events as Cognito sends
// them, for tests of the five trigger handler factories.
import { signGeoContext } from '../../../functions/core/geo/geo-context.js';
import type { TriggerDependencies } from '../../../functions/geo-triggers/handlers/trigger-dependencies.js';
import {
  GATEWAY_CLIENT,
  KEYS,
  MemoryCodeSender,
  MemoryGrants,
  MemoryGroups,
  MemoryNonces,
  MemorySignInLog,
  pressPolicy,
} from './memory-geo.js';
import { FixedClock, MemoryLog } from './memory-services.js';
import { MemoryAccessEnds } from './memory-storage.js';

export const POOL = 'us-east-1_Press';
export const USERNAME = 'ana.lopez';
export const EMAIL = 'ana.lopez@presidencia.example';
export const NOW = new Date('2026-11-29T12:00:00Z');
export const SPAIN = '88.1.1.1';

export function triggerWorld() {
  const deps = {
    policy: pressPolicy(),
    keys: () => Promise.resolve(KEYS),
    nonces: new MemoryNonces(),
    accessEnds: new MemoryAccessEnds(),
    groups: new MemoryGroups(),
    signIns: new MemorySignInLog(),
    grants: new MemoryGrants(),
    clients: { unfenced: ['m2m-client'] },
    codeSender: new MemoryCodeSender() as MemoryCodeSender | undefined,
    clock: new FixedClock(NOW),
    log: new MemoryLog(),
  } satisfies TriggerDependencies;
  return { deps, dependencies: () => Promise.resolve(deps) };
}

/** A geo context from the gateway, for a call from `country` (null: unknown location). */
export function geoFrom(
  country: string | null,
  ip = SPAIN,
  at = NOW,
  nonce?: string,
): Record<string, string> {
  return {
    warden_geo: signGeoContext(
      { ip, country, username: USERNAME, clientId: GATEWAY_CLIENT },
      KEYS.signing,
      at,
      nonce,
    ),
  };
}

export const ATTRIBUTES = { sub: 'a1b2-sub', email: EMAIL, email_verified: 'true' };

/** A Cognito trigger event for Ana, with the fields Cognito sends besides those Warden reads. */
export function cognitoEvent(
  triggerSource: string,
  request: Record<string, unknown>,
  response: Record<string, unknown> = {},
) {
  return {
    version: '1',
    region: 'us-east-1',
    userPoolId: POOL,
    userName: USERNAME,
    triggerSource,
    callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: GATEWAY_CLIENT },
    request: { userAttributes: ATTRIBUTES, ...request },
    response,
  };
}

export const step = (
  challengeName: string,
  challengeResult = true,
  challengeMetadata?: string,
) => ({
  challengeName,
  challengeResult,
  challengeMetadata,
});
