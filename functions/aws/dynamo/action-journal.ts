import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ActionIntent, ActionJournal, ActionOutcome } from '../../core/reconcile/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { DynamoAuditLog } from './audit-log.js';
import type { GovernanceTable, Item } from './governance-table.js';

/**
 * The intent of each change before it is made and its outcome after. A completed outcome, its
 * audit entry (appended to the account's hash chain) and the "disabled by Warden" mark are
 * written in one transaction, once: the only transaction an action needs.
 */
export class DynamoActionJournal implements ActionJournal {
  private readonly audit: DynamoAuditLog;

  constructor(private readonly table: GovernanceTable) {
    this.audit = new DynamoAuditLog(table);
  }

  async listPendingActions(): Promise<Set<string>> {
    const items = await this.table.queryAll(PARTITION.pending);
    return new Set(items.map((item) => item[GOVERNANCE_TABLE.sortKey] as string));
  }

  /**
   * Two single-item writes, not a transaction (which costs twice the write units): the pending
   * marker first, then the intent, unless the action is done. A crash between them leaves a
   * marker without an intent, which is what an intent written before a crash looks like to a
   * run: it finishes the action (beginning it again writes the intent). The marker is only a
   * hint to plan with; the intent's status is the truth.
   */
  async beginAction(intent: ActionIntent): Promise<'new' | 'done'> {
    const marker = ITEM_KEY.pending(intent.actionId);
    await this.table.put({ ...marker, runId: intent.runId });
    const begun = await this.putUnlessDone({
      ...ITEM_KEY.action(intent.actionId),
      ...serialise(intent),
      status: 'pending',
    });
    if (begun) return 'new';
    // An earlier attempt completed it: the marker just written would be stale.
    await this.table.delete(marker);
    return 'done';
  }

  async completeAction(intent: ActionIntent, outcome: ActionOutcome): Promise<void> {
    const key = ITEM_KEY.action(intent.actionId);
    if (!outcome.ok) {
      // The intent stays pending: the next run retries it. A late failure of an attempt that
      // another attempt completed changes nothing.
      await this.putUnlessDone({
        ...key,
        ...serialise(intent),
        status: 'pending',
        lastError: outcome.error,
        lastErrorAt: outcome.at.toISOString(),
      });
      return;
    }
    const at = outcome.at.toISOString();
    const stream = { source: intent.source, username: intent.username };
    const entry = {
      ...ITEM_KEY.audit(intent.source, intent.username, outcome.at, intent.actionId),
      ...serialise({ ...intent, at: outcome.at }),
    };
    for (let attempt = 1; ; attempt++) {
      const { items } = this.audit.appendItems(
        stream,
        entry,
        await this.audit.head(intent.source, intent.username),
      );
      try {
        await this.table.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table.name,
                  Key: key,
                  UpdateExpression: 'SET #status = :done, completedAt = :at, completedBy = :run',
                  ConditionExpression: '#status <> :done',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':done': 'done', ':at': at, ':run': intent.runId },
                },
              },
              ...items,
              { Delete: { TableName: this.table.name, Key: ITEM_KEY.pending(intent.actionId) } },
              {
                Put: {
                  TableName: this.table.name,
                  Item: {
                    ...ITEM_KEY.disabledByWarden(intent.source, intent.accountKey),
                    actionId: intent.actionId,
                    at,
                  },
                },
              },
            ],
          }),
        );
        return;
      } catch (error) {
        // Already completed by an earlier attempt: the audit entry exists once, as it should.
        if (cancelledBecause(error, 'ConditionalCheckFailed', 0)) return;
        // Another writer appended to this account's chain first: read its head and try again.
        if (attempt >= APPEND_ATTEMPTS || !chainMoved(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * backoffMs(attempt)));
      }
    }
  }

  /** Writes an action's item unless the action is done; false when it was. */
  private putUnlessDone(item: Item): Promise<boolean> {
    return this.table.conditionally(
      this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#status) OR #status <> :done',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done' },
        }),
      ),
    );
  }
}

/** Tries at appending to a chain that concurrent writers keep moving. */
const APPEND_ATTEMPTS = 12;
/** Full-jitter backoff between tries: up to 20 ms, doubling, at most about 1.3 s. */
const backoffMs = (attempt: number) => 20 * 2 ** Math.min(attempt, 6);
/** Where the head's write sits in the completion transaction. */
const HEAD_INDEX = 2;

function chainMoved(error: unknown): boolean {
  return (
    cancelledBecause(error, 'ConditionalCheckFailed', HEAD_INDEX) ||
    (error instanceof TransactionCanceledException &&
      (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict'))
  );
}

function cancelledBecause(error: unknown, code: string, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === code
  );
}

function serialise(intent: ActionIntent): Item {
  return { ...intent, at: intent.at.toISOString() };
}
