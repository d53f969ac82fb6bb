import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OffboardingAccessEnds } from '../../core/offboarding/ports.js';
import type { AccessEndRegister } from '../../core/shared/access-end-register.js';
import {
  GOVERNANCE_TABLE,
  ITEM_KEY,
  PARTITION,
  SORT_KEY_PREFIX,
} from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/**
 * When access ends, one item per account in one partition per source, as reconciliation
 * recorded it; beside it, one partition per source of the ends offboardings recorded (one item
 * per account and offboarding). Reconciliation replaces only its own; the earliest end counts.
 */
export class DynamoAccessEndRegister implements AccessEndRegister, OffboardingAccessEnds {
  constructor(private readonly table: GovernanceTable) {}

  async accessEndsAt(source: string, username: string): Promise<Date | undefined> {
    const { reconciliation, offboardings } = await this.endsByOrigin(source, username);
    const ends = [reconciliation, ...offboardings.map((e) => e.at)]
      .filter((at) => at !== undefined)
      .map((at) => at.getTime());
    return ends.length > 0 ? new Date(Math.min(...ends)) : undefined;
  }

  /** The account's access ends by origin: reconciliation's, and each offboarding's. */
  async endsByOrigin(
    source: string,
    username: string,
    consistent = false,
  ): Promise<{ reconciliation?: Date; offboardings: { offboardingId: string; at: Date }[] }> {
    const [item, offboardings] = await Promise.all([
      this.table.get(ITEM_KEY.accessEnd(source, username), consistent),
      this.table.db.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: {
            '#pk': GOVERNANCE_TABLE.partitionKey,
            '#sk': GOVERNANCE_TABLE.sortKey,
          },
          ExpressionAttributeValues: {
            ':pk': PARTITION.offboardingAccessEnds(source),
            ':prefix': SORT_KEY_PREFIX.offboardingAccessEnds(username),
          },
          ...(consistent ? { ConsistentRead: true } : {}),
        }),
      ),
    ]);
    return {
      ...(item ? { reconciliation: new Date(item.accessEndsAt as string) } : {}),
      offboardings: (offboardings.Items ?? []).map((i) => ({
        offboardingId: i.offboardingId as string,
        at: new Date(i.accessEndsAt as string),
      })),
    };
  }

  async recordOffboardingEnd(
    source: string,
    username: string,
    offboardingId: string,
    at: Date,
  ): Promise<void> {
    await this.table.put({
      ...ITEM_KEY.offboardingAccessEnd(source, username, offboardingId),
      accessEndsAt: at.toISOString(),
      offboardingId,
    });
  }

  async removeOffboardingEnd(
    source: string,
    username: string,
    offboardingId: string,
  ): Promise<void> {
    await this.table.delete(ITEM_KEY.offboardingAccessEnd(source, username, offboardingId));
  }

  async recordAccessEnds(
    source: string,
    ends: ReadonlyMap<string, Date>,
    complete: boolean,
  ): Promise<void> {
    const existing = new Map(
      (await this.table.queryAll(PARTITION.accessEnds(source))).map((item) => [
        item[GOVERNANCE_TABLE.sortKey] as string,
        item.accessEndsAt as string,
      ]),
    );
    const changed = [...ends].filter(
      ([username, at]) => existing.get(username) !== at.toISOString(),
    );
    await this.table.batchPut(
      changed.map(([username, at]) => ({
        ...ITEM_KEY.accessEnd(source, username),
        accessEndsAt: at.toISOString(),
      })),
    );
    if (!complete) return;
    for (const username of existing.keys()) {
      if (!ends.has(username)) await this.table.delete(ITEM_KEY.accessEnd(source, username));
    }
  }
}
