import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CLIENT_OPTIONS } from './options.js';

export function secretsClient(): SecretsManagerClient {
  return new SecretsManagerClient(CLIENT_OPTIONS);
}
