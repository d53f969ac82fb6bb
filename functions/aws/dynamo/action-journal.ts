import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ChainHead } from '../../core/audit/chain.js';
import type {
  ActionIntent,
  ActionJournal,
  ActionOutcome,
  Completion,
} from '../../core/reconcile/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { APPEND_ATTEMPTS, appendBackoff, DynamoAuditLog } from './audit-log.js';
import type { GovernanceTable, Item } from './governance-table.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The intent of each change before it is made and its outcome after. A completed outcome, its
 * audit entry (appended to the account's hash chain) and the "disabled by Warden" mark are
 * written in one transaction, once: the only transaction an action needs, which completions
 * that arrive together (an offboarding's accounts) share.
 */
export class DynamoActionJournal implements ActionJournal {
  private readonly audit: DynamoAuditLog;
  private readonly itemsPerAction: number;

  /**
   * `pendingMarkers: false` for actions no run resumes: an offboarding's action ids are its own
   * (never a run's finding's), so a run never finishes one; the offboarding's record and its
   * intents' status are what a retry of it resumes from. Its markers would be writes nothing reads.
   */
  constructor(
    private readonly table: GovernanceTable,
    private readonly options: { pendingMarkers: boolean } = { pendingMarkers: true },
  ) {
    this.audit = new DynamoAuditLog(table);
    this.itemsPerAction = options.pendingMarkers ? 5 : 4;
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
    if (this.options.pendingMarkers) await this.table.put({ ...marker, runId: intent.runId });
    const begun = await this.putUnlessDone({
      ...ITEM_KEY.action(intent.actionId),
      ...serialise(intent),
      status: 'pending',
    });
    if (begun) return 'new';
    // An earlier attempt completed it: the marker just written would be stale.
    if (this.options.pendingMarkers) await this.table.delete(marker);
    return 'done';
  }

  async completeAction(intent: ActionIntent, outcome: ActionOutcome): Promise<void> {
    if (!outcome.ok) {
      // The intent stays pending: the next run retries it. A late failure of an attempt that
      // another attempt completed changes nothing.
      await this.putUnlessDone({
        ...ITEM_KEY.action(intent.actionId),
        ...serialise(intent),
        status: 'pending',
        lastError: outcome.error,
        lastErrorAt: outcome.at.toISOString(),
      });
      return;
    }
    await this.completeActions([{ intent, at: outcome.at }]);
  }

  /**
   * One transaction per group of accounts (an offboarding's accounts complete together), not one
   * per action: each action's writes stay atomic with its audit entry, and fewer round trips.
   */
  async completeActions(completed: readonly Completion[]): Promise<void> {
    for (const group of transactionGroups(completed)) await this.completeTogether(group);
  }

  private async completeTogether(group: readonly Completion[]): Promise<void> {
    let remaining = group;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      const heads = await Promise.all(
        remaining.map(({ intent }) => this.audit.head(intent.source, intent.username)),
      );
      try {
        await this.table.db.send(
          new TransactWriteCommand({
            TransactItems: remaining.flatMap((c, i) => this.completionItems(c, heads[i])),
          }),
        );
        return;
      } catch (error) {
        // Completed by an earlier attempt: its audit entry exists once, as it should; the rest
        // are tried again at once.
        const done = remaining.filter((_, i) =>
          cancelledBecause(error, 'ConditionalCheckFailed', i * this.itemsPerAction),
        );
        if (done.length > 0) {
          remaining = remaining.filter((c) => !done.includes(c));
          continue;
        }
        // Another writer appended to one of these chains first: read the heads and try again.
        if (attempt >= APPEND_ATTEMPTS || !chainMoved(error, remaining.length, this.itemsPerAction))
          throw error;
        await appendBackoff(attempt);
      }
    }
  }

  /**
   * The outcome, the audit entry appended after `head`, the chain's head, the pending marker's
   * removal (where markers are kept), the "disabled by Warden" mark; in this order.
   */
  private completionItems({ intent, at }: Completion, head: ChainHead | undefined): TransactItem[] {
    const when = at.toISOString();
    const entry = {
      ...ITEM_KEY.audit(intent.source, intent.username, at, intent.actionId),
      ...serialise({ ...intent, at }),
    };
    const stream = { source: intent.source, username: intent.username };
    return [
      {
        Update: {
          TableName: this.table.name,
          Key: ITEM_KEY.action(intent.actionId),
          UpdateExpression: 'SET #status = :done, completedAt = :at, completedBy = :run',
          ConditionExpression: '#status <> :done',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':at': when, ':run': intent.runId },
        },
      },
      ...this.audit.appendItems(stream, entry, head).items,
      ...(this.options.pendingMarkers
        ? [{ Delete: { TableName: this.table.name, Key: ITEM_KEY.pending(intent.actionId) } }]
        : []),
      {
        Put: {
          TableName: this.table.name,
          Item: {
            ...ITEM_KEY.disabledByWarden(intent.source, intent.accountKey),
            actionId: intent.actionId,
            at: when,
          },
        },
      },
    ];
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

/** Where the head's write sits among a completion's writes. */
const HEAD_OFFSET = 2;
/** A transaction holds at most 100 writes. */
const ACTIONS_PER_TRANSACTION = 20;

/**
 * Completions in groups that one transaction can hold: at most twenty, and one per account, as
 * two would write the same chain head.
 */
function transactionGroups(completed: readonly Completion[]): Completion[][] {
  const groups: { streams: Set<string>; members: Completion[] }[] = [];
  for (const completion of completed) {
    const stream = `${completion.intent.source}\u0000${completion.intent.username}`;
    let group = groups.find(
      (g) => g.members.length < ACTIONS_PER_TRANSACTION && !g.streams.has(stream),
    );
    if (!group) {
      group = { streams: new Set(), members: [] };
      groups.push(group);
    }
    group.streams.add(stream);
    group.members.push(completion);
  }
  return groups.map((g) => g.members);
}

function chainMoved(error: unknown, actions: number, itemsPerAction: number): boolean {
  return (
    Array.from({ length: actions }, (_, i) => i * itemsPerAction + HEAD_OFFSET).some((index) =>
      cancelledBecause(error, 'ConditionalCheckFailed', index),
    ) ||
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
