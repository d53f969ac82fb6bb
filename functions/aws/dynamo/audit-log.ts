import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { CHAIN_FIELDS, type ChainHead, linkAfter } from '../../core/audit/chain.js';
import type { AuditChainReader } from '../../core/audit/ports.js';
import type { StoredAuditEntry, StreamName } from '../../core/audit/verify-stream.js';
import type { AuditEntry, AuditLog } from '../../core/shared/audit.js';
import {
  auditStreamOf,
  GOVERNANCE_TABLE,
  ITEM_KEY,
  KEY_PREFIX,
  PARTITION,
} from '../../core/shared/table-keys.js';
import type { GovernanceTable, Item } from './governance-table.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const READ_ATTEMPTS = 5;
/** Tries at appending to a chain that concurrent writers keep moving. */
export const APPEND_ATTEMPTS = 12;
/** Full-jitter backoff between tries: up to 20 ms, doubling, at most about 1.3 s. */
export const appendBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(attempt, 6)));

/**
 * The audit trail: one partition per account, each a hash chain whose newest entry a head item
 * names (`AUDIT#~heads`). Entries are written by the action journal, in the same transaction as
 * the outcome they record, through `appendItems`.
 */
export class DynamoAuditLog implements AuditLog, AuditChainReader {
  constructor(private readonly table: GovernanceTable) {}

  async listAudit(source: string, username: string): Promise<AuditEntry[]> {
    const items = await this.table.queryAll(PARTITION.audit(source, username));
    return items.map((item) => ({
      actionId: item.actionId as string,
      runId: item.runId as string,
      kind: item.kind as string,
      source: item.source as string,
      username: item.username as string,
      reason: item.reason as string,
      at: new Date(item.at as string),
      ...(item.actor ? { actor: item.actor as string } : {}),
    }));
  }

  /** The newest entry of an account's chain, read consistently; undefined before the first. */
  async head(source: string, username: string): Promise<ChainHead | undefined> {
    const item = await this.table.get(ITEM_KEY.auditHead(source, username), true);
    return item ? { seq: item.seq as number, hash: item.hash as string } : undefined;
  }

  /**
   * The writes that append `entry` (its key and attributes) after `head`: the entry, which must
   * not exist yet, and the head, which must still be `head`, so that of two concurrent writers
   * one appends and the other reads the new head and tries again.
   */
  appendItems(
    stream: StreamName,
    entry: Item,
    head: ChainHead | undefined,
  ): { items: TransactItem[]; link: ChainHead } {
    const link = linkAfter(head, entry);
    const { partitionKey: pk } = GOVERNANCE_TABLE;
    return {
      link: { seq: link.seq, hash: link.hash },
      items: [
        {
          Put: {
            TableName: this.table.name,
            Item: { ...entry, ...link },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          },
        },
        {
          Put: {
            TableName: this.table.name,
            Item: { ...ITEM_KEY.auditHead(stream.source, stream.username), ...stream, ...link },
            ...(head
              ? {
                  ConditionExpression: '#hash = :head',
                  ExpressionAttributeNames: { '#hash': CHAIN_FIELDS.hash },
                  ExpressionAttributeValues: { ':head': head.hash },
                }
              : {
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': pk },
                }),
          },
        },
      ],
    };
  }

  /**
   * Appends `entry` in one transaction with `writes` (at most 98: the entry and the head take two
   * of a transaction's 100), reading the head again while other writers move it.
   */
  async appendTogether(stream: StreamName, entry: Item, writes: TransactItem[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(stream.source, stream.username);
      const items = [...writes, ...this.appendItems(stream, entry, head).items];
      try {
        await this.table.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const headIndex = items.length - 1;
        const moved =
          error instanceof TransactionCanceledException &&
          (error.CancellationReasons ?? []).some(
            (r, i) =>
              r.Code === 'TransactionConflict' ||
              (i === headIndex && r.Code === 'ConditionalCheckFailed'),
          );
        if (!moved || attempt >= APPEND_ATTEMPTS) throw error;
        await appendBackoff(attempt);
      }
    }
  }

  /** Every account with audit entries or a head: a scan, as only verification needs it. */
  async listStreams(): Promise<StreamName[]> {
    const streams = new Map<string, StreamName>();
    for (const pk of await this.table.scanPartitionKeys(KEY_PREFIX.audit)) {
      const stream = auditStreamOf(pk);
      if (stream) streams.set(pk, stream);
    }
    for (const head of await this.table.queryAll(PARTITION.auditHeads, { consistent: true })) {
      const stream = { source: head.source as string, username: head.username as string };
      streams.set(PARTITION.audit(stream.source, stream.username), stream);
    }
    return [...streams.values()];
  }

  /**
   * One stream as of one moment: the head is read before and after the entries, and the read is
   * repeated while an append moved it, so a concurrent writer is never taken for tampering.
   */
  async readStream(stream: StreamName): Promise<{ head?: ChainHead; entries: StoredAuditEntry[] }> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.head(stream.source, stream.username);
      const items = await this.table.queryAll(PARTITION.audit(stream.source, stream.username), {
        consistent: true,
      });
      const after = await this.head(stream.source, stream.username);
      if (before?.hash === after?.hash || attempt >= READ_ATTEMPTS) {
        return {
          head: after,
          entries: items.map((item) => ({
            id: String(item.actionId),
            at: String(item.at),
            stored: item,
          })),
        };
      }
    }
  }
}
