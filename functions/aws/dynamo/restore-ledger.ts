import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountRestore, RestoreLedger, WardenMarks } from '../../core/review/ports.js';
import { ITEM_KEY } from '../../core/shared/table-keys.js';
import { DynamoAccessEndRegister } from './access-end-register.js';
import { DynamoAuditLog } from './audit-log.js';
import type { GovernanceTable } from './governance-table.js';

/** DynamoDB takes at most 100 writes in one transaction. */
const TRANSACTION_ITEMS = 100;

type Write = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * What Warden remembers of the accounts it disabled (the action journal, the source memory, the
 * access-end register) and what a restore changes there, with its audit entry.
 */
export class DynamoRestoreLedger implements RestoreLedger {
  constructor(private readonly table: GovernanceTable) {}

  async marks(source: string, accountKey: string): Promise<WardenMarks> {
    const [disabled, offboarded] = await Promise.all([
      this.table.get(ITEM_KEY.disabledByWarden(source, accountKey), true),
      this.table.get(ITEM_KEY.offboardedAccount(source, accountKey), true),
    ]);
    return {
      ...(disabled ? { disabledBy: disabled.actionId as string } : {}),
      ...(offboarded ? { offboardedBy: offboarded.offboardingId as string } : {}),
    };
  }

  /** Read consistently: a restore decides on them. */
  accessEnds(source: string, username: string) {
    return new DynamoAccessEndRegister(this.table).endsByOrigin(source, username, true);
  }

  async recordRestore(restore: AccountRestore): Promise<void> {
    const { source, username, accountKey } = restore;
    const at = restore.at.toISOString();
    const table = this.table.name;
    const remove = (key: Record<string, string>): Write => ({
      Delete: { TableName: table, Key: key },
    });
    const writes: Write[] = [
      // The next disable of this account is a new change, audited again, not "already done".
      ...restore.disableActionIds.map(
        (actionId): Write => ({
          Update: {
            TableName: table,
            Key: ITEM_KEY.action(actionId),
            UpdateExpression: 'SET #status = :undone, restoredBy = :restore, restoredAt = :at',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':undone': 'undone',
              ':restore': restore.restoreId,
              ':at': at,
            },
          },
        }),
      ),
      remove(ITEM_KEY.disabledByWarden(source, accountKey)),
      remove(ITEM_KEY.offboardedAccount(source, accountKey)),
      ...(restore.liftAccessEnds?.reconciliation
        ? [remove(ITEM_KEY.accessEnd(source, username))]
        : []),
      ...(restore.liftAccessEnds?.offboardingIds ?? []).map((id) =>
        remove(ITEM_KEY.offboardingAccessEnd(source, username, id)),
      ),
    ];
    const entry = {
      ...ITEM_KEY.audit(source, username, restore.at, restore.restoreId),
      actionId: restore.restoreId,
      runId: restore.restoreId,
      kind: 'restore',
      source,
      username,
      reason: restore.overrideReason
        ? `${restore.reason} (override: ${restore.overrideReason})`
        : restore.reason,
      at,
      actor: restore.actor,
    };
    // The audit entry, appended to the account's hash chain, goes in the last transaction: it is
    // written only once everything else is.
    const last = writes.splice(Math.max(0, writes.length - (TRANSACTION_ITEMS - 2)));
    for (let i = 0; i < writes.length; i += TRANSACTION_ITEMS) {
      await this.table.db.send(
        new TransactWriteCommand({ TransactItems: writes.slice(i, i + TRANSACTION_ITEMS) }),
      );
    }
    await new DynamoAuditLog(this.table).appendTogether({ source, username }, entry, last);
  }
}
