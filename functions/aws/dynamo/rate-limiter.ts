import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../core/geo/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

const WINDOW_MS = 60_000;

/**
 * A sliding one-minute window: this minute's count (an atomic ADD) plus last minute's,
 * weighted by how much of it still lies within the last sixty seconds. Every attempt counts,
 * refused ones too, so a steady attack stays throttled. Counters expire by TTL.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(private readonly table: GovernanceTable) {}

  async allow(key: string, limit: number, now: Date): Promise<boolean> {
    const window = Math.floor(now.getTime() / WINDOW_MS);
    const [current, previous] = await Promise.all([
      this.count(key, window),
      this.read(key, window - 1),
    ]);
    const elapsed = (now.getTime() % WINDOW_MS) / WINDOW_MS;
    return current + previous * (1 - elapsed) <= limit;
  }

  private async count(key: string, window: number): Promise<number> {
    const { Attributes } = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: ITEM_KEY.rate(key, window),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': GOVERNANCE_TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':ttl': ((window + 3) * WINDOW_MS) / 1000 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes?.count as number;
  }

  private async read(key: string, window: number): Promise<number> {
    return ((await this.table.get(ITEM_KEY.rate(key, window)))?.count as number | undefined) ?? 0;
  }
}
