import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RunLock } from '../../core/reconcile/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY } from '../../core/shared/table-keys.js';
import { epochSeconds, type GovernanceTable } from './governance-table.js';

/**
 * A lock item with an expiry; a lock whose holder died is taken over once it has expired. Its
 * owner may take it again to extend it.
 */
export class DynamoRunLock implements RunLock {
  constructor(private readonly table: GovernanceTable) {}

  acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    return this.table.conditionally(
      this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...ITEM_KEY.lock(name),
            owner,
            until: until.toISOString(),
            [GOVERNANCE_TABLE.ttlAttribute]: epochSeconds(until),
          },
          // Free, expired, or already this owner's (a run on Step Functions renews it each step).
          ConditionExpression: 'attribute_not_exists(#pk) OR #until < :now OR #owner = :owner',
          ExpressionAttributeNames: {
            '#pk': GOVERNANCE_TABLE.partitionKey,
            '#until': 'until',
            '#owner': 'owner',
          },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':owner': owner },
        }),
      ),
    );
  }

  /** Releases only a lock this owner still holds; one taken over since is left alone. */
  async release(name: string, owner: string): Promise<void> {
    await this.table.conditionally(
      this.table.db.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: ITEM_KEY.lock(name),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),
    );
  }
}
