import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The SDK reads AWS_ENDPOINT_URL itself: unset in AWS, pointed at the emulator locally.
// Adaptive retries back off and slow down on throttling, on top of Warden's own rate limits.
// Each client lives with the functions that use it, so a function loads only its own.
export const CLIENT_OPTIONS = { maxAttempts: 6, retryMode: 'adaptive' } as const;

export function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(CLIENT_OPTIONS);
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(CLIENT_OPTIONS), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function secretsClient(): SecretsManagerClient {
  return new SecretsManagerClient(CLIENT_OPTIONS);
}
