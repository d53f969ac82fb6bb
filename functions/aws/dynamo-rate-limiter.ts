import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../core/geo/gateway.js';
import { GOVERNANCE_TABLE } from '../core/resources.js';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = GOVERNANCE_TABLE;

/** Fixed one-minute windows counted with an atomic ADD; counters expire by TTL. */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async allow(key: string, limit: number, now: Date): Promise<boolean> {
    const window = Math.floor(now.getTime() / 60_000);
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [PK]: `RATE#${key}`, [SK]: String(window) },
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL },
        ExpressionAttributeValues: { ':one': 1, ':ttl': (window + 2) * 60 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return (Attributes?.count as number) <= limit;
  }
}
