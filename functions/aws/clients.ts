import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The SDK reads AWS_ENDPOINT_URL itself: unset in AWS, pointed at the emulator locally.
// Adaptive retries back off and slow down on throttling, on top of Warden's own rate limits.
const common = { maxAttempts: 6, retryMode: 'adaptive' } as const;

export function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(common);
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(common), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function s3Client(): S3Client {
  // Path-style addressing: an emulator on a loopback port has no bucket subdomains.
  return new S3Client({ ...common, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });
}

export function snsClient(): SNSClient {
  return new SNSClient(common);
}

export function sesClient(): SESv2Client {
  return new SESv2Client(common);
}

export function secretsClient(): SecretsManagerClient {
  return new SecretsManagerClient(common);
}
