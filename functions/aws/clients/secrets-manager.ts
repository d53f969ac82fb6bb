import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientOptions } from './options.js';

export function secretsClient(): SecretsManagerClient {
  return new SecretsManagerClient(clientOptions());
}
