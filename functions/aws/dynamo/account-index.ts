import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AccountIndex,
  AccountIndexSnapshot,
  IndexedAccount,
  IndexedPerson,
} from '../../core/offboarding/ports.js';
import {
  GOVERNANCE_TABLE,
  ITEM_KEY,
  PARTITION,
  SORT_KEY_PREFIX,
  type TableKey,
} from '../../core/shared/table-keys.js';
import type { GovernanceTable, Item } from './governance-table.js';

const { partitionKey: PK, sortKey: SK } = GOVERNANCE_TABLE;

/**
 * The account index: each person's HR email in one partition, and per source the accounts tied
 * to each person (sort key `<employeeId> <username>`). A run writes only what changed.
 */
export class DynamoAccountIndex implements AccountIndex {
  constructor(private readonly table: GovernanceTable) {}

  async lookup(employeeId: string, sources: readonly string[]): Promise<IndexedPerson> {
    const [person, ...perSource] = await Promise.all([
      this.table.get(ITEM_KEY.indexedPerson(employeeId)),
      ...sources.map((source) => this.accountsOf(source, employeeId)),
    ]);
    return {
      employeeId,
      email: person?.email as string | undefined,
      accounts: perSource.flat(),
    };
  }

  async replace(snapshot: AccountIndexSnapshot, complete: boolean): Promise<void> {
    await this.sync(
      PARTITION.indexPeople,
      [...snapshot.people].map(([employeeId, email]) => ({
        ...ITEM_KEY.indexedPerson(employeeId),
        email,
      })),
      complete,
    );
    for (const [source, accounts] of snapshot.accounts) {
      await this.sync(
        PARTITION.indexAccounts(source),
        accounts.map((a) => ({
          ...ITEM_KEY.indexedAccount(source, a.employeeId, a.username),
          ...a,
        })),
        complete,
      );
    }
  }

  private async accountsOf(source: string, employeeId: string): Promise<IndexedAccount[]> {
    const { Items = [] } = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: {
          ':pk': PARTITION.indexAccounts(source),
          ':prefix': SORT_KEY_PREFIX.indexedAccounts(employeeId),
        },
      }),
    );
    return Items.map((item) => ({
      source: item.source as string,
      username: item.username as string,
      accountKey: item.accountKey as string,
      employeeId: item.employeeId as string,
      link: item.link as IndexedAccount['link'],
    }));
  }

  /** Writes the items that changed; with `complete`, deletes those no longer there. */
  private async sync(partition: string, items: Item[], complete: boolean): Promise<void> {
    const existing = new Map(
      (await this.table.queryAll(partition)).map((item) => [item[SK] as string, fingerprint(item)]),
    );
    await this.table.batchPut(
      items.filter((item) => existing.get(item[SK] as string) !== fingerprint(item)),
    );
    if (!complete) return;
    const kept = new Set(items.map((item) => item[SK] as string));
    for (const sortKey of existing.keys()) {
      if (!kept.has(sortKey))
        await this.table.delete({ [PK]: partition, [SK]: sortKey } as TableKey);
    }
  }
}

function fingerprint(item: Item): string {
  return JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)));
}
