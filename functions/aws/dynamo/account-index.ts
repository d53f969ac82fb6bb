import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexChanges, indexDigest } from '../../core/offboarding/index-changes.js';
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
 * to each person (sort key `<employeeId> <username>`). A run writes only what changed, and
 * skips a partition whose stored digest says it is unchanged (decision 0036).
 */
export class DynamoAccountIndex implements AccountIndex {
  constructor(private readonly table: GovernanceTable) {}

  async lookup(employeeId: string, sources: readonly string[]): Promise<IndexedPerson> {
    const [email, ...perSource] = await Promise.all([
      this.emailOf(employeeId),
      ...sources.map((source) => this.accountsOf(source, employeeId)),
    ]);
    return { employeeId, email, accounts: perSource.flat() };
  }

  async emailOf(employeeId: string): Promise<string | undefined> {
    const person = await this.table.get(ITEM_KEY.indexedPerson(employeeId));
    return person?.email as string | undefined;
  }

  async replace(snapshot: AccountIndexSnapshot, complete: boolean): Promise<void> {
    const people = [...snapshot.people].map(([employeeId, email]) => ({
      ...ITEM_KEY.indexedPerson(employeeId),
      email,
    }));
    const perSource = [...snapshot.accounts].map(([source, accounts]) => ({
      partition: PARTITION.indexAccounts(source),
      items: accounts.map((a) => ({
        ...ITEM_KEY.indexedAccount(source, a.employeeId, a.username),
        ...a,
      })),
    }));
    // One partition after another: each keeps a bounded number of batches in flight.
    for (const { partition, items } of [
      { partition: PARTITION.indexPeople, items: people },
      ...perSource,
    ])
      await this.sync(partition, items, complete);
  }

  async accountsOf(source: string, employeeId: string): Promise<IndexedAccount[]> {
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

  /**
   * Makes the partition hold `items` (with `complete`, only them). The digest of what it holds
   * is kept beside it: when a full roster's items have the stored digest, nothing is read or
   * written. Otherwise the stored items are read, and only the differences written. The digest
   * goes while the partition is being changed, so a run that stops half way leaves none, and
   * the next run reads the partition rather than trusting it.
   */
  private async sync(partition: string, items: Item[], complete: boolean): Promise<void> {
    const wanted = new Map(items.map((item) => [item[SK] as string, fingerprint(item)]));
    const digestKey = ITEM_KEY.indexDigest(partition);
    if (complete && (await this.table.get(digestKey, true))?.digest === indexDigest(wanted)) return;
    const stored = new Map<string, string>();
    for await (const page of this.table.queryPages(partition, { consistent: true })) {
      for (const item of page) stored.set(item[SK] as string, fingerprint(item));
    }
    const changes = indexChanges(stored, wanted, complete);
    if (changes.put.length + changes.remove.length > 0) {
      const bySortKey = new Map(items.map((item) => [item[SK] as string, item]));
      await this.table.delete(digestKey);
      await this.table.batchWrite(
        changes.put.map((sortKey) => bySortKey.get(sortKey) as Item),
        changes.remove.map((sortKey) => ({ [PK]: partition, [SK]: sortKey }) as TableKey),
      );
    }
    await this.table.put({ ...digestKey, digest: indexDigest(changes.after) });
  }
}

/** What an item says, in a few bytes: a million of them are compared and held at once. */
function fingerprint(item: Item): string {
  const entries = Object.entries(item).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64');
}
