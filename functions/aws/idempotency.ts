import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { GOVERNANCE_TABLE, PARTITION } from '../core/shared/table-keys.js';

/** How long the same Idempotency-Key returns the first answer. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600;

/**
 * Powertools' idempotency utility with its DynamoDB persistence, in the governance table: its
 * records share one partition (`IDEMPOTENCY#offboarding`), keyed by the hash of the key, and
 * expire through the table's TTL attribute.
 */
export function powertoolsIdempotency(client: DynamoDBClient, tableName: string) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    awsSdkV3Client: client,
    keyAttr: GOVERNANCE_TABLE.partitionKey,
    sortKeyAttr: GOVERNANCE_TABLE.sortKey,
    staticPkValue: PARTITION.idempotency,
    expiryAttr: GOVERNANCE_TABLE.ttlAttribute,
  });
  return <A, R>(
    fn: (arg: A) => Promise<R>,
    context: Context | undefined,
  ): ((arg: A) => Promise<R>) => {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'idempotencyKey',
      payloadValidationJmesPath: 'request',
      expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
      throwOnNoIdempotencyKey: true,
    });
    // The in-progress record then expires with the invocation, so a retry after a crash proceeds.
    if (context) config.registerLambdaContext(context);
    return makeIdempotent(fn, { persistenceStore, config, keyPrefix: 'offboarding' }) as (
      arg: A,
    ) => Promise<R>;
  };
}
