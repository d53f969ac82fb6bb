import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_OPTIONS } from './options.js';

/** A client of the function's own Region, or of `region` (a governed pool may live elsewhere). */
export function cognitoClient(region?: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(region ? { ...CLIENT_OPTIONS, region } : CLIENT_OPTIONS);
}
