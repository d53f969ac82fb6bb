import middy from '@middy/core';
import { secretsClient } from '../aws/clients/secrets-manager.js';
import { SecretsRotatingSecret } from '../aws/secrets-rotating-secret.js';
import { createKeyRotationHandler } from './create-handler.js';

const client = secretsClient();

export const handler = middy(
  createKeyRotationHandler((secretId) => new SecretsRotatingSecret(client, secretId)),
);
