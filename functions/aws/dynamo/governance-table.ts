import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { WardenError } from '../../core/shared/errors.js';
import { GOVERNANCE_TABLE, type TableKey } from '../../core/shared/table-keys.js';

export type Item = Record<string, unknown>;

const { partitionKey: PK, sortKey: SK } = GOVERNANCE_TABLE;
const BATCH_SIZE = 25;
const BATCH_ATTEMPTS = 8;
/** Batches written at once: enough to hide round trips, few enough not to provoke throttling. */
const BATCHES_IN_FLIGHT = 4;

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: TableKey } };

/**
 * Items per Query page. DynamoDB stops a page at 1 MB; a page of thousands of items then takes
 * a slow endpoint (the local AWS under load) past the 3 s request timeout of decision 0039.
 * A page of at most 1,000 items answers well within it, at the cost of more requests.
 */
const QUERY_PAGE_ITEMS = 1000;

/** The governance table and the few access patterns every role's adapter shares. */
export class GovernanceTable {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  async get(key: TableKey, consistent = false): Promise<Item | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.name, Key: key, ConsistentRead: consistent }),
    );
    return Item;
  }

  async put(item: Item): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.name, Item: item }));
  }

  /** Writes the item only if no item has its key; false when one already had it. */
  putIfAbsent(item: Item): Promise<boolean> {
    return this.conditionally(
      this.db.send(
        new PutCommand({
          TableName: this.name,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      ),
    );
  }

  async delete(key: TableKey): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.name, Key: key }));
  }

  /** True when the write happened; false when its condition did not hold. */
  async conditionally(write: Promise<unknown>): Promise<boolean> {
    try {
      await write;
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Every item of a partition, following pagination. */
  async queryAll(
    partition: string,
    options: { newestFirst?: boolean; limit?: number; consistent?: boolean } = {},
  ): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of this.queryPages(partition, options)) items.push(...page);
    return options.limit === undefined ? items : items.slice(0, options.limit);
  }

  /** A partition's items one page at a time, for a reader that need not hold them all at once. */
  async *queryPages(
    partition: string,
    options: { newestFirst?: boolean; limit?: number; consistent?: boolean } = {},
  ): AsyncGenerator<Item[]> {
    let read = 0;
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: !options.newestFirst,
          Limit: Math.min(options.limit ?? QUERY_PAGE_ITEMS, QUERY_PAGE_ITEMS),
          ConsistentRead: options.consistent,
          ExclusiveStartKey: startKey,
        }),
      );
      const items = page.Items ?? [];
      read += items.length;
      yield items;
      startKey =
        options.limit !== undefined && read >= options.limit ? undefined : page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * The distinct partition keys that start with `prefix`, from a scan of the whole table: for the
   * rare reader (audit verification) that must find every partition of a kind.
   */
  async scanPartitionKeys(prefix: string): Promise<Set<string>> {
    const keys = new Set<string>();
    let startKey: ScanCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.name,
          FilterExpression: 'begins_with(#pk, :prefix)',
          ProjectionExpression: '#pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) keys.add(item[PK] as string);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return keys;
  }

  /** Writes items 25 at a time, a few batches at once (see `batchWrite`). */
  batchPut(items: readonly Item[]): Promise<void> {
    return this.batchWrite(items, []);
  }

  /**
   * Puts and deletes 25 at a time, with at most `BATCHES_IN_FLIGHT` batches under way, retrying
   * what DynamoDB leaves unprocessed with backoff. Order among the writes is not kept.
   */
  async batchWrite(puts: readonly Item[], deletes: readonly TableKey[]): Promise<void> {
    const requests: WriteRequest[] = [
      ...puts.map((Item) => ({ PutRequest: { Item } })),
      ...deletes.map((Key) => ({ DeleteRequest: { Key } })),
    ];
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_SIZE)
      batches.push(requests.slice(i, i + BATCH_SIZE));
    const worker = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift())
        await this.writeBatch(batch);
    };
    await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, batches.length) }, worker));
  }

  private async writeBatch(batch: WriteRequest[]): Promise<void> {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > BATCH_ATTEMPTS) {
        throw new WardenError(`DynamoDB left items unprocessed after ${BATCH_ATTEMPTS} attempts`);
      }
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await this.db.send(
        new BatchWriteCommand({ RequestItems: { [this.name]: pending } }),
      );
      pending = (result.UnprocessedItems?.[this.name] ?? []) as WriteRequest[];
    }
  }
}

/** An item without its table keys. */
export function withoutKeys(item: Item): Item {
  const { [PK]: _pk, [SK]: _sk, ...rest } = item;
  return rest;
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
