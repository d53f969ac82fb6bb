// AWS SDK v3 clients faked at the client with aws-sdk-client-mock, for unit tests of the
// adapters: what each sends, and how each reads the answers.
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { GovernanceTable } from '../../../functions/aws/dynamo/governance-table.js';

export const TABLE = 'warden-governance';

/** A governance table whose document client is mocked; reset it before each test. */
export function mockedTable() {
  const db = mockClient(DynamoDBDocumentClient);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { db, table: new GovernanceTable(client, TABLE) };
}

/** What DynamoDB throws when a write's condition does not hold. */
export const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/** What DynamoDB throws when a transaction is cancelled, with one reason code per item. */
export const transactionCancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A fault that is not about conditions: throttling, a missing table, a network failure. */
export const fault = (name = 'ProvisionedThroughputExceededException') =>
  Object.assign(new Error('throttled'), { name });
