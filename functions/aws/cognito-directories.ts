import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type ReconcileConfig, ratesOf, userPoolRegion } from '../core/config/reconcile-config.js';
import { cognitoClient } from './clients/cognito.js';
import { CognitoDirectory } from './cognito-directory.js';
import { governCognitoClient, QuotaMeter } from './cognito-quota.js';

type Settings = Pick<ReconcileConfig, 'accountSources' | 'rateLimits'>;

/**
 * A governed Cognito client for each user pool, one per Region: every call waits for its quota
 * category's bucket (shared by the whole process) and is counted by `meter`. `burst` calls of a
 * category may leave at once (see `governCognitoClient`).
 */
export function governedCognitoClients(
  config: Settings,
  meter: QuotaMeter = new QuotaMeter(),
  burst = 1,
): (userPoolId: string) => CognitoIdentityProviderClient {
  const rates = ratesOf(config.rateLimits);
  const clients = new Map<string, CognitoIdentityProviderClient>();
  return (userPoolId) => {
    const region = userPoolRegion(userPoolId);
    let client = clients.get(region ?? '');
    if (!client) {
      client = governCognitoClient(cognitoClient(region), {
        region: region ?? process.env.AWS_REGION ?? 'default',
        rates,
        meter,
        burst,
      });
      clients.set(region ?? '', client);
    }
    return client;
  };
}

/** The time between two slots of the UserList bucket the governed clients wait on. */
export function userListSlotMs(config: Pick<ReconcileConfig, 'rateLimits'>): number {
  return 1000 / ratesOf(config.rateLimits).UserList;
}

/** The configured user pools as directories, on governed clients. */
export function cognitoDirectories(config: Settings, meter?: QuotaMeter): CognitoDirectory[] {
  const clientFor = governedCognitoClients(config, meter);
  return config.accountSources.map(
    (source) =>
      new CognitoDirectory(clientFor(source.userPoolId), {
        userPoolId: source.userPoolId,
        correlationAttribute: source.correlationAttribute,
        userListSlotMs: userListSlotMs(config),
      }),
  );
}
