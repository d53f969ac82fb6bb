import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../core/geo/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/** Fixed one-minute windows counted with an atomic ADD; counters expire by TTL. */
export class DynamoRateLimiter implements RateLimiter {
  constructor(private readonly table: GovernanceTable) {}

  async allow(key: string, limit: number, now: Date): Promise<boolean> {
    const window = Math.floor(now.getTime() / 60_000);
    const { Attributes } = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: ITEM_KEY.rate(key, window),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': GOVERNANCE_TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':ttl': (window + 2) * 60 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return (Attributes?.count as number) <= limit;
  }
}
