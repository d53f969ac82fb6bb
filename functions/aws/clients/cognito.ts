import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_OPTIONS } from './options.js';

export function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(CLIENT_OPTIONS);
}
