import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Offboarding } from '../../core/offboarding/offboarding.js';
import type { OffboardingStore } from '../../core/offboarding/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { epochSeconds, type GovernanceTable, type Item, withoutKeys } from './governance-table.js';

/**
 * Offboarding requests, all in one partition (there are a few thousand at most), and the claim of
 * the offboarding acting on each person, an item per person that expires.
 */
export class DynamoOffboardingStore implements OffboardingStore {
  constructor(private readonly table: GovernanceTable) {}

  async get(id: string): Promise<Offboarding | undefined> {
    const item = await this.table.get(ITEM_KEY.offboarding(id), true);
    return item ? decode(item) : undefined;
  }

  create(offboarding: Offboarding): Promise<boolean> {
    return this.table.putIfAbsent({
      ...ITEM_KEY.offboarding(offboarding.id),
      ...encode(offboarding),
    });
  }

  async save(offboarding: Offboarding): Promise<void> {
    await this.table.put({ ...ITEM_KEY.offboarding(offboarding.id), ...encode(offboarding) });
  }

  async list(): Promise<Offboarding[]> {
    const items = await this.table.queryAll(PARTITION.offboardings);
    return items.map(decode).sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  }

  async claimPerson(
    employeeId: string,
    offboardingId: string,
    now: Date,
    until: Date,
  ): Promise<string> {
    const claimed = await this.table.conditionally(
      this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...ITEM_KEY.actingOnPerson(employeeId),
            offboardingId,
            until: until.toISOString(),
            [GOVERNANCE_TABLE.ttlAttribute]: epochSeconds(until),
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #holder = :me OR #until < :now',
          ExpressionAttributeNames: {
            '#pk': GOVERNANCE_TABLE.partitionKey,
            '#holder': 'offboardingId',
            '#until': 'until',
          },
          ExpressionAttributeValues: { ':me': offboardingId, ':now': now.toISOString() },
        }),
      ),
    );
    if (claimed) return offboardingId;
    const holder = await this.table.get(ITEM_KEY.actingOnPerson(employeeId), true);
    // Released between the two calls: claim again.
    return holder
      ? String(holder.offboardingId)
      : this.claimPerson(employeeId, offboardingId, now, until);
  }

  async releasePerson(employeeId: string, offboardingId: string): Promise<void> {
    await this.table.conditionally(
      this.table.db.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: ITEM_KEY.actingOnPerson(employeeId),
          ConditionExpression: '#holder = :me',
          ExpressionAttributeNames: { '#holder': 'offboardingId' },
          ExpressionAttributeValues: { ':me': offboardingId },
        }),
      ),
    );
  }
}

/** Dates travel as ISO strings. */
function encode(o: Offboarding): Item {
  return {
    ...o,
    effectiveAt: o.effectiveAt.toISOString(),
    requestedAt: o.requestedAt.toISOString(),
    history: o.history.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

function decode(item: Item): Offboarding {
  const o = withoutKeys(item) as unknown as Offboarding & {
    effectiveAt: string;
    requestedAt: string;
    history: { at: string }[];
  };
  return {
    ...o,
    effectiveAt: new Date(o.effectiveAt),
    requestedAt: new Date(o.requestedAt),
    history: o.history.map((e) => ({ ...e, at: new Date(e.at) })) as Offboarding['history'],
  };
}
