import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { clientOptions } from './options.js';

/** A client of the function's own Region, or of `region` (a governed pool may live elsewhere). */
export function cognitoClient(region?: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(
    region ? { ...clientOptions(), region } : clientOptions(),
  );
}
